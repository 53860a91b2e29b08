import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type Actor,
  agendaSteps,
  ContributionPayload,
  decide,
  type DomainError,
  evolve,
  JOIN_CODE_ALPHABET,
  JOIN_CODE_LENGTH,
  MeetingCommand,
  type MeetingEvent,
  MeetingSpec,
  type MeetingState,
  type MethodTemplate,
  mayCommand,
  Slug,
  type StepTemplate,
} from '@goedwerk/core';
import type { MeetingMeta, Store } from '@goedwerk/store';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type ContentCatalog, DEFAULT_CONTENT_DIR } from './content.ts';

/**
 * A meeting as it was held, from a declarative script (content/demo/*.yaml): the script is run
 * as real commands through the pure core (policy table, `decide`, `evolve`), with the actors who
 * would have sent them, a clock that walks through the afternoon and ids that depend on the
 * script only. The same script always gives the same event log. Rules: docs/spec/held-meeting.md.
 */

/** The meeting of 23 January 2014 as held, in the demo programme. */
export const HELD_MEETING_ID = 'goed-werk-hub-2014';
/** The folder of the held-meeting scripts: every `*.yaml` in it is a meeting as held. */
export const HELD_MEETING_DIR = join(DEFAULT_CONTENT_DIR, 'demo');
export const HELD_MEETING_FILE = join(HELD_MEETING_DIR, `${HELD_MEETING_ID}.yaml`);
/**
 * [HM-5] The first command of the meeting of 23 January 2014: 13:30 Amsterdam time (CET, UTC+1).
 * Every held meeting starts at 13:30 Amsterdam time on its own date (`heldMeetingStart`).
 */
export const HELD_MEETING_START = '2014-01-23T13:30:00+01:00';
/** [HM-5] The local time of day a held meeting starts, in Amsterdam. */
const START_HOUR = 13;
const START_MINUTE = 30;
const HOUR_MS = 3_600_000;

/** Seconds between two arrivals before the meeting starts. */
const ARRIVAL_MS = 20_000;
/** A step without a time box gets this many minutes. */
const DEFAULT_STEP_MINUTES = 5;
const FACILITATOR = 'facilitator';

// ── The script ─────────────────────────────────────────────────────────────────────────────────

const ParticipantId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'use 8 to 64 letters, digits, "-" or "_"')
  .refine((id) => id !== FACILITATOR, { message: `"${FACILITATOR}" is not a participant id` });
/** Who sends a contribution: a participant, or the facilitator. */
const Sender = z.union([z.literal(FACILITATOR), ParticipantId]);
const Horn = z.string().trim().min(1).max(200);

const ScriptParticipant = z.object({ id: ParticipantId, name: z.string().trim().min(1).max(60) }).strict();
const ScriptGroup = z
  .object({
    id: Slug,
    name: z.string().trim().min(1).max(60),
    caseId: Slug,
    members: z.array(ParticipantId).min(1).max(200),
    scribe: ParticipantId.optional(),
    dilemma: z.object({ hornA: Horn, hornB: Horn }).strict().optional(),
  })
  .strict();
const ScriptContribution = z
  .object({
    by: Sender,
    /** A name for this card within its step, for reactions, clusters and lessons. */
    ref: Slug.optional(),
    /** Only with `by: facilitator` on a group step: the group the entry is for. */
    group: Slug.optional(),
    payload: ContributionPayload,
  })
  .strict();
const ScriptReaction = z.object({ by: ParticipantId, to: Slug }).strict();
const ScriptCluster = z.object({ id: Slug, title: z.string().trim().min(1).max(120), cards: z.array(Slug).max(200) }).strict();
const ScriptLesson = z
  .object({
    id: Slug,
    title: z.string().trim().min(1).max(160),
    text: z.string().trim().max(2000),
    sources: z.array(Slug).max(200).default([]),
  })
  .strict();
const ScriptStep = z
  .object({
    id: Slug,
    contributions: z.array(ScriptContribution).max(500).default([]),
    /** Whether the facilitator reveals the results after the input closes (default: when there is input). */
    reveal: z.boolean().default(true),
    reactions: z.array(ScriptReaction).max(1000).default([]),
    clusters: z.array(ScriptCluster).max(50).default([]),
    lessons: z.array(ScriptLesson).max(50).default([]),
  })
  .strict();

