import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type MeetingState, PROTOCOL_VERSION, type ServerMessage } from '@goedwerk/core';
import WebSocket from 'ws';
import { eraseParticipantData } from './erasure.ts';
import type { LiveSocket } from './live-hub.ts';
import { startTestServer, TestClient, type TestServer, ticketedWsUrl } from './test-harness.ts';

const cmdId = () => `cmd-${randomBytes(6).toString('hex')}`;
const secret = () => randomBytes(24).toString('base64url');

/** An in-memory socket: the hub needs only send, close and bufferedAmount. */
class MemorySocket implements LiveSocket {
  readonly frames: string[] = [];
  bufferedAmount = 0;
  closed: { code: number; reason: string } | null = null;
  send(data: string) {
    this.frames.push(data);
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
  messages(): ServerMessage[] {
    return this.frames.map((f) => JSON.parse(f) as ServerMessage);
  }
}

async function until(check: () => boolean, what: string, ms = 3000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('live protocol over WebSocket', () => {
  let server: TestServer;
  let meetingId: string;
  let facilitatorToken: string;
  let screenToken: string;
  let joinCode: string;
  const codes = new Map<string, string>();

  const newMeeting = async () => {
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Test' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    await server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    const joinCode = (await server.store.getMeeting<MeetingState>(made.meetingId))?.state.joinCode ?? '';
    return { ...made, joinCode };
  };
  const hello = (id: string, credential: unknown, lastSeq?: number) => ({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    meetingId: id,
    credential,
    ...(lastSeq === undefined ? {} : { lastSeq }),
  });
  const asFacilitator = async (lastSeq?: number) => {
    const c = await TestClient.connect(server.wsUrl);
    c.send(hello(meetingId, { kind: 'facilitator', token: facilitatorToken }, lastSeq));
    await c.next('welcome');
    return c;
  };
  const asParticipant = async (id = meetingId, participantId = `p-${randomBytes(5).toString('hex')}`, s = secret()) => {
    const c = await TestClient.connect(server.wsUrl);
    c.send(hello(id, { kind: 'participant', participantId, secret: s, joinCode: codes.get(id) ?? joinCode }));
    await c.next('welcome');
    return c;
  };
  const seqOf = async (id = meetingId) => (await server.store.getMeeting(id))?.seq ?? -1;

  before(async () => {
    server = await startTestServer();
    ({ meetingId, facilitatorToken, screenToken, joinCode } = await newMeeting());
  });
  after(() => server.close());

  it('[PR-1] a client of another protocol version is told so and closed', async () => {
    const c = await TestClient.connect(server.wsUrl);
    c.send({ ...hello(meetingId, { kind: 'facilitator', token: facilitatorToken }), protocol: 99 });
    assert.equal((await c.next('error')).code, 'unsupported_protocol');
    assert.equal((await c.waitClosed()).code, 1002);
  });

  it('[PR-2] a wrong token and an unknown meeting get the same refusal', async () => {
    for (const [id, token] of [
      [meetingId, secret()],
      ['no-such-meeting', facilitatorToken],
    ] as const) {
      const c = await TestClient.connect(server.wsUrl);
      c.send(hello(id, { kind: 'facilitator', token }));
      const error = await c.next('error');
      assert.equal(error.code, 'not_authenticated');
      assert.equal((await c.waitClosed()).code, 1008);
    }
    const screen = await TestClient.connect(server.wsUrl);
    screen.send(hello(meetingId, { kind: 'facilitator', token: screenToken }));
    assert.equal((await screen.next('error')).code, 'not_authenticated', 'the screen token is not a facilitator token');
  });

  it('[PR-3] a command before hello is refused and changes nothing', async () => {
    const before = await seqOf();
    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'command', commandId: cmdId(), command: { type: 'StartMeeting' } });
    assert.equal((await c.next('error')).code, 'not_authenticated');
    assert.equal(await seqOf(), before);
    c.close();
  });

  it('[PR-4] an ack comes after the commit, and a resend is applied once', async () => {
    const c = await asFacilitator();
    const commandId = cmdId();
    c.send({ type: 'command', commandId, command: { type: 'StartMeeting' } });
    const ack = await c.next('ack');
    assert.equal(ack.commandId, commandId);
    assert.equal(ack.duplicate, false);
    assert.equal(ack.seq, await seqOf(), 'the acknowledged seq is committed');
    c.send({ type: 'command', commandId, command: { type: 'StartMeeting' } });
    const again = await c.next('ack');
    assert.deepEqual(again, { type: 'ack', commandId, seq: ack.seq, duplicate: true });
    const started = (await server.store.eventsSince(meetingId, 0)).filter((e) => (e.event as { type: string }).type === 'MeetingStarted');
    assert.equal(started.length, 1);
    c.close();
  });

  it('[PR-4] a refused command is answered with its reason and changes nothing', async () => {
    const c = await asFacilitator();
    const before = await seqOf();
    c.send({ type: 'command', commandId: cmdId(), command: { type: 'GoToStep', stepId: 'no-such-step' } });
    const rejected = await c.next('rejected');
    assert.equal(rejected.code, 'no_such_step');
    const p = await asParticipant();
    p.send({ type: 'command', commandId: cmdId(), command: { type: 'NextStep' } });
    assert.equal((await p.next('rejected')).code, 'forbidden', 'participants do not move the agenda');
    assert.equal(await seqOf(), before);
    c.close();
    p.close();
  });

  it('[PR-5] a first connect gets a snapshot; a reconnect gets only what it missed', async () => {
    const first = await asFacilitator();
    const snap = await first.next('snapshot');
    assert.equal(snap.seq, await seqOf());
    assert.equal((snap.state as MeetingState).id, meetingId);
    first.close();
    const lastSeq = snap.seq;
    const mover = await asFacilitator();
    mover.send({ type: 'command', commandId: cmdId(), command: { type: 'NextStep' } });
    await mover.next('ack');
    mover.send({ type: 'command', commandId: cmdId(), command: { type: 'NextStep' } });
    const ack = await mover.next('ack');
    const back = await asFacilitator(lastSeq);
    const missed = await back.next('events');
    assert.deepEqual(missed.events.map((e) => e.seq), [lastSeq + 1, lastSeq + 2]);
    assert.equal(missed.seq, ack.seq);
    assert.ok(!back.received.some((m) => m.type === 'snapshot'));
    // Reconnecting before anything new happened: a welcome and nothing else.
    const current = await asFacilitator(ack.seq);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(current.received.map((m) => m.type), ['welcome']);
    for (const c of [mover, back, current]) c.close();
  });

  it('[PR-5] a client that claims a seq from the future gets a snapshot', async () => {
    const c = await asFacilitator(10_000);
    const snap = await c.next('snapshot');
    assert.equal(snap.seq, await seqOf());
    c.close();
  });

  it('[PR-6] [VW-8] committed events reach every socket that may see them: names for the facilitator only, an arrival to the screen and the newcomer, not to other phones', async () => {
    const facilitator = await asFacilitator();
    await facilitator.next('snapshot');
    const screen = await TestClient.connect(server.wsUrl);
    screen.send(hello(meetingId, { kind: 'screen', token: screenToken }));
    await screen.next('snapshot');
    const watcher = await asParticipant();
    const watcherSnapshot = await watcher.next('snapshot');
    assert.deepEqual((watcherSnapshot.state as MeetingState).participants, {}, 'a phone is told of nobody');
    const joinerId = `p-${randomBytes(5).toString('hex')}`;
    const joinerSecret = secret();
    const joiner = await asParticipant(meetingId, joinerId, joinerSecret);
    await joiner.next('snapshot');
    joiner.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Canary Joiner' } });
    const ack = await joiner.next('ack');
    const toFacilitator = await facilitator.next('events');
    const toScreen = await screen.next('events');
    for (const frame of [toFacilitator, toScreen]) assert.equal(frame.seq, ack.seq);
    assert.match(JSON.stringify(toFacilitator), /Canary Joiner/);
    assert.doesNotMatch(JSON.stringify(toScreen), /Canary Joiner/);
    assert.deepEqual(toScreen.events.map((e) => e.event.type === 'ParticipantJoined' && e.event.participantId), [joinerId]);
    // The newcomer's phone gets its own record, no name, and no event of its arrival.
    const own = await joiner.next('self');
    assert.equal(own.participant.id, joinerId);
    assert.doesNotMatch(JSON.stringify(own), /Canary Joiner/);
    // The facilitator sees the next event after the arrival; the other phone got no frame for it.
    facilitator.send({ type: 'command', commandId: cmdId(), command: { type: 'NextStep' } });
    const moved = await facilitator.next('ack');
    const toWatcher = await watcher.next('events');
    assert.equal(toWatcher.seq, moved.seq);
    assert.ok(!toWatcher.events.some((e) => e.event.type === 'ParticipantJoined'), 'no arrival reaches another phone');
    assert.equal(watcher.received.filter((m) => m.type === 'events').length, 1, 'one frame: the step, not the arrival');
    assert.ok(!watcher.received.some((m) => m.type === 'self'), 'no record of another');
    assert.equal((await joiner.next('events')).seq, moved.seq, 'the newcomer: the next frame is the step');
    // Back after a reconnect: a snapshot that names nobody, then its own record.
    joiner.close();
    const back = await asParticipant(meetingId, joinerId, joinerSecret);
    assert.deepEqual(((await back.next('snapshot')).state as MeetingState).participants, {});
    const self = await back.next('self');
    assert.equal(self.participant.id, joinerId);
    assert.match(self.participant.joinedAt, /^\d{4}-\d\d-\d\dT/);
    for (const c of [facilitator, screen, watcher, back]) c.close();
  });

  it('[PR-6] participants of one meeting receive nothing of another', async () => {
    const other = await newMeeting();
    codes.set(other.meetingId, other.joinCode);
    const inA = await asParticipant();
    await inA.next('snapshot');
    const otherFacilitator = await TestClient.connect(server.wsUrl);
    otherFacilitator.send(hello(other.meetingId, { kind: 'facilitator', token: other.facilitatorToken }));
    await otherFacilitator.next('welcome');
    otherFacilitator.send({ type: 'command', commandId: cmdId(), command: { type: 'StartMeeting' } });
    await otherFacilitator.next('ack');
    const inB = await asParticipant(other.meetingId);
    inB.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true } });
    await inB.next('ack');
    await new Promise((r) => setTimeout(r, 150));
    const leaked = inA.received.filter((m) => JSON.stringify(m).includes(other.meetingId)).length;
    assert.equal(leaked, 0);
    assert.ok(!inA.received.some((m) => m.type === 'events'), 'nothing happened in meeting A');
    for (const c of [inA, otherFacilitator, inB]) c.close();
  });

  it('[PR-0] garbage frames get an error, change nothing and leave the server running', async () => {
    const before = await seqOf();
    const c = await asFacilitator();
    const garbage = ['', '{', 'null', '42', '"hello"', '{"type":"command"}', '{"type":"hello"}', '{"__proto__":{"x":1}}', JSON.stringify({ type: 'command', commandId: cmdId(), command: { type: 'DropTables' } })];
    for (const g of garbage) c.send(g);
    c.socket.send(Buffer.from([0xff, 0x00, 0xfe]), { binary: true });
    await until(() => c.received.filter((m) => m.type === 'error').length >= garbage.length + 1, 'an error per frame');
    assert.equal(await seqOf(), before);
    c.send({ type: 'ping' });
    await c.next('pong');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    c.close();
  });

  it('[PR-0] an oversized frame closes that socket only', async () => {
    const c = await asFacilitator();
    c.send('x'.repeat(64 * 1024));
    assert.equal((await c.waitClosed()).code, 1009);
    const d = await asFacilitator();
    d.send({ type: 'ping' });
    await d.next('pong');
    d.close();
  });

  it('[PR-0] a flood of messages is rate limited', async () => {
    const c = await asFacilitator();
    for (let i = 0; i < 200; i++) c.send({ type: 'ping' });
    await until(() => c.received.filter((m) => m.type === 'pong' || m.type === 'error').length >= 200, 'an answer per ping');
    const limited = c.received.filter((m) => m.type === 'error' && m.code === 'rate_limited').length;
    assert.ok(limited > 100, `${limited} of 200 were limited`);
    c.close();
  });

  it('[PR-8] a WebSocket handshake from a foreign origin is refused', async () => {
    // With a good ticket: the origin alone is refused.
    const socket = new WebSocket(await ticketedWsUrl(server.url), { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    assert.equal(status, 403);
    const same = await TestClient.connect(server.wsUrl, { origin: server.url });
    same.close();
  });

  it('[PR-6] a broadcast is serialised once per role-view, however many sockets', async () => {
    const made = await newMeeting();
    const sockets: MemorySocket[] = [];
    const connect = async (credential: unknown) => {
      const socket = new MemorySocket();
      const handlers = server.hub.accept(socket);
      await handlers.onMessage(JSON.stringify(hello(made.meetingId, credential)));
      sockets.push(socket);
      return { socket, handlers };
    };
    const f = await connect({ kind: 'facilitator', token: made.facilitatorToken });
    await connect({ kind: 'screen', token: made.screenToken });
    for (let i = 0; i < 6; i++) await connect({ kind: 'participant', participantId: `mem-${i}-abcdef`, secret: secret(), joinCode: made.joinCode });
    await until(() => sockets.every((s) => s.messages().some((m) => m.type === 'snapshot')), 'snapshots');
    const before = server.hub.stats.serializations;
    await f.handlers.onMessage(JSON.stringify({ type: 'command', commandId: cmdId(), command: { type: 'StartMeeting' } }));
    await until(() => sockets.every((s) => s.messages().some((m) => m.type === 'events')), 'events on every socket');
    assert.equal(server.hub.stats.serializations - before, 3, 'facilitator, screen and participant view');
  });

  it('[PR-12] a newcomer needs the join code; a returning participant does not; the removed stay out', async () => {
    const made = await newMeeting();
    const participantId = `p-${randomBytes(5).toString('hex')}`;
    const s = secret();
    const attempt = async (credential: Record<string, unknown>) => {
      const c = await TestClient.connect(server.wsUrl);
      c.send(hello(made.meetingId, { kind: 'participant', participantId, secret: s, ...credential }));
      await until(() => c.received.length > 0, 'an answer to hello');
      const first = c.received[0] as ServerMessage;
      if (first.type === 'welcome') await c.next('welcome');
      return { c, first: first.type };
    };
    assert.equal((await attempt({})).first, 'error', 'no code');
    assert.equal((await attempt({ joinCode: 'ZZZZZZZZ' })).first, 'error', 'wrong code');
    const joined = await attempt({ joinCode: made.joinCode.toLowerCase() });
    assert.equal(joined.first, 'welcome', 'the code, in any case');
    joined.c.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true } });
    await joined.c.next('ack');
    joined.c.close();
    const back = await attempt({});
    assert.equal(back.first, 'welcome', 'a returning participant needs no code');
    const other = await attempt({ joinCode: made.joinCode, secret: secret() });
    assert.equal(other.first, 'error', 'the same id with another secret is refused');
    // Removal: the socket is told and closed, and the participant cannot come back.
    await server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'RemoveParticipant', participantId }, actor: { role: 'facilitator' } });
    assert.deepEqual(await back.c.next('goodbye'), { type: 'goodbye', reason: 'removed' });
    await back.c.waitClosed();
    assert.equal((await attempt({ joinCode: made.joinCode })).first, 'error');
  });

  it('[PR-12] a locked meeting lets no newcomer in, also not one who already said hello', async () => {
    const made = await newMeeting();
    const early = await TestClient.connect(server.wsUrl);
    early.send(hello(made.meetingId, { kind: 'participant', participantId: `p-${randomBytes(5).toString('hex')}`, secret: secret(), joinCode: made.joinCode }));
    await early.next('welcome');
    await server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'LockMeeting' }, actor: { role: 'facilitator' } });
    early.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true } });
    assert.equal((await early.next('rejected')).code, 'meeting_locked');
    const late = await TestClient.connect(server.wsUrl);
    late.send(hello(made.meetingId, { kind: 'participant', participantId: `p-${randomBytes(5).toString('hex')}`, secret: secret(), joinCode: made.joinCode }));
    assert.equal((await late.next('error')).code, 'not_authenticated');
    early.close();
  });

  it('[PR-13] tallies go out in batches: a burst of answers reaches the room in few frames, the final state always', async () => {
    const made = await newMeeting();
    const f = await TestClient.connect(server.wsUrl);
    f.send(hello(made.meetingId, { kind: 'facilitator', token: made.facilitatorToken }));
    await f.next('snapshot');
    const voters = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const c = await TestClient.connect(server.wsUrl);
        c.send(hello(made.meetingId, { kind: 'participant', participantId: `p-${randomBytes(5).toString('hex')}`, secret: secret(), joinCode: made.joinCode }));
        await c.next('welcome');
        c.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true } });
        await c.next('ack');
        return c;
      }),
    );
    f.send({ type: 'command', commandId: cmdId(), command: { type: 'StartMeeting' } });
    await f.next('ack');
    f.send({ type: 'command', commandId: cmdId(), command: { type: 'GoToStep', stepId: 'praktijkvragen' } });
    const moved = await f.next('ack');
    await new Promise((r) => setTimeout(r, 250));
    const framesBefore = f.received.filter((m) => m.type === 'events').length;
    for (const [i, v] of voters.entries()) {
      v.send({ type: 'command', commandId: cmdId(), command: { type: 'SubmitContribution', stepId: 'praktijkvragen', contributionId: `card-${i}-${randomBytes(4).toString('hex')}`, payload: { kind: 'card', text: `vraag ${i}` } } });
    }
    await Promise.all(voters.map((v) => v.next('ack')));
    const last = (await server.store.getMeeting(made.meetingId))?.seq ?? 0;
    assert.equal(last, moved.seq + 12);
    await until(() => f.received.some((m) => m.type === 'events' && m.seq === last), 'the final state reaches the facilitator');
    const frames = f.received.filter((m) => m.type === 'events').length - framesBefore;
    assert.ok(frames < 12, `${frames} frames for 12 answers`);
    const seen = f.received.flatMap((m) => (m.type === 'events' ? m.events.map((e) => e.seq) : [])).filter((seq) => seq > moved.seq);
    assert.deepEqual([...new Set(seen)].sort((a, b) => a - b), Array.from({ length: 12 }, (_, i) => moved.seq + 1 + i));
    for (const c of [f, ...voters]) c.close();
  });

  it('[PR-14] [PR-20] before a reveal the screen counts answers without reading them; the reveal sends the step, not a snapshot', async () => {
    const made = await newMeeting();
    const screen = await TestClient.connect(server.wsUrl);
    screen.send(hello(made.meetingId, { kind: 'screen', token: made.screenToken }));
    await screen.next('snapshot');
    codes.set(made.meetingId, made.joinCode);
    const p = await asParticipant(made.meetingId);
    p.send({ type: 'command', commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true } });
    await p.next('ack');
    const run = (command: Record<string, unknown>) =>
      server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: command as never, actor: { role: 'facilitator' } });
    await run({ type: 'StartMeeting' });
    await run({ type: 'GoToStep', stepId: 'praktijkvragen' });
    p.send({ type: 'command', commandId: 'card-canary-0001', command: { type: 'SubmitContribution', stepId: 'praktijkvragen', contributionId: 'card-canary-0001', payload: { kind: 'card', text: 'Canary question' } } });
    await p.next('ack');
    await until(() => screen.received.some((m) => m.type === 'events' && JSON.stringify(m).includes('ContributionSubmitted')), 'the count reaches the screen');
    assert.doesNotMatch(JSON.stringify(screen.received), /Canary question|card-canary-0001/);
    const snapshotsBefore = screen.received.filter((m) => m.type === 'snapshot').length;
    await run({ type: 'RevealResults', stepId: 'praktijkvragen' });
    await until(() => screen.received.some((m) => m.type === 'events' && m.steps !== undefined), 'the revealed step reaches the screen');
    const revealed = screen.received.find((m) => m.type === 'events' && m.steps !== undefined) as Extract<ServerMessage, { type: 'events' }>;
    assert.deepEqual(Object.keys(revealed.steps ?? {}), ['praktijkvragen'], 'only the revealed step comes whole');
    assert.match(JSON.stringify(revealed), /Canary question/);
    assert.doesNotMatch(JSON.stringify(revealed), /card-canary-0001/, 'the real contribution id is never shown');
    assert.equal(screen.received.filter((m) => m.type === 'snapshot').length, snapshotsBefore, 'no snapshot');
    // What the screen holds after applying it is what a snapshot would have given.
    const stored = await server.store.getMeeting<MeetingState>(made.meetingId);
    assert.ok(stored);
    const fresh = await TestClient.connect(server.wsUrl);
    fresh.send(hello(made.meetingId, { kind: 'screen', token: made.screenToken }));
    const snap = await fresh.next('snapshot');
    assert.deepEqual(revealed.steps?.['praktijkvragen'], (snap.state as MeetingState).steps['praktijkvragen']);
    fresh.close();
    screen.close();
    p.close();
  });

  it('[PR-15] renewed secret links replace the old ones', async () => {
    const made = await newMeeting();
    const renewed = await server.engine.renewLinks(made.meetingId);
    assert.ok(renewed);
    assert.equal(await server.engine.renewLinks('no-such-meeting'), null);
    const old = await TestClient.connect(server.wsUrl);
    old.send(hello(made.meetingId, { kind: 'facilitator', token: made.facilitatorToken }));
    assert.equal((await old.next('error')).code, 'not_authenticated');
    const fresh = await TestClient.connect(server.wsUrl);
    fresh.send(hello(made.meetingId, { kind: 'screen', token: renewed.screenToken }));
    assert.equal((await fresh.next('welcome')).role, 'screen');
    fresh.close();
  });

  it('[PR-19] a console that connects after an erasure gets the erased state, not a snapshot shared before it', async () => {
    const made = await newMeeting();
    const canary = `Canary ${randomBytes(4).toString('hex')}`;
    const participantId = `p-${randomBytes(5).toString('hex')}`;
    await server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: canary }, actor: { role: 'participant', participantId } });
    const console1 = await TestClient.connect(server.wsUrl);
    console1.send(hello(made.meetingId, { kind: 'facilitator', token: made.facilitatorToken }));
    const before = await console1.next('snapshot');
    assert.ok(JSON.stringify(before).includes(canary), 'the console sees the name before the erasure');
    // The erasure rewrites the state at the same seq (ST-24); the room's shared frame is of the old state.
    const seq = (await server.store.getMeeting(made.meetingId))?.seq;
    assert.ok(await eraseParticipantData(server.store, made.meetingId, participantId, new Date().toISOString()));
    assert.equal((await server.store.getMeeting(made.meetingId))?.seq, seq, 'the same seq after the erasure');
    const console2 = await TestClient.connect(server.wsUrl);
    console2.send(hello(made.meetingId, { kind: 'facilitator', token: made.facilitatorToken }));
    const after = await console2.next('snapshot');
    assert.equal(after.seq, seq);
    assert.ok(!JSON.stringify(after).includes(canary), 'the erased name is in no snapshot sent after the erasure');
    console1.close();
    console2.close();
  });

  it('[PR-7] a socket whose send buffer passes the limit is cut off', async () => {
    const made = await newMeeting();
    const slow = new MemorySocket();
    const handlers = server.hub.accept(slow);
    await handlers.onMessage(JSON.stringify(hello(made.meetingId, { kind: 'screen', token: made.screenToken })));
    await until(() => slow.messages().some((m) => m.type === 'snapshot'), 'snapshot');
    slow.bufferedAmount = 2 * 1024 * 1024;
    const cutBefore = server.hub.stats.cutOff;
    await server.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'StartMeeting' }, actor: { role: 'facilitator' } });
    await until(() => slow.closed !== null, 'cut off');
    assert.equal(slow.closed?.code, 1013);
    assert.equal(server.hub.stats.cutOff - cutBefore, 1);
  });
});

