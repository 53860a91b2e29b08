/**
 * A client worker of the live benchmark (bench/live.ts): simulated participants in one process,
 * driven over the IPC channel. Each participant speaks the live protocol (docs/protocol.md) the
 * way a phone does: a ticket from POST /api/live/ticket, /ws?ticket=…, hello with a join code,
 * JoinMeeting with acceptConfidentiality, one choice vote, and the broadcasts that follow.
 * Frames are read lightly (type and seq from the first bytes; small frames parsed whole) so the
 * clients' own CPU stays small next to the server's. Not a test.
 */
import { PROTOCOL_VERSION } from '@goedwerk/core';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { now, type WorkerCommand, type WorkerReport } from './live-shared.ts';

/** `{"type":"events","seq":12,…`: every frame the server (and the baseline) sends starts like this. */
const HEAD = /^\{"type":"([a-z]+)"(?:,"seq":(\d+))?/;

type Phase = 'new' | 'connecting' | 'hello' | 'joining' | 'joined' | 'failed';

interface Participant {
  readonly id: string;
  readonly secret: string;
  readonly joinCommandId: string;
  readonly voteCommandId: string;
  ws: WebSocket | null;
  phase: Phase;
  /** Settles the join: an empty string when joined, else the reason it failed. */
  settle: ((failure: string) => void) | null;
  seenSeq: number;
  /** Seqs and arrival times of tallies (events/snapshot) since the vote began, flattened pairs. */
  history: number[];
  voteSentAt: number;
  voteAnswered: boolean;
  finalAt: number;
}

const send = (report: WorkerReport) => process.send?.(report);
const participants: Participant[] = [];
let voting = false;
let finalSeq = Number.POSITIVE_INFINITY;
let frames = 0;
let bytes = 0;
let voteFrames = 0;
let voteBytes = 0;
const dropped: Record<string, number> = {};
const failures: Record<string, number> = {};
const rejectedVotes: Record<string, number> = {};
let acked = 0;
let maxAckSeq = 0;
let firstAckAt = Number.POSITIVE_INFINITY;
let lastAckAt = 0;
let onVoteAnswered: (() => void) | null = null;
let onFinalSeen: (() => void) | null = null;
let waitingForFinal = 0;

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function onFrame(p: Participant, data: Buffer): void {
  const at = now();
  frames++;
  bytes += data.length;
  if (voting) {
    voteFrames++;
    voteBytes += data.length;
  }
  const head = HEAD.exec(data.toString('latin1', 0, Math.min(data.length, 48)));
  const type = head?.[1];
  if (type === 'events' || type === 'snapshot') {
    const seq = Number(head?.[2] ?? 0);
    if (seq > p.seenSeq) p.seenSeq = seq;
    if (voting) p.history.push(seq, at);
    if (p.finalAt === 0 && seq >= finalSeq) {
      p.finalAt = at;
      waitingForFinal--;
      if (waitingForFinal === 0) onFinalSeen?.();
    }
    if (type === 'snapshot' && p.phase === 'hello') {
      // Caught up: now join, as the participant page does after the confidentiality notice.
      p.phase = 'joining';
      p.ws?.send(JSON.stringify({ type: 'command', commandId: p.joinCommandId, command: { type: 'JoinMeeting', acceptConfidentiality: true } }));
    }
    return;
  }
  if (type === 'welcome' || type === 'pong') return;
  // ack, rejected, error, goodbye: small frames, read whole.
  const message = JSON.parse(data.toString('utf8')) as { type: string; commandId?: string; seq?: number; code?: string };
  if (message.commandId === p.joinCommandId) {
    if (message.type === 'ack') {
      p.phase = 'joined';
      p.settle?.('');
    } else p.settle?.(`${message.type}:${message.code ?? '?'}`);
  } else if (message.commandId === p.voteCommandId && !p.voteAnswered) {
    p.voteAnswered = true;
    if (message.type === 'ack') {
      acked++;
      maxAckSeq = Math.max(maxAckSeq, message.seq ?? 0);
      firstAckAt = Math.min(firstAckAt, at);
      lastAckAt = Math.max(lastAckAt, at);
    } else bump(rejectedVotes, message.code ?? message.type);
    onVoteAnswered?.();
  } else if (message.type === 'error') {
    if (p.phase !== 'joined') p.settle?.(`error:${message.code ?? '?'}`);
    else bump(dropped, `error:${message.code ?? '?'}`);
  }
}

async function joinOne(p: Participant, base: string, meetingId: string, joinCode: string, deadline: number): Promise<string> {
  p.phase = 'connecting';
  let ticket: string;
  try {
    const res = await fetch(`${base}/api/live/ticket`, { method: 'POST', signal: AbortSignal.timeout(Math.max(1, Math.round(deadline - now()))) });
    const body = (await res.json()) as { ticket?: unknown };
    if (res.status !== 200 || typeof body.ticket !== 'string') return `ticket:${res.status}`;
    ticket = body.ticket;
  } catch (error) {
    return `ticket:${(error as Error).name}`;
  }
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => finish('timeout'), Math.max(1, deadline - now()));
    const finish = (failure: string) => {
      if (p.settle === null) return;
      p.settle = null;
      clearTimeout(timer);
      if (failure !== '') {
        p.phase = 'failed';
        ws.terminate();
      }
      resolve(failure);
    };
    p.settle = finish;
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`, { perMessageDeflate: false, skipUTF8Validation: true });
    p.ws = ws;
    ws.on('open', () => {
      p.phase = 'hello';
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId, credential: { kind: 'participant', participantId: p.id, secret: p.secret, joinCode } }));
    });
    ws.on('message', (data: Buffer) => onFrame(p, data));
    ws.on('unexpected-response', (_req, res) => finish(`upgrade:${res.statusCode}`));
    ws.on('error', (error) => finish(`socket:${(error as NodeJS.ErrnoException).code ?? error.name}`));
    ws.on('close', (code) => {
      if (p.phase === 'joined') bump(dropped, String(code));
      finish(`closed:${code}`);
    });
  });
}

async function join(command: Extract<WorkerCommand, { op: 'join' }>): Promise<void> {
  for (let i = 0; i < command.count; i++) {
    const tag = `${command.prefix}-${i}`;
    participants.push({
      id: `${tag}-${randomBytes(3).toString('hex')}`,
      secret: randomBytes(24).toString('base64url'),
      joinCommandId: `j-${tag}-${randomBytes(3).toString('hex')}`,
      voteCommandId: `v-${tag}-${randomBytes(3).toString('hex')}`,
      ws: null,
      phase: 'new',
      settle: null,
      seenSeq: 0,
      history: [],
      voteSentAt: 0,
      voteAnswered: false,
      finalAt: 0,
    });
  }
  const joinedAt: number[] = [];
  let next = 0;
  let failed = 0;
  const progress = setInterval(() => send({ op: 'progress', joined: joinedAt.length, failed }), 1000);
  const lane = async () => {
    while (next < participants.length) {
      const p = participants[next++] as Participant;
      if (now() >= command.deadline) {
        p.phase = 'failed';
        bump(failures, 'not started before the deadline');
        failed++;
        continue;
      }
      const failure = await joinOne(p, command.base, command.meetingId, command.joinCode, command.deadline);
      if (failure === '') joinedAt.push(now());
      else {
        bump(failures, failure);
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, command.concurrency) }, lane));
  clearInterval(progress);
  send({ op: 'joined', joinedAt, failures, frames, bytes });
}

async function vote(command: Extract<WorkerCommand, { op: 'vote' }>): Promise<void> {
  const voters = participants.filter((p) => p.phase === 'joined');
  voting = true;
  voteFrames = 0;
  voteBytes = 0;
  let answered = 0;
  const allAnswered = new Promise<void>((resolve) => {
    onVoteAnswered = () => {
      answered++;
      if (answered === voters.length) resolve();
    };
    if (voters.length === 0) resolve();
  });
  const cast = (p: Participant, i: number) => {
    const optionId = command.options[i % command.options.length] as string;
    const contributionId = `b-${p.id}`.slice(0, 64);
    p.voteSentAt = now();
    p.ws?.send(
      JSON.stringify({
        type: 'command',
        commandId: p.voteCommandId,
        command: { type: 'SubmitContribution', stepId: command.stepId, contributionId, payload: { kind: 'choice', optionId } },
      }),
    );
  };
  if (command.windowMs <= 0) voters.forEach(cast);
  else voters.forEach((p, i) => setTimeout(() => cast(p, i), Math.random() * command.windowMs));
  await Promise.race([allAnswered, new Promise((r) => setTimeout(r, Math.max(0, command.deadline - now())))]);
  const sent = voters.map((p) => p.voteSentAt).filter((t) => t > 0);
  send({
    op: 'voted',
    firstSentAt: Math.min(...sent),
    lastSentAt: Math.max(...sent),
    firstAckAt,
    lastAckAt,
    acked,
    rejected: rejectedVotes,
    unanswered: voters.length - answered,
    maxAckSeq,
  });
}

async function final(command: Extract<WorkerCommand, { op: 'final' }>): Promise<void> {
  const voters = participants.filter((p) => p.voteSentAt > 0);
  // Those that did not vote are not waited for.
  for (const p of participants) if (p.voteSentAt === 0) p.finalAt = -1;
  finalSeq = command.seq;
  waitingForFinal = 0;
  for (const p of voters) {
    for (let i = 0; i < p.history.length; i += 2) {
      if ((p.history[i] as number) >= finalSeq) {
        p.finalAt = p.history[i + 1] as number;
        break;
      }
    }
    if (p.finalAt === 0) waitingForFinal++;
  }
  if (waitingForFinal > 0) {
    await new Promise<void>((resolve) => {
      onFinalSeen = resolve;
      setTimeout(resolve, Math.max(0, command.deadline - now()));
    });
  }
  voting = false;
  const latencies = voters.map((p) => (p.finalAt > 0 ? p.finalAt - command.lastVoteSentAt : null));
  send({ op: 'final', latencies, frames: voteFrames, bytes: voteBytes, dropped });
}

process.on('message', (command: WorkerCommand) => {
  const task =
    command.op === 'join' ? join(command) : command.op === 'vote' ? vote(command) : command.op === 'final' ? final(command) : null;
  if (task) {
    task.catch((error: unknown) => {
      console.error('live-client:', error);
      process.exit(1);
    });
    return;
  }
  for (const p of participants) p.ws?.terminate();
  setTimeout(() => process.exit(0), 50);
});
process.on('disconnect', () => process.exit(0));
send({ op: 'ready' });