export const HeldMeetingScript = z
  .object({
    id: Slug,
    spec: MeetingSpec,
    participants: z.array(ScriptParticipant).min(1).max(200),
    groups: z.array(ScriptGroup).max(100).default([]),
    steps: z.array(ScriptStep).max(200),
  })
  .strict();
export type HeldMeetingScript = z.infer<typeof HeldMeetingScript>;

/** Thrown when the core refuses a command of the script: names the command, its actor and the refusal. */
export class HeldMeetingCommandError extends Error {
  constructor(
    readonly index: number,
    readonly label: string,
    readonly actor: Actor,
    readonly command: MeetingCommand,
    readonly error: DomainError,
  ) {
    super(
      `held meeting: command ${index + 1} (${label}, sent by ${actorName(actor)}) was refused: ${error.code}: ${error.detail}\n` +
        `  command: ${JSON.stringify(command).slice(0, 600)}`,
    );
    this.name = 'HeldMeetingCommandError';
  }
}

function actorName(actor: Actor): string {
  return actor.role === 'participant' ? actor.participantId : actor.role;
}

function issues(list: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return list.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
}

/**
 * [HM-9] Validates a script: first its shape (zod), then against the method and itself (steps of
 * the method in its order, known participants and groups, refs that exist). Every problem is
 * listed with its path.
 */
export function parseHeldMeetingScript(data: unknown, method: MethodTemplate, source = 'held meeting script'): HeldMeetingScript {
  const result = HeldMeetingScript.safeParse(data);
  if (!result.success) throw new Error(`${source} is not valid:\n${issues(result.error.issues)}`);
  const script = result.data;
  const problems = checkScript(script, method);
  if (problems.length > 0) throw new Error(`${source} does not fit method ${method.id}:\n${issues(problems)}`);
  return script;
}

