import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MeetingState } from '@goedwerk/core';
import type { Bus, BusHandler } from '@goedwerk/bus';
import { type CommitBatchRequest, openPglite, type Store } from '@goedwerk/store';
import { testMethod, testSpec } from '../../core/src/test-fixtures.ts';
import { MeetingEngine, meetingChannel } from './engine.ts';
import { TEST_CHECKPOINTS } from './test-harness.ts';

/** A bus that records what is published; optionally one that offers to notify inside the commit. */
class RecordingBus implements Bus {
  readonly kind = 'recording';
  readonly published: [string, string][] = [];
  readonly commitChannel?: (channel: string) => string;
  fail = false;

  constructor(inCommit: boolean) {
    if (inCommit) this.commitChannel = (channel) => `db_${channel.replace(/\W/g, '_')}`;
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.fail) throw new Error('broker away');
    this.published.push([channel, message]);
  }

  async subscribe(_channel: string, _handler: BusHandler): Promise<() => Promise<void>> {
    return async () => {};
  }

  async close(): Promise<void> {}
}

describe('the engine and the bus', () => {
  let store: Store;
  /** Every commit request the engine made, as the store got it. */
  const requests: CommitBatchRequest<unknown, unknown>[] = [];
  let recording: Store;

  before(async () => {
    store = await openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS });
    recording = Object.create(store) as Store;
    recording.commitBatch = <S, E>(request: CommitBatchRequest<S, E>) => {
      requests.push(request as CommitBatchRequest<unknown, unknown>);
      return store.commitBatch(request);
    };
  });
  after(() => store.close());

  it('[BUS-9] with a bus on the store’s own database, the notification goes with the commit and nothing is published after it', async () => {
    const bus = new RecordingBus(true);
    const engine = new MeetingEngine(recording, bus);
    const { meetingId, outcome } = await engine.createMeeting(testSpec, testMethod, 'm-bus9');
    assert.equal(outcome.kind, 'committed');
    const request = requests.at(-1);
    assert.equal(request?.notify?.channel, bus.commitChannel?.(meetingChannel(meetingId)));
    assert.equal(request?.notify?.message(7), '7');
    assert.deepEqual(bus.published, [], 'no second message after the commit');
    // The notification really runs inside the store's transaction (here on the embedded database).
    const started = await engine.execute({ meetingId, commandId: 'start', command: { type: 'StartMeeting' }, actor: { role: 'facilitator' } });
    assert.equal(started.kind, 'committed');
    assert.equal((await store.getMeeting(meetingId))?.seq, started.kind === 'committed' ? started.seq : -1);
  });

  it('[BUS-9] with any other bus, the seq is published after the commit, and only for new events', async () => {
    const bus = new RecordingBus(false);
    const engine = new MeetingEngine(recording, bus);
    const { meetingId, outcome } = await engine.createMeeting(testSpec, testMethod, 'm-plain');
    assert.equal(requests.at(-1)?.notify, undefined);
    assert.equal(outcome.kind, 'committed');
    assert.deepEqual(bus.published, [[meetingChannel(meetingId), String(outcome.kind === 'committed' ? outcome.seq : -1)]]);
    const again = await engine.execute({ meetingId, commandId: `create-${meetingId}`, command: { type: 'CreateMeeting', spec: testSpec, method: testMethod }, actor: { role: 'system' } });
    assert.equal(again.kind, 'duplicate');
    assert.equal(bus.published.length, 1, 'a duplicate publishes nothing');
  });

  it('[ST-23] commands on one meeting that arrive together are committed together, each with its own outcome, one publish for the batch', async () => {
    const bus = new RecordingBus(false);
    const engine = new MeetingEngine(recording, bus);
    const { meetingId } = await engine.createMeeting(testSpec, testMethod, 'm-group');
    await engine.execute({ meetingId, commandId: 'open-group', command: { type: 'OpenMeeting' }, actor: { role: 'facilitator' } });
    const before = requests.length;
    const published = bus.published.length;
    const joins = Array.from({ length: 40 }, (_, i) => {
      const participantId = `person-${String(i).padStart(8, '0')}`;
      return engine.execute({ meetingId, commandId: `join-${participantId}`, command: { type: 'JoinMeeting', acceptConfidentiality: true }, actor: { role: 'participant', participantId } });
    });
    // One of them is refused (a facilitator command from a participant), one is a resend.
    const refused = engine.execute({ meetingId, commandId: 'start-by-participant', command: { type: 'StartMeeting' }, actor: { role: 'participant', participantId: 'person-00000001' } });
    const resend = engine.execute({ meetingId, commandId: 'join-person-00000003', command: { type: 'JoinMeeting', acceptConfidentiality: true }, actor: { role: 'participant', participantId: 'person-00000003' } });
    const outcomes = await Promise.all(joins);
    assert.deepEqual(new Set(outcomes.map((o) => o.kind)), new Set(['committed']));
    const seqs = outcomes.map((o) => (o.kind === 'committed' ? o.seq : -1));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in the order they arrived');
    assert.equal(new Set(seqs).size, 40, 'each its own seq');
    assert.equal((await refused).kind, 'rejected');
    assert.deepEqual(await resend, { kind: 'duplicate', seq: seqs[3] });
    assert.equal(requests.length - before, 1, 'one transaction for all of them');
    assert.deepEqual(bus.published.slice(published), [[meetingChannel(meetingId), String(Math.max(...seqs))]], 'one publish, with the last seq');
    const state = (await store.getMeeting<MeetingState>(meetingId))!.state;
    assert.equal(Object.keys(state.participants).length, 40);
  });

  it('[BUS-10] a publish that fails does not undo or refuse a committed command', async () => {
    const bus = new RecordingBus(false);
    const engine = new MeetingEngine(recording, bus);
    const { meetingId } = await engine.createMeeting(testSpec, testMethod, 'm-bus10');
    bus.fail = true;
    const original = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const outcome = await engine.execute({ meetingId, commandId: 'start', command: { type: 'StartMeeting' }, actor: { role: 'facilitator' } });
      assert.equal(outcome.kind, 'committed');
      assert.equal((await store.getMeeting(meetingId))?.seq, outcome.kind === 'committed' ? outcome.seq : -1);
    } finally {
      console.error = original;
    }
    assert.equal(logged.length, 1, 'the failure is logged once');
    assert.doesNotMatch(String(logged[0]), /broker away/, 'as a kind of error only');
  });
});
