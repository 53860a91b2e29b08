/**
 * [RL-3] Meetings are isolated: a property test runs random sequences of actions (facilitator
 * commands, joins, contributions, reveals, groups, removals, reconnects, and hellos aimed at the
 * other meeting) in two meetings A and B on one server, and checks that no frame any client of A
 * received holds anything of B (meeting id, join code and link, tokens, participant ids and
 * secrets, names, contribution ids, their aliases and texts, group ids and names), and vice versa.
 * GOEDWERK_ISOLATION_RUNS sets the number of runs (default 25).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  agendaSteps,
  type LiveCommand,
  type MeetingState,
  type MethodTemplate,
  PROTOCOL_VERSION,
  type ServerMessage,
  type StepTemplate,
} from '@goedwerk/core';
import fc from 'fast-check';
import WebSocket from 'ws';
import { contributionAlias, hashToken } from '../src/secrets.ts';
import { startTestServer, type TestServer, ticketedWsUrl } from '../src/test-harness.ts';
import { figure, newSecret, sleep, testSeed } from './helpers.ts';

const RUNS = Math.max(1, Number.parseInt(process.env.GOEDWERK_ISOLATION_RUNS ?? '25', 10) || 25);
const MAX_ACTIONS = 50;
type Side = 'A' | 'B';
const other = (side: Side): Side => (side === 'A' ? 'B' : 'A');
/** Random, unmistakable text: if it turns up on the other side, it leaked. */
const mark = (side: Side, kind: string) => `${side}${kind}${randomBytes(6).toString('hex')}`;

/** A raw WebSocket client that keeps every frame it receives, as received. */
class Recorder {
  readonly frames: string[] = [];
  readonly messages: ServerMessage[] = [];
  seq = 0;
  closed = false;
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage | null) => void }[] = [];

  private constructor(
    readonly side: Side,
    readonly what: string,
    private readonly ws: WebSocket,
  ) {
    ws.on('message', (data) => {
      const frame = String(data);
      this.frames.push(frame);
      const message = JSON.parse(frame) as ServerMessage;
      this.messages.push(message);
      if (message.type === 'snapshot' || message.type === 'events') this.seq = Math.max(this.seq, message.seq);
      for (const w of [...this.waiters]) {
        if (w.test(message)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message);
        }
      }
    });
    ws.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w.resolve(null);
    });
  }

  static async open(url: string, side: Side, what: string): Promise<Recorder> {
    const ws = new WebSocket(await ticketedWsUrl(url));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Recorder(side, what, ws);
  }

  send(message: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** The next message that passes `test`, or null on close or after `ms`. */
  next(test: (m: ServerMessage) => boolean, ms = 3000): Promise<ServerMessage | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiter = { test, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) {
          this.waiters.splice(i, 1);
          resolve(null);
        }
      }, ms);
    });
  }

  /** Sends a command and waits for its ack or rejection. */
  async command(command: LiveCommand): Promise<ServerMessage | null> {
    const commandId = `iso-${randomBytes(6).toString('hex')}`;
    const answer = this.next((m) => (m.type === 'ack' || m.type === 'rejected') && m.commandId === commandId);
    this.send({ type: 'command', commandId, command });
    const outcome = await answer;
    Recorder.onOutcome(command.type, outcome);
    return outcome;
  }

  close(): void {
    this.ws.terminate();
  }

  static onOutcome: (type: string, outcome: ServerMessage | null) => void = () => {};
}

interface ParticipantClient {
  readonly id: string;
  readonly secret: string;
  client: Recorder;
}

/** One meeting of a run, with every client of it and every secret it has. */
interface MeetingRun {
  readonly side: Side;
  readonly meetingId: string;
  readonly facilitator: Recorder;
  readonly clients: Recorder[];
  readonly participants: ParticipantClient[];
  /** Strings that must never reach a client of the other meeting. */
  readonly secrets: Set<string>;
  readonly aliasKey: string;
}

type Action =
  | { kind: 'join'; side: Side; named: boolean }
  | { kind: 'start' | 'next' | 'previous' | 'reveal' | 'hide' | 'openInput' | 'closeInput' | 'lock' | 'unlock' | 'clearGroups' | 'timer' | 'screen'; side: Side }
  | { kind: 'goto'; side: Side; step: number }
  | { kind: 'contribute'; side: Side; who: number; proxy: boolean }
  | { kind: 'groups'; side: Side; count: number }
  | { kind: 'scribe'; side: Side; who: number }
  | { kind: 'remove'; side: Side; who: number }
  | { kind: 'reconnect'; side: Side; who: number }
  | { kind: 'crossHello'; side: Side; who: number; withCode: 'own' | 'theirs' | 'none' };