function checkScript(script: HeldMeetingScript, method: MethodTemplate): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const problem = (path: PropertyKey[], message: string) => problems.push({ path, message });
  if (script.spec.methodId !== method.id) problem(['spec', 'methodId'], `names ${script.spec.methodId}, but the method is ${method.id}`);
  // [HM-5] the clock starts on the day itself
  if (script.spec.date === undefined) problem(['spec', 'date'], 'a meeting as held has the date it was held');

  const people = new Set<string>();
  const names = new Set<string>();
  script.participants.forEach((p, i) => {
    if (people.has(p.id)) problem(['participants', i, 'id'], `${p.id} is listed twice`);
    if (names.has(p.name)) problem(['participants', i, 'name'], `the name ${p.name} is used twice`);
    people.add(p.id);
    names.add(p.name);
  });

  const groupOf = new Map<string, string>();
  const groupIds = new Set<string>();
  script.groups.forEach((g, i) => {
    if (groupIds.has(g.id)) problem(['groups', i, 'id'], `group ${g.id} is listed twice`);
    groupIds.add(g.id);
    if (!script.spec.caseIds.includes(g.caseId)) problem(['groups', i, 'caseId'], `${g.caseId} is not one of the meeting's cases`);
    g.members.forEach((m, j) => {
      if (!people.has(m)) problem(['groups', i, 'members', j], `${m} is not a participant`);
      const other = groupOf.get(m);
      if (other !== undefined) problem(['groups', i, 'members', j], `${m} is in ${other} already`);
      groupOf.set(m, g.id);
    });
    if (g.scribe !== undefined && !g.members.includes(g.scribe)) problem(['groups', i, 'scribe'], `${g.scribe} is not a member of ${g.id}`);
  });

  const order = agendaSteps(method.rounds).map((s) => s.step);
  const position = new Map(order.map((s, i) => [s.id, i]));
  let last = -1;
  script.steps.forEach((entry, i) => {
    const at = position.get(entry.id);
    const step = at === undefined ? undefined : order[at];
    if (at === undefined || step === undefined) {
      problem(['steps', i, 'id'], `method ${method.id} has no step ${entry.id}`);
      return;
    }
    if (at <= last) problem(['steps', i, 'id'], `${entry.id} is listed twice or out of the method's order`);
    last = Math.max(last, at);
    if (step.primitive === 'info' && entry.contributions.length > 0) problem(['steps', i, 'contributions'], `${entry.id} only shows content`);

    const refs = new Set<string>();
    const perSender = new Map<string, number>();
    entry.contributions.forEach((c, j) => {
      const path = ['steps', i, 'contributions', j];
      if (c.by !== FACILITATOR && !people.has(c.by)) problem([...path, 'by'], `${c.by} is not a participant`);
      if (c.ref !== undefined) {
        if (refs.has(c.ref)) problem([...path, 'ref'], `ref ${c.ref} is used twice in ${entry.id}`);
        refs.add(c.ref);
      }
      if (c.group !== undefined) {
        if (c.by !== FACILITATOR || step.scope !== 'group') problem([...path, 'group'], 'only the facilitator names a group, on a group step');
        else if (!groupIds.has(c.group)) problem([...path, 'group'], `there is no group ${c.group}`);
      }
      perSender.set(c.by, (perSender.get(c.by) ?? 0) + 1);
    });
    for (const [by, count] of perSender) {
      if (by === FACILITATOR) continue;
      // A participant gives one map, choice or scale answer (so a paired choice pairs once), and
      // cards up to the step's maximum (which the core leaves to the client: it does not count cards).
      const max = step.primitive === 'cards' ? step.maxPerParticipant : step.primitive === 'note' || step.primitive === 'grid' ? undefined : 1;
      if (max !== undefined && count > max) problem(['steps', i, 'contributions'], `${by} gives ${count} contributions to ${entry.id}, at most ${max}`);
    }
    const known = (ref: string, path: PropertyKey[]) => {
      if (!refs.has(ref)) problem(path, `no contribution with ref ${ref} in ${entry.id}`);
    };
    entry.reactions.forEach((r, j) => {
      if (!people.has(r.by)) problem(['steps', i, 'reactions', j, 'by'], `${r.by} is not a participant`);
      known(r.to, ['steps', i, 'reactions', j, 'to']);
    });
    entry.clusters.forEach((c, j) => c.cards.forEach((ref, k) => known(ref, ['steps', i, 'clusters', j, 'cards', k])));
    entry.lessons.forEach((l, j) => l.sources.forEach((ref, k) => known(ref, ['steps', i, 'lessons', j, 'sources', k])));
  });
  return problems;
}

// ── Running it ─────────────────────────────────────────────────────────────────────────────────

interface Planned {
  readonly actor: Actor;
  readonly command: MeetingCommand;
  readonly label: string;
}

/** Commands that share a slot of time: the arrivals, one step of the agenda, or the close. */
interface Phase {
  readonly durationMs: number;
  readonly commands: Planned[];
}

/** A deterministic id from its parts, in the shape clients use (letters, digits, - and _). */
function stableId(...parts: string[]): string {
  return `h${createHash('sha256').update(parts.join('\u001f')).digest('base64url').slice(0, 23)}`;
}

function stableJoinCode(meetingId: string): string {
  const bytes = createHash('sha256').update(`join-code\u001f${meetingId}`).digest();
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[(bytes[i] ?? 0) % JOIN_CODE_ALPHABET.length];
  return code;
}

