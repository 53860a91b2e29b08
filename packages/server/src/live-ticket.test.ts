import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PROTOCOL_VERSION, type ServerMessage } from '@goedwerk/core';
import WebSocket from 'ws';
import { readConfig } from './config.ts';
import { LiveTickets, TICKET_TTL_SECONDS, ticketKey } from './live-ticket.ts';
import { hashToken } from './secrets.ts';
import { liveTicket, startTestServer, type TestServer } from './test-harness.ts';

const SECRET = 'een-gedeeld-geheim-van-minstens-32-tekens';
const at = (ms: number) => new Date(Date.UTC(2026, 0, 23, 9, 0, 0) + ms);

/** The same ticket with one character changed (not the last one, whose low bits base64url may ignore). */
function altered(ticket: string, index = 10): string {
  const c = ticket[index] === 'A' ? 'B' : 'A';
  return `${ticket.slice(0, index)}${c}${ticket.slice(index + 1)}`;
}

interface Handshake {
  readonly status: number;
  readonly body: { error?: unknown; message?: unknown } | null;
  readonly socket: WebSocket;
}

/** Opens `/ws` with the given query; 101 when it opens, else the refusal's status and JSON body. */
function handshake(server: TestServer, query: string, headers: Record<string, string> = {}): Promise<Handshake> {
  const socket = new WebSocket(`${server.wsUrl}${query}`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, body: null, socket }));
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Handshake['body']) : null, socket });
      });
    });
    socket.once('error', (error) => {
      // After an unexpected response `ws` also reports an error; the answer above came first.
      if (socket.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

const ticketQuery = (ticket: string) => `?ticket=${encodeURIComponent(ticket)}`;

describe('live tickets (AC-15)', () => {
  it('[AC-15] a ticket is signed and used once: an altered byte, another key or another spelling is refused; a good one gives its session', () => {
    const tickets = new LiveTickets(ticketKey(SECRET));
    const session = hashToken('een-sessie-id-dat-lang-genoeg-is');
    const bound = tickets.issueTicket(session, at(0));
    const unbound = tickets.issueTicket(null, at(0));
    assert.match(bound, /^[A-Za-z0-9_-]+$/, 'URL-safe');
    assert.notEqual(tickets.issueTicket(null, at(0)), unbound, 'a random nonce each time');
    assert.deepEqual(tickets.redeemTicket(altered(bound), at(1000)), { ok: false, reason: 'forged' });
    assert.deepEqual(tickets.redeemTicket(altered(bound, bound.length - 20), at(1000)), { ok: false, reason: 'forged' }, 'an altered signature');
    assert.deepEqual(new LiveTickets(ticketKey('een-ander-geheim-van-minstens-32-tekens')).redeemTicket(bound, at(1000)), { ok: false, reason: 'forged' });
    assert.deepEqual(tickets.redeemTicket(`${bound}A`, at(1000)), { ok: false, reason: 'malformed' });
    assert.deepEqual(tickets.redeemTicket(`${bound}=`, at(1000)), { ok: false, reason: 'malformed' });
    assert.deepEqual(tickets.redeemTicket(randomBytes(87).toString('base64url'), at(1000)), { ok: false, reason: 'forged' });
    assert.deepEqual(tickets.redeemTicket('', at(1000)), { ok: false, reason: 'malformed' });
    // The forgeries spent nothing: the genuine tickets still work, once.
    assert.deepEqual(tickets.redeemTicket(bound, at(1000)), { ok: true, sessionHash: session });
    assert.deepEqual(tickets.redeemTicket(unbound, at(1000)), { ok: true, sessionHash: null });
    assert.deepEqual(tickets.redeemTicket(bound, at(2000)), { ok: false, reason: 'reused' });
    assert.throws(() => tickets.issueTicket('not a hash', at(0)));
  });

  it('[AC-15] a ticket expires after 30 seconds; redeemed nonces are forgotten once expired, and a full memory refuses rather than forgets', () => {
    assert.equal(TICKET_TTL_SECONDS, 30);
    const tickets = new LiveTickets(ticketKey(undefined), 3);
    const late = tickets.issueTicket(null, at(0));
    assert.deepEqual(tickets.redeemTicket(late, at(30_000)), { ok: false, reason: 'expired' });
    const inTime = [0, 1, 2, 3].map(() => tickets.issueTicket(null, at(0)));
    for (const t of inTime.slice(0, 3)) assert.equal(tickets.redeemTicket(t, at(29_999)).ok, true);
    assert.equal(tickets.remembered, 3);
    assert.deepEqual(tickets.redeemTicket(inTime[3] ?? '', at(29_999)), { ok: false, reason: 'busy' }, 'full: refused, no nonce forgotten early');
    assert.deepEqual(tickets.redeemTicket(inTime[0] ?? '', at(29_999)), { ok: false, reason: 'reused' });
    // Once they have expired the nonces are dropped, and new tickets are taken again.
    const fresh = tickets.issueTicket(null, at(30_000));
    assert.equal(tickets.redeemTicket(fresh, at(30_001)).ok, true);
    assert.equal(tickets.remembered, 1);
  });

  it('[AC-15] with GOEDWERK_SECRET every node accepts the others\' tickets; without it each process has its own key; a short secret is refused', () => {
    const nodeA = new LiveTickets(ticketKey(SECRET));
    const nodeB = new LiveTickets(ticketKey(SECRET));
    assert.equal(nodeB.redeemTicket(nodeA.issueTicket(null, at(0)), at(10)).ok, true);
    const alone = new LiveTickets(ticketKey(undefined));
    assert.equal(new LiveTickets(ticketKey(undefined)).redeemTicket(alone.issueTicket(null, at(0)), at(10)).ok, false);
    assert.equal(readConfig({ GOEDWERK_SECRET: ` ${SECRET} ` }).secret, SECRET);
    assert.equal(readConfig({}).secret, undefined);
    assert.throws(() => readConfig({ GOEDWERK_SECRET: 'te-kort' }), /GOEDWERK_SECRET must be at least 32 characters/);
  });
});

describe('the live handshake with a ticket (AC-15)', () => {
  let server: TestServer;
  let meetingId: string;
  let facilitatorToken: string;
  let now = Date.now();
  const opened: WebSocket[] = [];

  before(async () => {
    server = await startTestServer({ clock: () => new Date(now) });
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const made = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Kaartjes' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    meetingId = made.meetingId;
    facilitatorToken = made.facilitatorToken;
  });
  after(async () => {
    for (const s of opened) s.terminate();
    await server.close();
  });

  const refusedWith = (h: Handshake, error: string) => {
    opened.push(h.socket);
    assert.equal(h.status, 401, `${error}: ${JSON.stringify(h.body)}`);
    assert.equal(h.body?.error, error);
    assert.equal(typeof h.body?.message, 'string');
  };

  it('[AC-15] POST /api/live/ticket gives a ticket for 30 seconds, never cached', async () => {
    const res = await fetch(`${server.url}/api/live/ticket`, { method: 'POST', headers: { origin: server.url } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { ticket: string; expiresInSeconds: number };
    assert.deepEqual(Object.keys(body).sort(), ['expiresInSeconds', 'ticket']);
    assert.equal(body.expiresInSeconds, 30);
    assert.match(body.ticket, /^[A-Za-z0-9_-]{40,160}$/);
  });

  it('[AC-15] a handshake without a ticket, or with a forged or altered one, is refused with 401', async () => {
    refusedWith(await handshake(server, ''), 'ticket_required');
    refusedWith(await handshake(server, '?ticket='), 'ticket_required');
    refusedWith(await handshake(server, ticketQuery(randomBytes(55).toString('base64url'))), 'ticket_invalid');
    refusedWith(await handshake(server, ticketQuery('not a ticket')), 'ticket_invalid');
    const good = await liveTicket(server.url);
    refusedWith(await handshake(server, ticketQuery(altered(good))), 'ticket_invalid');
    refusedWith(await handshake(server, `?ticket=${good}&ticket=${good}`), 'ticket_invalid');
    // The refusals spent nothing: the genuine ticket still opens a socket.
    const ok = await handshake(server, ticketQuery(good));
    opened.push(ok.socket);
    assert.equal(ok.status, 101);
  });

  it('[AC-15] an expired ticket is refused (the server clock moved 31 s on)', async () => {
    const ticket = await liveTicket(server.url);
    now += 31_000;
    const h = await handshake(server, ticketQuery(ticket));
    refusedWith(h, 'ticket_invalid');
    assert.match(String(h.body?.message), /expired/);
    // Within the 30 seconds it is good.
    const inTime = await liveTicket(server.url);
    now += 29_000;
    const ok = await handshake(server, ticketQuery(inTime));
    opened.push(ok.socket);
    assert.equal(ok.status, 101);
  });

  it('[AC-15] a ticket opens one socket: presented again it is refused', async () => {
    const ticket = await liveTicket(server.url);
    const first = await handshake(server, ticketQuery(ticket));
    opened.push(first.socket);
    assert.equal(first.status, 101);
    const again = await handshake(server, ticketQuery(ticket));
    refusedWith(again, 'ticket_invalid');
    assert.match(String(again.body?.message), /used before/);
  });

  it('[AC-15] with a fresh ticket the socket opens and the hello is answered', async () => {
    const h = await handshake(server, ticketQuery(await liveTicket(server.url)), { origin: server.url });
    opened.push(h.socket);
    assert.equal(h.status, 101);
    const welcome = new Promise<ServerMessage>((resolve) => h.socket.once('message', (data) => resolve(JSON.parse(String(data)) as ServerMessage)));
    h.socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'facilitator', token: facilitatorToken } }));
    assert.equal((await welcome).type, 'welcome');
    // A plain request to the live address still gets the upgrade answer (API-19) and spends no ticket.
    const plain = await fetch(`${server.url}/ws`);
    assert.equal(plain.status, 426);
  });

  it('[AC-15] a page of another site cannot get a ticket: the CSRF check refuses a foreign Origin or Sec-Fetch-Site', async () => {
    const post = (headers: Record<string, string>) => fetch(`${server.url}/api/live/ticket`, { method: 'POST', headers });
    const foreign: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of foreign) {
      const res = await post(headers);
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.deepEqual(((await res.json()) as { error: string }).error, 'forbidden_origin');
    }
    assert.equal((await post({ origin: server.url, 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await fetch(`${server.url}/api/live/ticket`)).status, 404, 'GET is no way to a ticket');
  });

  it('[AC-15] nodes that share GOEDWERK_SECRET accept each other\'s tickets; others do not', async () => {
    const [a, b] = await Promise.all([startTestServer({ secret: SECRET }), startTestServer({ secret: SECRET })]);
    try {
      const fromA = await handshake(b, ticketQuery(await liveTicket(a.url)));
      opened.push(fromA.socket);
      assert.equal(fromA.status, 101);
      // The server of this suite has no GOEDWERK_SECRET: its own random key.
      refusedWith(await handshake(server, ticketQuery(await liveTicket(a.url))), 'ticket_invalid');
    } finally {
      for (const s of opened) s.terminate();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
