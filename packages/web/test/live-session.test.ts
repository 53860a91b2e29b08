import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { MeetingState } from '@goedwerk/core';
import WebSocket from 'ws';
import { liveTicket, startTestServer, type TestServer } from '../../server/src/test-harness.ts';
import { type KeyValueStore, LiveSession, type SocketLike } from '../src/live/session.ts';
import { MemoryStorage, until } from '../../server/test/helpers.ts';



describe('the browser’s live session, against a real server', () => {
  let server: TestServer;
  let meetingId: string;
  let token: string;
  const sockets: WebSocket[] = [];
  const createSocket = (url: string) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    return ws as unknown as SocketLike;
  };
  const sessions: LiveSession[] = [];
  const session = (storage: KeyValueStore, url = server.wsUrl) => {
    const made = new LiveSession({
      url,
      // Each connect asks the server behind `url` for a ticket (a dead address: the fetch fails).
      ticket: () => liveTicket(url),
      meetingId,
      credential: { kind: 'facilitator', token },
      createSocket,
      storage,
      outboxKey: 'outbox',
      baseDelayMs: 20,
      maxDelayMs: 200,
    });
    sessions.push(made);
    return made;
  };

  before(async () => {
    server = await startTestServer();
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Sessie' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    meetingId = made.meetingId;
    token = made.facilitatorToken;
  });
  after(async () => {
    // Also after a failed test: no session may keep reconnecting and hold the process open.
    for (const s of sessions) s.stop();
    for (const s of sockets) s.terminate();
    await server.close();
  });

  it('[CL-1] a command resolves after the commit and the state follows the events', async () => {
    const s = session(new MemoryStorage());
    s.start();
    await until(() => s.connection === 'open' && s.state !== null, 'connected with a snapshot');
    assert.deepEqual(await s.send({ type: 'OpenMeeting' }), { ok: true, seq: 2, duplicate: false });
    await s.send({ type: 'StartMeeting' });
    await until(() => s.state?.status === 'running', 'running');
    const stored = await server.store.getMeeting<MeetingState>(meetingId);
    assert.equal(s.seq, stored?.seq);
    assert.deepEqual(s.state, stored?.state);
    assert.equal(s.pending.length, 0);
    s.stop();
  });

  it('[CL-6] [VW-8] a phone sees itself once it has joined, and nobody else; a reloaded page gets its own record again', async () => {
    const joinCode = (await server.store.getMeeting<MeetingState>(meetingId))?.state.joinCode;
    assert.ok(joinCode);
    const phone = (participantId: string, secret: string) => {
      const made = new LiveSession({
        url: server.wsUrl,
        ticket: () => liveTicket(server.wsUrl),
        meetingId,
        credential: { kind: 'participant', participantId, secret, joinCode },
        createSocket,
        storage: new MemoryStorage(),
        outboxKey: 'outbox',
        baseDelayMs: 20,
        maxDelayMs: 200,
      });
      sessions.push(made);
      made.start();
      return made;
    };
    const newId = () => `p-${randomBytes(6).toString('hex')}`;
    const newSecret = () => randomBytes(24).toString('base64url');
    const otherId = newId();
    const other = phone(otherId, newSecret());
    await until(() => other.state !== null, 'the other phone has a snapshot');
    assert.equal((await other.send({ type: 'JoinMeeting', acceptConfidentiality: true })).ok, true);
    await until(() => other.state?.participants[otherId] !== undefined, 'the other phone sees itself');
    const myId = newId();
    const mySecret = newSecret();
    const me = phone(myId, mySecret);
    await until(() => me.state !== null, 'a snapshot');
    assert.deepEqual(me.state?.participants, {}, 'before joining: nobody, not the one who joined before');
    assert.equal((await me.send({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Canary Phone' })).ok, true);
    await until(() => me.state?.participants[myId] !== undefined, 'its own record');
    assert.deepEqual(Object.keys(me.state?.participants ?? {}), [myId]);
    assert.equal(me.state?.participants[myId]?.displayName, undefined, 'no name, not even its own');
    // The console counts both; the other phone still knows only itself.
    const stored = await server.store.getMeeting<MeetingState>(meetingId);
    assert.ok(stored?.state.participants[myId] && stored.state.participants[otherId]);
    assert.deepEqual(Object.keys(other.state?.participants ?? {}), [otherId]);
    // A reload: a new session with the same identity gets a snapshot of nobody and then its own record.
    me.stop();
    const again = phone(myId, mySecret);
    await until(() => again.state?.participants[myId] !== undefined, 'its own record after the reload');
    assert.deepEqual(again.state?.participants, { [myId]: { id: myId, joinedAt: stored.state.participants[myId]?.joinedAt } });
    for (const s of [other, again]) s.stop();
  });

  it('[CL-2] a command sent while disconnected is delivered once after reconnect', async () => {
    const s = session(new MemoryStorage());
    s.start();
    await until(() => s.connection === 'open', 'connected');
    const before = (await server.store.getMeeting(meetingId))?.seq ?? 0;
    // Every state the session passes through: the reconnect can be quicker than any poll.
    const seen: string[] = [];
    s.subscribe(() => seen.push(s.connection));
    // Cut the connection, then send at once.
    for (const ws of sockets) ws.terminate();
    await until(() => seen.includes('reconnecting'), 'noticed the drop');
    const outcome = s.send({ type: 'StartTimer', seconds: 60 });
    assert.equal(s.pending.length, 1);
    assert.deepEqual(await outcome, { ok: true, seq: before + 1, duplicate: false });
    await until(() => s.state?.timer !== null && s.seq === before + 1, 'timer in state');
    s.stop();
  });

  it('[CL-3] the outbox survives a reload: a new session with the same storage sends it once', async () => {
    const storage = new MemoryStorage();
    const dead = session(storage, 'ws://127.0.0.1:9/ws');
    dead.start();
    void dead.send({ type: 'PauseTimer' }, 'cmd-reload-000001');
    dead.stop();
    assert.ok(storage.getItem('outbox')?.includes('cmd-reload-000001'));
    const before = (await server.store.getMeeting(meetingId))?.seq ?? 0;
    const reloaded = session(storage);
    assert.equal(reloaded.pending.length, 1);
    reloaded.start();
    await until(() => reloaded.pending.length === 0, 'outbox emptied');
    assert.equal((await server.store.getMeeting(meetingId))?.seq, before + 1);
    assert.equal(storage.getItem('outbox'), null);
    // Sent again by mistake (a second tab with the same outbox): still applied once.
    storage.setItem('outbox', JSON.stringify([{ commandId: 'cmd-reload-000001', command: { type: 'PauseTimer' } }]));
    const twin = session(storage);
    twin.start();
    await until(() => twin.pending.length === 0, 'duplicate settled');
    assert.equal((await server.store.getMeeting(meetingId))?.seq, before + 1);
    reloaded.stop();
    twin.stop();
  });

  it('[CL-4] a wrong token is refused for good: no reconnect loop', async () => {
    const s = new LiveSession({
      url: server.wsUrl,
      ticket: () => liveTicket(server.url),
      meetingId,
      credential: { kind: 'facilitator', token: randomBytes(32).toString('base64url') },
      createSocket,
      storage: new MemoryStorage(),
      outboxKey: 'x',
      baseDelayMs: 10,
    });
    s.start();
    await until(() => s.connection === 'refused', 'refused');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(s.connection, 'refused');
  });

  it('[AC-15] every connect and reconnect fetches a fresh ticket; a failed fetch is a failed attempt, tried again after the backoff', async () => {
    const asked: number[] = [];
    const opened: string[] = [];
    let failures = 2;
    const s = new LiveSession({
      url: server.wsUrl,
      ticket: async () => {
        asked.push(Date.now());
        if (failures-- > 0) throw new Error('no ticket now');
        return liveTicket(server.url);
      },
      meetingId,
      credential: { kind: 'facilitator', token },
      createSocket: (url) => {
        opened.push(url);
        return createSocket(url);
      },
      storage: new MemoryStorage(),
      outboxKey: 'tickets',
      // The longest wait each time: 40 ms, then 80 ms, then (after a welcome) 40 ms again.
      random: () => 1,
      baseDelayMs: 40,
      maxDelayMs: 400,
    });
    sessions.push(s);
    s.start();
    await until(() => s.connection === 'open', 'connected after two failed ticket fetches');
    assert.equal(asked.length, 3, 'one fetch per attempt');
    assert.equal(opened.length, 1, 'no socket is opened without a ticket');
    const gaps = [(asked[1] ?? 0) - (asked[0] ?? 0), (asked[2] ?? 0) - (asked[1] ?? 0)];
    assert.ok((gaps[0] ?? 0) >= 38 && (gaps[1] ?? 0) >= 78, `the backoff grows between failed fetches: ${gaps.join(', ')} ms`);
    // Cut the connection: the reconnect asks for a new ticket; the spent one is not presented again.
    for (const ws of sockets) ws.terminate();
    await until(() => opened.length === 2 && s.connection === 'open', 'reconnected');
    assert.equal(asked.length, 4);
    const ticketOf = (url: string | undefined) => new URL(url ?? '').searchParams.get('ticket');
    assert.ok(ticketOf(opened[0]) && ticketOf(opened[1]));
    assert.notEqual(ticketOf(opened[0]), ticketOf(opened[1]));
    s.stop();
  });

  it('[CL-5] commands the server dropped over its rate limit are sent again until all are acknowledged', async () => {
    const strict = await startTestServer({ live: { rateBurst: 5, ratePerSecond: 5 } });
    try {
      const method = strict.content.methods.get('goed-werk-hub');
      assert.ok(method);
      const made = await strict.engine.createMeeting({ methodId: method.id, title: { nl: 'Druk' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      const s = new LiveSession({ url: strict.wsUrl, ticket: () => liveTicket(strict.url), meetingId: made.meetingId, credential: { kind: 'facilitator', token: made.facilitatorToken }, createSocket, storage: new MemoryStorage(), outboxKey: 'o' });
      s.start();
      await until(() => s.connection === 'open', 'connected');
      await s.send({ type: 'OpenMeeting' });
      await s.send({ type: 'StartMeeting' });
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => s.send(i % 2 === 0 ? { type: 'StartTimer', seconds: 60 + i } : { type: 'ClearTimer' })));
      assert.ok(outcomes.every((o) => o.ok));
      assert.equal(s.pending.length, 0);
      s.stop();
    } finally {
      await strict.close();
    }
  });
});