const facilitator: Actor = { role: 'facilitator' };
const system: Actor = { role: 'system' };
const participant = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Lays the script out as commands, phase by phase, in the order the meeting went. */
function plan(script: HeldMeetingScript, method: MethodTemplate): Phase[] {
  const id = script.id;
  const phases: Phase[] = [];
  const arrival: Planned[] = [
    { actor: system, command: { type: 'CreateMeeting', spec: script.spec, method }, label: 'CreateMeeting' },
    { actor: system, command: { type: 'OpenMeeting' }, label: 'OpenMeeting' },
    ...script.participants.map(
      (p): Planned => ({
        actor: participant(p.id),
        command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: p.name },
        label: `JoinMeeting ${p.id}`,
      }),
    ),
    { actor: facilitator, command: { type: 'LockMeeting' }, label: 'LockMeeting' },
  ];
  phases.push({ durationMs: arrival.length * ARRIVAL_MS, commands: arrival });

  const steps = agendaSteps(method.rounds).map((s) => s.step);
  const byId = new Map(script.steps.map((s) => [s.id, s]));
  const pairedTargets = new Set(steps.flatMap((s) => (s.primitive === 'choice' && s.pairedWith ? [s.pairedWith] : [])));
  let groupsFormed = false;

  steps.forEach((step, index) => {
    const commands: Planned[] = [];
    const f = (command: MeetingCommand, label: string = command.type) => commands.push({ actor: facilitator, command, label });
    if (index === 0) f({ type: 'StartMeeting' });
    else f({ type: 'NextStep' }, `NextStep to ${step.id}`);

    // [HM-2] the groups are formed, with their scribes and dilemmas, when group work begins
    if (step.scope === 'group' && !groupsFormed && script.groups.length > 0) {
      groupsFormed = true;
      f({
        type: 'FormGroups',
        groups: script.groups.map((g) => ({ id: g.id, name: g.name, memberIds: g.members, caseId: g.caseId })),
      });
      for (const g of script.groups) {
        if (g.scribe !== undefined) f({ type: 'SetScribe', groupId: g.id, participantId: g.scribe }, `SetScribe ${g.id}`);
      }
      for (const g of script.groups) {
        if (g.dilemma !== undefined) f({ type: 'SetGroupDilemma', groupId: g.id, dilemma: g.dilemma }, `SetGroupDilemma ${g.id}`);
      }
    }

    const entry = byId.get(step.id);
    const refs = new Map<string, string>();
    if (entry) {
      entry.contributions.forEach((c, n) => {
        const pairKey = step.primitive === 'choice' ? (step.pairedWith ?? (pairedTargets.has(step.id) ? step.id : undefined)) : undefined;
        // [HM-6] a paired choice shares its id with the earlier answer, as a participant's browser does
        const contributionId = pairKey !== undefined && c.by !== FACILITATOR ? stableId(id, 'pair', pairKey, c.by) : stableId(id, step.id, 'contribution', String(n));
        if (c.ref !== undefined) refs.set(c.ref, contributionId);
        const label = `SubmitContribution ${step.id}${c.ref ? ` ${c.ref}` : ''} by ${c.by}`;
        if (c.by === FACILITATOR) {
          const own = step.primitive === 'note' && step.scope === 'plenary';
          commands.push({
            actor: facilitator,
            command: {
              type: 'SubmitContribution',
              stepId: step.id,
              contributionId,
              payload: c.payload,
              ...(own ? {} : { proxy: true }),
              ...(c.group === undefined ? {} : { groupId: c.group }),
            },
            label,
          });
        } else {
          commands.push({ actor: participant(c.by), command: { type: 'SubmitContribution', stepId: step.id, contributionId, payload: c.payload }, label });
        }
      });
    }
    if (step.primitive !== 'info') {
      f({ type: 'CloseInput', stepId: step.id }, `CloseInput ${step.id}`);
      if (entry && entry.contributions.length > 0 && entry.reveal) f({ type: 'RevealResults', stepId: step.id }, `RevealResults ${step.id}`);
    }
    if (entry) {
      const real = (ref: string) => refs.get(ref) ?? ref;
      entry.reactions.forEach((r, n) => {
        commands.push({
          actor: participant(r.by),
          command: { type: 'React', stepId: step.id, reactionId: stableId(id, step.id, 'reaction', String(n)), targetId: real(r.to) },
          label: `React ${step.id} ${r.to} by ${r.by}`,
        });
      });
      if (entry.clusters.length > 0) {
        f(
          {
            type: 'ClusterCards',
            stepId: step.id,
            clusters: entry.clusters.map((c) => ({ id: c.id, title: c.title, contributionIds: c.cards.map(real) })),
          },
          `ClusterCards ${step.id}`,
        );
      }
      for (const lesson of entry.lessons) {
        f(
          {
            type: 'HarvestLesson',
            lesson: { id: lesson.id, title: lesson.title, text: lesson.text, stepId: step.id, sourceIds: lesson.sources.map(real) },
          },
          `HarvestLesson ${lesson.id}`,
        );
      }
    }
    phases.push({ durationMs: (step.timeboxMinutes ?? DEFAULT_STEP_MINUTES) * 60_000, commands });
  });

  phases.push({ durationMs: 60_000, commands: [{ actor: facilitator, command: { type: 'CloseMeeting' }, label: 'CloseMeeting' }] });
  return phases;
}