const sideArb = fc.constantFrom<Side>('A', 'B');
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('join' as const), side: sideArb, named: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('contribute' as const), side: sideArb, who: fc.nat(20), proxy: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('goto' as const), side: sideArb, step: fc.nat(40) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'start' as const,
        'next' as const,
        'previous' as const,
        'reveal' as const,
        'hide' as const,
        'openInput' as const,
        'closeInput' as const,
        'lock' as const,
        'unlock' as const,
        'clearGroups' as const,
        'timer' as const,
        'screen' as const,
      ),
      side: sideArb,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('groups' as const), side: sideArb, count: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scribe' as const), side: sideArb, who: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), side: sideArb, who: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), side: sideArb, who: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('crossHello' as const),
      side: sideArb,
      who: fc.nat(20),
      withCode: fc.constantFrom('own' as const, 'theirs' as const, 'none' as const),
    }),
  },
);

describe('[RL-3] meetings are isolated from each other', { timeout: 10 * 60_000 }, () => {
  const seed = testSeed('isolation');
  let server: TestServer;
  let method: MethodTemplate;
  let steps: StepTemplate[];
  let inputSteps: StepTemplate[];
  let leaksTotal = 0;
  /** Own secrets seen by own clients: proof that the search would find the other side's. */
  let ownHits = 0;
  const acked = new Map<string, number>();
  let rejectedCount = 0;
  let framesChecked = 0;
  let actionsRun = 0;
  let runs = 0;

  before(async () => {
    Recorder.onOutcome = (type, outcome) => {
      if (outcome?.type === 'ack') acked.set(type, (acked.get(type) ?? 0) + 1);
      else rejectedCount++;
    };
    // Quick broadcasts and no rate limit: the test sends fast and waits for every answer.
    server = await startTestServer({ live: { broadcastIntervalMs: 5, rateBurst: 10_000, ratePerSecond: 10_000 } });
    const base = server.content.methods.get('goed-werk-hub');
    assert.ok(base);
    // One step named, so authors travel on the wire too (goed-werk-hub's steps are all anonymous).
    method = {
      ...base,
      rounds: base.rounds.map((r) => ({ ...r, steps: r.steps.map((s) => (s.id === 'lessen' ? { ...s, visibility: 'named' as const } : s)) })),
    };
    steps = agendaSteps(method.rounds).map((s) => s.step);
    inputSteps = steps.filter((s) => ['cards', 'choice', 'note', 'scale'].includes(s.primitive));
  });
  after(() => server?.close());

  const stateOf = async (run: MeetingRun) => (await server.store.getMeeting<MeetingState>(run.meetingId))?.state;

  const hello = (meetingId: string, credential: unknown, lastSeq?: number) => ({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    meetingId,
    credential,
    ...(lastSeq === undefined ? {} : { lastSeq }),
  });

  async function connect(run: MeetingRun, what: string, meetingId: string, credential: unknown, lastSeq?: number) {
    const client = await Recorder.open(server.wsUrl, run.side, what);
    run.clients.push(client);
    const answer = client.next((m) => m.type === 'welcome' || m.type === 'error');
    client.send(hello(meetingId, credential, lastSeq));
    return { client, answer: await answer };
  }

  async function newMeeting(side: Side): Promise<MeetingRun> {
    const made = await server.engine.createMeeting(
      {
        methodId: method.id,
        title: { nl: mark(side, 'title') },
        location: mark(side, 'place'),
        facilitators: [],
        centralQuestions: [{ nl: mark(side, 'question') }],
        caseIds: [],
      },
      method,
    );
    await server.engine.execute({ meetingId: made.meetingId, commandId: `open-${made.meetingId}`, command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    const state = (await server.store.getMeeting<MeetingState>(made.meetingId))?.state;
    assert.ok(state?.joinCode && state.joinToken);
    const secrets = new Set([made.meetingId, made.facilitatorToken, made.screenToken, state.joinCode, state.joinToken]);
    for (const text of [state.spec.title.nl, state.spec.location, ...state.spec.centralQuestions.map((q) => q.nl)]) if (text) secrets.add(text);
    const run: MeetingRun = {
      side,
      meetingId: made.meetingId,
      facilitator: undefined as unknown as Recorder,
      clients: [],
      participants: [],
      secrets,
      aliasKey: hashToken(made.facilitatorToken),
    };
    const { client, answer } = await connect(run, 'facilitator', made.meetingId, { kind: 'facilitator', token: made.facilitatorToken });
    assert.equal(answer?.type, 'welcome');
    (run as { facilitator: Recorder }).facilitator = client;
    const screen = await connect(run, 'screen', made.meetingId, { kind: 'screen', token: made.screenToken });
    assert.equal(screen.answer?.type, 'welcome');
    return run;
  }

  /** A payload for the step: a card, a choice with a reason, a note or scale values, all marked. */
  function payloadFor(step: StepTemplate, side: Side, secrets: Set<string>) {
    const text = mark(side, 'text');
    secrets.add(text);
    switch (step.primitive) {
      case 'choice':
        return { kind: 'choice' as const, optionId: step.options[0]?.id ?? 'a', ...(step.allowReason ? { reason: text } : {}) };
      case 'note':
        return { kind: 'note' as const, text };
      case 'scale':
        return { kind: 'scale' as const, values: Object.fromEntries(step.items.map((i) => [i.id, i.min])) };
      default:
        return { kind: 'card' as const, text };
    }
  }

  async function perform(runs: Record<Side, MeetingRun>, action: Action): Promise<void> {
    const run = runs[action.side];
    const f = run.facilitator;
    const live = run.participants.filter((p) => !p.client.closed);
    const pick = (who: number) => live[who % Math.max(1, live.length)];
    const state = await stateOf(run);
    const current = state?.currentStepId ?? null;
    switch (action.kind) {
      case 'join': {
        const id = mark(action.side, 'p');
        const secret = newSecret();
        run.secrets.add(id);
        run.secrets.add(secret);
        const { client, answer } = await connect(run, `participant ${id}`, run.meetingId, {
          kind: 'participant',
          participantId: id,
          secret,
          joinCode: state?.joinCode ?? undefined,
        });
        if (answer?.type !== 'welcome') return;
        const displayName = action.named ? mark(action.side, 'name') : undefined;
        if (displayName) run.secrets.add(displayName);
        await client.command({ type: 'JoinMeeting', acceptConfidentiality: true, ...(displayName ? { displayName } : {}) });
        run.participants.push({ id, secret, client });
        return;
      }
      case 'start':
        await f.command({ type: 'StartMeeting' });
        return;
      case 'next':
        await f.command({ type: 'NextStep' });
        return;
      case 'previous':
        await f.command({ type: 'PreviousStep' });
        return;
      case 'goto':
        // Mostly to steps that take input, sometimes anywhere.
        const targets = action.step % 4 === 0 ? steps : inputSteps;
        await f.command({ type: 'GoToStep', stepId: (targets[action.step % targets.length] as StepTemplate).id });
        return;
      case 'reveal':
      case 'hide':
      case 'openInput':
      case 'closeInput': {
        if (!current) return;
        const type = ({ reveal: 'RevealResults', hide: 'HideResults', openInput: 'OpenInput', closeInput: 'CloseInput' } as const)[action.kind];
        await f.command({ type, stepId: current });
        return;
      }
      case 'lock':
        await f.command({ type: 'LockMeeting' });
        return;
      case 'unlock':
        await f.command({ type: 'UnlockMeeting' });
        return;
      case 'clearGroups':
        await f.command({ type: 'ClearGroups' });
        return;
      case 'timer':
        await f.command(state?.timer ? { type: 'ExtendTimer', seconds: 30 } : { type: 'StartTimer', seconds: 300 });
        return;
      case 'screen': {
        // A second presentation screen with a wrong token: refused, and told nothing.
        await connect(run, 'screen (wrong token)', run.meetingId, { kind: 'screen', token: newSecret() });
        return;
      }
      case 'contribute': {
        if (!current) return;
        const step = steps.find((s) => s.id === current) as StepTemplate;
        const contributionId = mark(action.side, 'c');
        run.secrets.add(contributionId);
        run.secrets.add(contributionAlias(run.aliasKey, contributionId));
        const payload = payloadFor(step, action.side, run.secrets);
        const p = pick(action.who);
        if (action.proxy || !p) {
          const groupId = state?.groups[action.who % Math.max(1, state.groups.length)]?.id;
          await f.command({ type: 'SubmitContribution', stepId: current, contributionId, payload, proxy: true, ...(groupId ? { groupId } : {}) });
        } else {
          await p.client.command({ type: 'SubmitContribution', stepId: current, contributionId, payload });
        }
        return;
      }
      case 'groups': {
        const members = Object.keys(state?.participants ?? {});
        const groups = Array.from({ length: action.count }, (_, i) => {
          const id = `${action.side.toLowerCase()}g-${randomBytes(4).toString('hex')}`;
          const name = mark(action.side, 'group');
          run.secrets.add(id);
          run.secrets.add(name);
          return { id, name, memberIds: members.filter((_, j) => j % action.count === i) };
        });
        await f.command({ type: 'FormGroups', groups });
        return;
      }
      case 'scribe': {
        const group = state?.groups[action.who % Math.max(1, state.groups.length)];
        if (!group) return;
        await f.command({ type: 'SetScribe', groupId: group.id, participantId: group.memberIds[action.who % Math.max(1, group.memberIds.length)] ?? null });
        return;
      }
      case 'remove': {
        const p = pick(action.who);
        if (p) await f.command({ type: 'RemoveParticipant', participantId: p.id });
        return;
      }
      case 'reconnect': {
        // Catch-up path: a participant comes back with the seq it had.
        const p = pick(action.who);
        if (!p) return;
        const lastSeq = p.client.seq;
        p.client.close();
        const back = await connect(run, `participant ${p.id} (back)`, run.meetingId, { kind: 'participant', participantId: p.id, secret: p.secret }, lastSeq);
        p.client = back.client;
        return;
      }
      case 'crossHello': {
        // A participant of this meeting knocks on the other meeting's door with its own credential.
        const p = pick(action.who);
        const target = runs[other(action.side)];
        if (!p) return;
        const targetState = await stateOf(target);
        const joinCode = action.withCode === 'own' ? state?.joinCode : action.withCode === 'theirs' ? targetState?.joinCode : undefined;
        // Recorded on this side: whatever it hears must be nothing of the other meeting...
        const attempt = await connect(run, `participant ${p.id} at the other meeting`, target.meetingId, {
          kind: 'participant',
          participantId: p.id,
          secret: p.secret,
          ...(joinCode ? { joinCode } : {}),
        });
        // ...unless it was let in with the other meeting's own code: then the same person takes
        // part there too (and hears its own id back), which is no leak. Not recorded further.
        if (attempt.answer?.type === 'welcome') {
          assert.equal(action.withCode, 'theirs', 'only the meeting’s own join code lets a newcomer in');
          run.clients.splice(run.clients.indexOf(attempt.client), 1);
          attempt.client.close();
        }
        return;
      }
    }
  }

  /** Waits (bounded) until every open client has every seq of its meeting: all broadcasts are in. */
  async function settle(all: readonly MeetingRun[]): Promise<void> {
    const end = Date.now() + 3000;
    for (const run of all) {
      const seq = (await server.store.getMeeting(run.meetingId))?.seq ?? 0;
      const waiting = () => run.clients.filter((c) => !c.closed && c.messages.some((m) => m.type === 'welcome') && c.seq < seq);
      while (waiting().length > 0 && Date.now() < end) await sleep(10);
    }
  }

  /** Every secret of the other meeting found in a frame a client of this one received. */
  function leaks(runA: MeetingRun, runB: MeetingRun): string[] {
    const found: string[] = [];
    for (const [mine, theirs] of [
      [runA, runB],
      [runB, runA],
    ] as const) {
      for (const client of mine.clients) {
        for (const frame of client.frames) {
          framesChecked++;
          for (const secret of theirs.secrets) {
            if (frame.includes(secret)) found.push(`${mine.side} ${client.what} received ${theirs.side}'s ${secret}: ${frame.slice(0, 200)}`);
          }
          for (const secret of mine.secrets) if (frame.includes(secret)) ownHits++;
        }
      }
    }
    return found;
  }

  it('[RL-3] no client of meeting A ever receives anything of meeting B, and vice versa', async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          startA: fc.constantFrom(true, true, true, false),
          startB: fc.constantFrom(true, true, true, false),
          firstStep: fc.integer({ min: 1, max: 40 }).filter((n) => n % 4 !== 0),
          actions: fc.array(actionArb, { minLength: 5, maxLength: MAX_ACTIONS, size: 'max' }),
        }),
        async ({ startA, startB, firstStep, actions }) => {
          runs++;
          const runA = await newMeeting('A');
          const runB = await newMeeting('B');
          const both = { A: runA, B: runB };
          try {
            for (const [side, start] of [['A', startA], ['B', startB]] as const) {
              if (!start) continue;
              await perform(both, { kind: 'start', side });
              await perform(both, { kind: 'goto', side, step: firstStep });
            }
            for (const action of actions) {
              await perform(both, action);
              actionsRun++;
            }
            await settle([runA, runB]);
            const found = leaks(runA, runB);
            leaksTotal += found.length;
            assert.deepEqual(found.slice(0, 5), [], `${found.length} leak(s)`);
          } finally {
            for (const c of [...runA.clients, ...runB.clients]) c.close();
          }
        },
      ),
      { seed, numRuns: RUNS, endOnFailure: true },
    );
    console.log(`# ${runs} runs, ${actionsRun} actions, ${framesChecked} frames checked in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(`# acknowledged: ${[...acked].map(([t, n]) => `${t} ${n}`).join(', ')}; refused or unanswered: ${rejectedCount}`);
    assert.ok(ownHits > 0, 'the search finds a meeting’s own secrets in its own frames');
    assert.ok((acked.get('SubmitContribution') ?? 0) > 0 && (acked.get('JoinMeeting') ?? 0) > 0, 'the runs did contribute and join');
    figure('cross_meeting_leaks', leaksTotal);
  });

  after(() => {
    // The figure is printed even when the property failed: the count is what was measured.
    if (leaksTotal > 0) figure('cross_meeting_leaks', leaksTotal);
  });
});
