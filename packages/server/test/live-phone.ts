/**
 * A participant's phone on the live protocol directly (a `ws` socket, no browser code): for the
 * whole-process tests that need many light clients (RL-8 soak, RL-10 slow reader). Each command is
 * awaited, with a time-out; what goes wrong is collected in `problems`. And the meetings they join,
 * prepared on the data folder before the server opens it. Not a test file.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MemoryBus } from '@goedwerk/bus';
import { type MeetingCommand, type MeetingState, PROTOCOL_VERSION } from '@goedwerk/core';
import { openPglite } from '@goedwerk/store';
import WebSocket from 'ws';
import { loadContent } from '../src/content.ts';
import { MeetingEngine } from '../src/engine.ts';
import { newSecret, sleep } from './helpers.ts';

export class Phone {
  readonly participantId: string;
  private readonly secret = newSecret();
  private ws: WebSocket | null = null;
  private readonly answers = new Map<string, (m: { type: string; code?: string }) => void>();
  acked = 0;
  readonly problems: string[] = [];

  constructor(
    private readonly base: string,
    readonly meetingId: string,
    private readonly joinCode: string,
    private readonly prefix = 'phone',
  ) {
    this.participantId = `${prefix}-${randomBytes(6).toString('hex')}`;
  }

  /** Fetches a ticket, says hello, waits for the snapshot and joins the meeting. */
  async connect(): Promise<void> {
    const { ticket } = (await (await fetch(`${this.base}/api/live/ticket`, { method: 'POST' })).json()) as { ticket: string };
    const ws = new WebSocket(`${this.base.replace(/^http/, 'ws')}/ws?ticket=${ticket}`);
    this.ws = ws;
    const snapshot = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const m = JSON.parse(data.toString('utf8')) as { type: string; commandId?: string; code?: string };
        if (m.type === 'snapshot') resolve();
        else if ((m.type === 'ack' || m.type === 'rejected') && m.commandId) this.answers.get(m.commandId)?.(m);
        else if (m.type === 'error') this.problems.push(`error ${m.code}`);
      });
      ws.once('error', reject);
    });
    ws.on('close', (code) => this.ws === ws && this.problems.push(`closed ${code}`));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, meetingId: this.meetingId, credential: { kind: 'participant', participantId: this.participantId, secret: this.secret, joinCode: this.joinCode } }));
    await snapshot;
    await this.command({ type: 'JoinMeeting', acceptConfidentiality: true });
  }

  async command(command: MeetingCommand): Promise<void> {
    const commandId = `${this.prefix}-${randomBytes(8).toString('hex')}`;
    const answer = new Promise<{ type: string; code?: string }>((resolve) => this.answers.set(commandId, resolve));
    this.ws?.send(JSON.stringify({ type: 'command', commandId, command }));
    const m: { type: string; code?: string } = await Promise.race([answer, sleep(10_000).then(() => ({ type: 'timeout' }))]);
    this.answers.delete(commandId);
    if (m.type === 'ack') this.acked++;
    else this.problems.push(`${command.type}: ${m.type}${m.code ? ` ${m.code}` : ''}`);
  }

  /** The same contribution id each time: a changed vote replaces the last (CO-6). */
  vote(stepId: string, optionId: string): Promise<void> {
    return this.command({ type: 'SubmitContribution', stepId, contributionId: `vote-${this.participantId}`, payload: { kind: 'choice', optionId } });
  }

  /** A new card each time. */
  card(stepId: string, text: string): Promise<void> {
    return this.command({ type: 'SubmitContribution', stepId, contributionId: `card-${randomBytes(8).toString('hex')}`, payload: { kind: 'card', text } });
  }

  close(): void {
    const ws = this.ws;
    this.ws = null;
    ws?.terminate();
  }
}

export interface PreparedMeeting {
  readonly meetingId: string;
  readonly joinCode: string;
  readonly facilitatorToken: string;
}

/**
 * Meetings made on an embedded database's data folder before a server process opens it: each
 * created from `methodId` and moved on by the facilitator's `commands` (each must be accepted).
 */
export async function prepareMeetings(dataDir: string, methodId: string, titles: readonly string[], commands: readonly MeetingCommand[]): Promise<PreparedMeeting[]> {
  const store = await openPglite({ dataDir });
  try {
    const method = (await loadContent()).methods.get(methodId);
    assert.ok(method, `method ${methodId}`);
    const engine = new MeetingEngine(store, new MemoryBus());
    const meetings: PreparedMeeting[] = [];
    for (const [m, title] of titles.entries()) {
      const made = await engine.createMeeting({ methodId: method.id, title: { nl: title }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      for (const [n, command] of commands.entries()) {
        const outcome = await engine.execute({ meetingId: made.meetingId, commandId: `prep-${m}-${n}-abcdefgh`, command, actor: { role: 'facilitator' } });
        assert.notEqual(outcome.kind, 'rejected', `${command.type}: ${JSON.stringify(outcome)}`);
      }
      const joinCode = (await store.getMeeting<MeetingState>(made.meetingId))?.state.joinCode;
      assert.ok(joinCode);
      meetings.push({ meetingId: made.meetingId, joinCode, facilitatorToken: made.facilitatorToken });
    }
    return meetings;
  } finally {
    await store.close();
  }
}