/** The day of the month of the last Sunday of a month (0-based month), in UTC. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * Amsterdam's offset from UTC in hours at an instant: summer time (UTC+2) from 01:00 UTC on the
 * last Sunday of March to 01:00 UTC on the last Sunday of October, as the EU rule has it since
 * 1996; otherwise UTC+1. Computed here rather than with the time-zone database, so the clock of a
 * held meeting depends on its script only.
 */
function amsterdamOffsetHours(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const from = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const to = Date.UTC(year, 9, lastSunday(year, 9), 1);
  return utcMs >= from && utcMs < to ? 2 : 1;
}

/** [HM-5] The moment a held meeting starts: 13:30 Amsterdam time on its date (`YYYY-MM-DD`), as an ISO instant. */
export function heldMeetingStart(date: string): string {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  const local = Date.UTC(year, month - 1, day, START_HOUR, START_MINUTE);
  if (Number.isNaN(local)) throw new Error(`held meeting: ${date} is not a date`);
  return new Date(local - amsterdamOffsetHours(local - HOUR_MS) * HOUR_MS).toISOString();
}

/**
 * [HM-5] Gives every command its moment: the commands of a phase are spread over its time box,
 * whole seconds, each at least a second after the one before.
 */
function schedule(phases: readonly Phase[], startAt: string): { at: string; planned: Planned }[] {
  const out: { at: string; planned: Planned }[] = [];
  let start = Date.parse(startAt);
  let last = start - 1000;
  for (const phase of phases) {
    const n = phase.commands.length;
    phase.commands.forEach((planned, i) => {
      const offset = Math.floor((i * phase.durationMs) / n / 1000) * 1000;
      last = Math.max(start + offset, last + 1000);
      out.push({ at: new Date(last).toISOString(), planned });
    });
    start = Math.max(start + phase.durationMs, last + 1000);
  }
  return out;
}

function run(script: HeldMeetingScript, method: MethodTemplate): { events: MeetingEvent[]; state: MeetingState } {
  const newId = (kind: 'joinCode' | 'joinToken') => (kind === 'joinCode' ? stableJoinCode(script.id) : stableId(script.id, 'join-token'));
  let state: MeetingState | null = null;
  const events: MeetingEvent[] = [];
  schedule(plan(script, method), heldMeetingStart(script.spec.date ?? '')).forEach(({ at, planned }, index) => {
    const { actor, label } = planned;
    // As over the live connection: the command is parsed, then authorised by the policy table.
    const parsed = MeetingCommand.safeParse(planned.command);
    if (!parsed.success) {
      throw new Error(`held meeting: command ${index + 1} (${label}) is not a valid command:\n${issues(parsed.error.issues)}`);
    }
    const command = parsed.data;
    if (!mayCommand(actor, command.type)) {
      throw new HeldMeetingCommandError(index, label, actor, command, { code: 'forbidden', detail: `${actor.role} may not ${command.type}` });
    }
    const decision = decide(state, command, { now: at, actor, newId }, script.id);
    if (!decision.ok) throw new HeldMeetingCommandError(index, label, actor, command, decision.error);
    for (const event of decision.events) {
      state = evolve(state, event);
      events.push(event);
    }
  });
  if (state === null) throw new Error('held meeting: the script made no meeting');
  return { events, state };
}

/**
 * [HM-1] Runs a held-meeting script (as read from YAML) through the core and returns the event
 * log and the state it folds to. Throws a readable error for an invalid script, and a
 * `HeldMeetingCommandError` naming the command when the core refuses one.
 */
export function heldMeetingLog(script: unknown, method: MethodTemplate): { events: MeetingEvent[]; state: MeetingState } {
  return run(parseHeldMeetingScript(script, method), method);
}