describe('join-code guessing over the live connection', () => {
  it('[PR-16] wrong codes in a hello count toward the same per-address limit as POST /api/join', async () => {
    const own = await startTestServer();
    try {
      const method = own.content.methods.get('goed-werk-hub');
      assert.ok(method);
      const made = await own.engine.createMeeting({ methodId: method.id, title: { nl: 'Raden' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      await own.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
      const code = (await own.store.getMeeting<MeetingState>(made.meetingId))?.state.joinCode;
      assert.ok(code);
      const tryCode = async (joinCode: string) => {
        const c = await TestClient.connect(own.wsUrl);
        c.send({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId: made.meetingId, credential: { kind: 'participant', participantId: `g-${randomBytes(5).toString('hex')}`, secret: secret(), joinCode } });
        await until(() => c.received.length > 0, 'an answer');
        c.close();
        const first = c.received[0] as ServerMessage;
        return first.type === 'error' ? first.code : first.type;
      };
      // The right code for a locked meeting is no guess: it does not count.
      await own.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'LockMeeting' }, actor: { role: 'facilitator' } });
      for (let i = 0; i < 12; i++) assert.equal(await tryCode(code), 'not_authenticated');
      await own.engine.execute({ meetingId: made.meetingId, commandId: cmdId(), command: { type: 'UnlockMeeting' }, actor: { role: 'facilitator' } });
      for (let i = 0; i < 9; i++) assert.equal(await tryCode('ZZZZZZZZ'), 'not_authenticated');
      // The tenth wrong guess comes by HTTP: both ways in share one count.
      const res = await fetch(`${own.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'YYYYYYYY' }) });
      assert.equal(res.status, 404);
      assert.equal(await tryCode(code), 'rate_limited', 'blocked now, even with the right code');
    } finally {
      await own.close();
    }
  });
});
