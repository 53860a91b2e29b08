/**
 * [RL-4] Join-code guessing: 10,000 wrong guesses from one address against POST /api/join are
 * blocked after 10 failures, forged forwarding headers neither reset nor bypass the count, and
 * the real participant on another address still joins. The live socket's `hello`, which also
 * takes a join code, must not be a way around the limit.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { JOIN_CODE_ALPHABET, type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import WebSocket from 'ws';
import { startTestServer, type TestServer, ticketedWsUrl } from '../src/test-harness.ts';
import { between, figure, newId, newSecret, seededRandom, testSeed } from './helpers.ts';

const GUESSES = 10_000;
const LIMIT = 10;
const ATTACKER = '127.0.0.1';
const PARTICIPANT = '127.0.0.2';
/** A third loopback address, for the WebSocket route, so its count starts at nothing. */
const SOCKET_ATTACKER = '127.0.0.3';
/** A network several people share (one public address for a whole venue). */
const SHARED_NETWORK = '127.0.0.4';

describe('[RL-4] join-code guessing is limited per address', { timeout: 5 * 60_000 }, () => {
  const seed = testSeed('join-guard');
  const random = seededRandom(seed);
  let server: TestServer;
  let meetingId: string;
  let joinCode: string;
  const agents: Agent[] = [];
  const agentFor = (localAddress: string) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 32, localAddress } as ConstructorParameters<typeof Agent>[0]);
    agents.push(agent);
    return agent;
  };

  /** A wrong code of the real shape (8 characters of the join-code alphabet). */
  const wrongCode = () => {
    for (;;) {
      let code = '';
      for (let i = 0; i < 8; i++) code += JOIN_CODE_ALPHABET[between(random, 0, JOIN_CODE_ALPHABET.length - 1)];
      if (code !== joinCode) return code;
    }
  };
  const forgedIp = () => `${between(random, 1, 223)}.${between(random, 0, 255)}.${between(random, 0, 255)}.${between(random, 1, 254)}`;
  /** Every header a proxy might set, each claiming another client. */
  const forgedHeaders = () => {
    const ip = forgedIp();
    return { 'x-forwarded-for': `${ip}, ${forgedIp()}`, 'x-real-ip': ip, forwarded: `for=${ip}`, 'x-client-ip': ip, 'true-client-ip': ip };
  };

  const postJoin = (agent: Agent, code: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ code });
      const req = request(
        `${server.url}/api/join`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  before(async () => {
    server = await startTestServer();
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Raden' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    meetingId = made.meetingId;
    await server.engine.execute({ meetingId, commandId: `open-${meetingId}`, command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    joinCode = (await server.store.getMeeting<MeetingState>(meetingId))?.state.joinCode ?? '';
    assert.match(joinCode, /^[A-Z2-9]{8}$/);
  });
  after(async () => {
    for (const agent of agents) agent.destroy();
    await server?.close();
  });

  it('[RL-4] 10,000 guesses from one address: blocked after 10 failures, forged forwarding headers change nothing, the real participant still joins', async () => {
    const attacker = agentFor(ATTACKER);
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const started = Date.now();

    // One at a time until the block, so "before the first 429" is exact. Every guess claims
    // to come from somewhere else.
    let acceptedBeforeBlock = 0;
    let sent = 0;
    for (; sent < 3 * LIMIT; sent++) {
      const { status } = await postJoin(attacker, wrongCode(), forgedHeaders());
      count(status);
      if (status === 429) break;
      assert.equal(status, 404, 'a wrong code is answered 404 until the block');
      acceptedBeforeBlock++;
    }
    sent++;
    figure('join_guesses_before_block', acceptedBeforeBlock);
    assert.equal(acceptedBeforeBlock, LIMIT, `blocked after ${LIMIT} failures`);

    // The rest in concurrent batches: all refused, whatever the headers say, also the right code.
    let rightCodeRefused = 0;
    while (sent < GUESSES) {
      const batch = Math.min(200, GUESSES - sent);
      const results = await Promise.all(
        Array.from({ length: batch }, (_, i) => {
          const right = (sent + i) % 1000 === 0;
          return postJoin(attacker, right ? joinCode : wrongCode(), forgedHeaders()).then((r) => ({ ...r, right }));
        }),
      );
      for (const r of results) {
        count(r.status);
        if (r.right && r.status === 429) rightCodeRefused++;
      }
      sent += batch;
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`# ${sent} guesses in ${seconds.toFixed(1)} s: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    assert.equal(sent, GUESSES);
    assert.equal(statuses.get(404), LIMIT, 'exactly 10 wrong guesses were answered');
    assert.equal(statuses.get(429), GUESSES - LIMIT, 'every other guess was refused');
    assert.equal(statuses.get(200), undefined, 'nothing got in from the blocked address');
    assert.ok(rightCodeRefused > 0, 'the blocked address is refused even with the right code');

    // A forged header naming the participant's address does not block the participant either.
    const participant = agentFor(PARTICIPANT);
    const forgedAsParticipant = await postJoin(attacker, wrongCode(), { 'x-forwarded-for': PARTICIPANT });
    assert.equal(forgedAsParticipant.status, 429);
    const joined = await postJoin(participant, joinCode.toLowerCase().replace(/^(.{4})/, '$1-'));
    assert.equal(joined.status, 200, joined.body);
    assert.equal((JSON.parse(joined.body) as { meetingId: string }).meetingId, meetingId);
    // And the participant can still make a few typos without being locked out.
    assert.equal((await postJoin(participant, wrongCode())).status, 404);
    assert.equal((await postJoin(participant, joinCode)).status, 200);
  });

  /** Opens a socket from `localAddress`, says hello, and returns the first answer ('welcome' or 'error:<code>'). */
  const hello = async (localAddress: string, credential: Record<string, unknown>) => {
    const url = await ticketedWsUrl(server.url);
    return new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(url, { localAddress });
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential })));
      ws.once('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; code?: string };
        ws.terminate();
        resolve(message.type === 'welcome' ? 'welcome' : `${message.type}:${message.code}`);
      });
    });
  };
  /** Says hello and sends JoinMeeting on one socket; resolves with the command's answer. */
  const joinMeeting = async (localAddress: string, credential: Record<string, unknown>) => {
    const url = await ticketedWsUrl(server.url);
    return new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(url, { localAddress });
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential })));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { type: string; code?: string };
        if (message.type === 'welcome') {
          ws.send(JSON.stringify({ type: 'command', commandId: newId('join'), command: { type: 'JoinMeeting', acceptConfidentiality: true } }));
        } else if (message.type === 'ack' || message.type === 'rejected' || message.type === 'error') {
          ws.terminate();
          resolve(message.type === 'error' ? `error:${message.code}` : message.type);
        }
      });
    });
  };
  const newcomer = (code: string) => ({ kind: 'participant', participantId: newId('guess'), secret: newSecret(), joinCode: code });

  it('[RL-4] guessing through the live socket’s hello counts too: after 10 wrong codes an address is refused', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 3 * LIMIT; i++) answers.push(await hello(SOCKET_ATTACKER, newcomer(wrongCode())));
    const answered = answers.findIndex((a) => a !== 'error:not_authenticated');
    console.log(`# WebSocket hello: ${answered < 0 ? answers.length : answered} wrong codes answered before the block, then ${answers.at(-1)}`);
    assert.equal(answered, LIMIT, answers.join(', '));
    assert.ok(answers.slice(LIMIT).every((a) => a === 'error:rate_limited'), answers.join(', '));
    // The right code does not get through either, nor does the other way in.
    assert.equal(await hello(SOCKET_ATTACKER, newcomer(joinCode)), 'error:rate_limited');
    assert.equal((await postJoin(agentFor(SOCKET_ATTACKER), joinCode)).status, 429, 'one count for both ways in');
  });

  it('[RL-4] a participant who has joined is not locked out by the block on its address (a shared venue network)', async () => {
    // Joined first, from an address that later makes 10 wrong guesses (someone else on the same
    // network, or the participant's own typos on another device). The browser keeps the join code
    // in its credential, so every reconnect carries it.
    const credential = newcomer(joinCode);
    assert.equal(await joinMeeting(SHARED_NETWORK, credential), 'ack');
    assert.equal(await hello(SHARED_NETWORK, credential), 'welcome', 'comes back while the address is fine');
    const shared = agentFor(SHARED_NETWORK);
    for (let i = 0; i < LIMIT; i++) assert.equal((await postJoin(shared, wrongCode())).status, 404);
    assert.equal((await postJoin(shared, wrongCode())).status, 429, 'the address is blocked now');
    const back = await hello(SHARED_NETWORK, credential);
    assert.equal(back, 'welcome', 'a returning participant proves itself with its secret and is not guessing a code');
  });
});
