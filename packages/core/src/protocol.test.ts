import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { MAX_CLIENT_MESSAGE_BYTES, PROTOCOL_VERSION, parseClientMessage } from './protocol.ts';

const hello = {
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  meetingId: 'meeting-123',
  credential: { kind: 'participant', participantId: 'participant-1', secret: 'a'.repeat(32) },
};

it('[PR-0] well-formed messages are read into typed values', () => {
  const parsed = parseClientMessage(JSON.stringify(hello));
  assert.ok(parsed.ok);
  assert.equal(parsed.message.type, 'hello');
  const command = parseClientMessage(JSON.stringify({ type: 'command', commandId: 'cmd-00000001', command: { type: 'NextStep' } }));
  assert.ok(command.ok);
});

it('[PR-0] bad JSON, unknown types, extra fields and oversized frames get a precise code', () => {
  const cases: [string, string][] = [
    ['{not json', 'bad_json'],
    [JSON.stringify({ type: 'launch' }), 'bad_message'],
    [JSON.stringify({ ...hello, extra: 1 }), 'bad_message'],
    [JSON.stringify({ type: 'command', commandId: 'short', command: { type: 'NextStep' } }), 'bad_message'],
    [JSON.stringify({ type: 'command', commandId: 'cmd-00000001', command: { type: 'CreateMeeting' } }), 'bad_message'],
    [JSON.stringify({ type: 'command', commandId: 'cmd-00000001', command: { type: 'JoinMeeting', acceptConfidentiality: false } }), 'bad_message'],
    ['x'.repeat(MAX_CLIENT_MESSAGE_BYTES + 1), 'too_large'],
    ['null', 'bad_message'],
    ['[]', 'bad_message'],
  ];
  for (const [raw, code] of cases) {
    const parsed = parseClientMessage(raw);
    assert.equal(parsed.ok, false, raw.slice(0, 60));
    assert.equal(!parsed.ok && parsed.code, code, raw.slice(0, 60));
    assert.ok(!parsed.ok && parsed.message.length > 0);
  }
});

it('[PR-0] random input never throws and is never accepted by accident', () => {
  const seed = Date.now() % 1_000_000;
  console.log(`# fast-check seed ${seed}`);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.anything().map((v) => JSON.stringify(v) ?? '')), (raw) => {
      const parsed = parseClientMessage(raw);
      if (parsed.ok) assert.ok(['hello', 'command', 'ping'].includes(parsed.message.type));
    }),
    { seed, numRuns: 2000 },
  );
});
