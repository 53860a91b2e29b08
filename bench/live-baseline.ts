/**
 * The baseline of the live benchmark (bench/live.ts): a plain `ws` broadcast server, the floor any
 * Node server pays. It speaks just enough of the live protocol for the same client harness: a
 * ticket (POST /api/live/ticket, single use), hello → welcome + a small snapshot, every command →
 * ack, and every command changes a tally that is broadcast to everyone as one small frame,
 * serialised once. Broadcasts are coalesced like the real server's (at most one per interval,
 * the first at once after a quiet interval); an interval of 0 broadcasts after every command.
 * No validation, no database, no projection. Run by bench/live.ts: `live-baseline.ts <port> <intervalMs>`.
 */
import { PROTOCOL_VERSION } from '@goedwerk/core';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const intervalMs = Number(process.argv[3] ?? 100);
const MAX_BUFFERED = 1024 * 1024;

const tickets = new Set<string>();
const room = new Set<WebSocket>();
const tally: Record<string, number> = {};
let seq = 0;
let lastBroadcast = 0;
let scheduled = false;
let broadcasts = 0;

const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/live/ticket') {
    const ticket = randomBytes(32).toString('base64url');
    tickets.add(ticket);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ticket, expiresInSeconds: 30 }));
    return;
  }
  if (req.method === 'GET' && req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'ok', broadcasts, sockets: room.size }));
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({
  server: http,
  path: '/ws',
  maxPayload: 16 * 1024,
  verifyClient: ({ req }, done) => {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
    done(tickets.delete(ticket), 401);
  },
});

function broadcast(): void {
  scheduled = false;
  lastBroadcast = Date.now();
  broadcasts++;
  const frame = JSON.stringify({ type: 'events', seq, events: [{ seq, event: { type: 'TallyChanged', tally } }] });
  for (const ws of room) {
    if (ws.bufferedAmount > MAX_BUFFERED) ws.close(1013, 'too far behind');
    else ws.send(frame);
  }
}

function changed(): void {
  if (intervalMs <= 0) return broadcast();
  if (scheduled) return;
  scheduled = true;
  setTimeout(broadcast, Math.max(0, lastBroadcast + intervalMs - Date.now()));
}

wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    let message: { type?: string; commandId?: string; command?: { type?: string; payload?: { optionId?: string } } };
    try {
      message = JSON.parse(data.toString('utf8')) as typeof message;
    } catch {
      ws.send(JSON.stringify({ type: 'error', code: 'bad_json', message: 'not JSON' }));
      return;
    }
    if (message.type === 'ping') {
      ws.send('{"type":"pong"}');
    } else if (message.type === 'hello') {
      ws.send(JSON.stringify({ type: 'welcome', protocol: PROTOCOL_VERSION, meetingId: 'baseline', role: 'participant' }));
      ws.send(JSON.stringify({ type: 'snapshot', seq, state: { tally } }));
      room.add(ws);
    } else if (message.type === 'command') {
      const optionId = message.command?.payload?.optionId;
      if (optionId !== undefined) tally[optionId] = (tally[optionId] ?? 0) + 1;
      seq++;
      ws.send(JSON.stringify({ type: 'ack', commandId: message.commandId, seq, duplicate: false }));
      changed();
    }
  });
  ws.on('close', () => room.delete(ws));
  ws.on('error', () => room.delete(ws));
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  console.log(`baseline ws server on ${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