/** The columns the store keeps beside the snapshot, as the engine writes them. */
function metaOf(state: MeetingState): MeetingMeta {
  const joinable = state.status === 'open' || state.status === 'running';
  return {
    programmeId: state.spec.programmeId ?? null,
    status: state.status,
    date: state.spec.date ?? null,
    joinCode: joinable ? state.joinCode : null,
    joinToken: joinable ? state.joinToken : null,
  };
}

export interface HeldMeetingLoaded {
  readonly meetingId: string;
  /** False when the meeting existed already and was left as it is. */
  readonly created: boolean;
  /** The length of the meeting's event log. */
  readonly events: number;
}

/** A script as read from its file and checked against the content: the meeting it holds and its method. */
interface HeldMeetingSource {
  readonly file: string;
  readonly script: HeldMeetingScript;
  readonly method: MethodTemplate;
}

/** [HM-10] The held-meeting scripts in a folder: every `*.yaml` in it, by name; none when the folder is not there. */
export async function heldMeetingFiles(dir: string = HELD_MEETING_DIR): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Reads a script and checks it against the method it names, the case library and the programmes. */
async function readHeldMeeting(file: string, content: ContentCatalog): Promise<HeldMeetingSource> {
  const data: unknown = parseYaml(await readFile(file, 'utf8'));
  const methodId = (data as { spec?: { methodId?: unknown } } | null)?.spec?.methodId;
  const method = typeof methodId === 'string' ? content.methods.get(methodId) : undefined;
  if (!method) throw new Error(`${file}: spec.methodId names no known method (${String(methodId)})`);
  const script = parseHeldMeetingScript(data, method, file);
  const known = new Set(content.cases.map((c) => c.id));
  const missing = script.spec.caseIds.filter((id) => !known.has(id));
  if (missing.length > 0) throw new Error(`${file}: unknown cases ${missing.join(', ')}`);
  const programmeId = script.spec.programmeId;
  if (programmeId !== undefined && !content.programmes.some((p) => p.programme.id === programmeId)) {
    throw new Error(`${file}: unknown programme ${programmeId}`);
  }
  return { file, script, method };
}

/** Runs a checked script and imports its log, unless a meeting with its id exists. */
async function storeHeldMeeting(store: Store, { script, method }: HeldMeetingSource): Promise<HeldMeetingLoaded> {
  const existing = await store.getMeeting(script.id);
  if (existing) return { meetingId: script.id, created: false, events: existing.seq };
  const { events, state } = run(script, method);
  await store.importMeeting(
    script.id,
    events.map((event, i) => ({ seq: i + 1, event })),
    state,
    metaOf(state),
  );
  return { meetingId: script.id, created: true, events: events.length };
}

/**
 * [HM-8] Writes the held meeting into the store as an imported log, unless a meeting with its id
 * exists (then nothing changes). The meeting gets no console or screen links: it is over.
 */
export async function loadHeldMeeting(store: Store, content: ContentCatalog, file: string = HELD_MEETING_FILE): Promise<HeldMeetingLoaded> {
  return storeHeldMeeting(store, await readHeldMeeting(file, content));
}

/**
 * [HM-10] Writes every held meeting of the given scripts into the store, in the order they were
 * held (by date, then id), each as `loadHeldMeeting` does. Every script is read and checked before
 * anything is written; two scripts with one meeting id are refused.
 */
export async function loadHeldMeetings(store: Store, content: ContentCatalog, files: readonly string[]): Promise<HeldMeetingLoaded[]> {
  const sources = await Promise.all(files.map((file) => readHeldMeeting(file, content)));
  const byId = new Map<string, string>();
  for (const { file, script } of sources) {
    const other = byId.get(script.id);
    if (other !== undefined) throw new Error(`${file}: meeting id ${script.id} is used by ${other} already`);
    byId.set(script.id, file);
  }
  const order = (s: HeldMeetingSource) => `${s.script.spec.date ?? ''}\u0000${s.script.id}`;
  sources.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const loaded: HeldMeetingLoaded[] = [];
  for (const source of sources) loaded.push(await storeHeldMeeting(store, source));
  return loaded;
}
