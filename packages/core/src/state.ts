import type { Gated, ScaleItemSummary, Shift } from './results.ts';
import { K_THRESHOLD } from './constants.ts';
import type { Contribution } from './contribution.ts';
import type { MeetingSpec } from './domain.ts';
import type { Cluster, Group, Lesson, MeetingEvent, MethodRef, TimerState } from './events.ts';
import type { RoundTemplate, StepTemplate } from './method.ts';

/** The lifecycle of a meeting: draft → open → running → closed → reported. */
export const MEETING_STATUSES = ['draft', 'open', 'running', 'closed', 'reported'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface Participant {
  readonly id: string;
  readonly displayName?: string;
  readonly joinedAt: string;
}

/** What happens in one step while the meeting runs. */
export interface StepRuntime {
  readonly inputOpen: boolean;
  readonly revealed: boolean;
  /** By contribution id; a resubmission with the same id replaces the earlier one. */
  readonly contributions: Readonly<Record<string, Contribution>>;
  /** Reactions to cards by reaction id: which card each one is for. No author is kept. */
  readonly reactions: Readonly<Record<string, { readonly targetId: string }>>;
  /** Themes the facilitator grouped the cards into. */
  readonly clusters: readonly Cluster[];
  /**
   * [VW-7] Only in what a participant or the screen sees of a counted step (a choice or a scale):
   * the counts, in place of one contribution per answer, which stays empty. The facilitator and the
   * stored state have the contributions and no summary.
   */
  readonly summary?: StepSummary;
}

/** [VW-7] What a participant or the screen sees of a counted step's answers: counts only. */
export interface StepSummary {
  /** How many answered. */
  readonly total: number;
  /** A choice's count per option (a dot vote counts every dot); only once it may be read. */
  readonly tally?: Readonly<Record<string, number>>;
  /** A scale's counts and mean per item; only once it may be read. */
  readonly scale?: Readonly<Record<string, ScaleItemSummary>>;
  /** A choice paired with an earlier one: the opinion shift, gated as `opinionShift` gates it. */
  readonly shift?: Gated<Shift>;
}

export const EMPTY_STEP: StepRuntime = { inputOpen: false, revealed: false, contributions: {}, reactions: {}, clusters: [] };

/** The state of one meeting, folded from its event log. Plain data, safe to serialise. */
export interface MeetingState {
  readonly id: string;
  readonly status: MeetingStatus;
  readonly spec: MeetingSpec;
  readonly method: MethodRef;
  readonly agenda: readonly RoundTemplate[];
  readonly currentStepId: string | null;
  readonly participants: Readonly<Record<string, Participant>>;
  /** Participants the facilitator removed; they cannot come back. */
  readonly removedIds: readonly string[];
  readonly joinCode: string | null;
  readonly joinToken: string | null;
  /** No new participants while locked. */
  readonly locked: boolean;
  readonly timer: TimerState | null;
  readonly steps: Readonly<Record<string, StepRuntime>>;
  readonly groups: readonly Group[];
  /** Lessons harvested by the facilitator, in order: the report numbers them. */
  readonly lessons: readonly Lesson[];
  readonly createdAt: string;
  readonly openedAt?: string;
  readonly startedAt?: string;
  readonly closedAt?: string;
  readonly reportedAt?: string;
}

export interface LocatedStep {
  readonly round: RoundTemplate;
  readonly roundIndex: number;
  readonly step: StepTemplate;
  /** Position in the whole agenda, counting from 0. */
  readonly index: number;
}

/** Every step of an agenda in order, with the round it belongs to. */
export function agendaSteps(agenda: readonly RoundTemplate[]): LocatedStep[] {
  const out: LocatedStep[] = [];
  agenda.forEach((round, roundIndex) => {
    for (const step of round.steps) out.push({ round, roundIndex, step, index: out.length });
  });
  return out;
}

export function findStep(state: MeetingState, stepId: string | null): LocatedStep | undefined {
  if (stepId === null) return undefined;
  return agendaSteps(state.agenda).find((s) => s.step.id === stepId);
}

/**
 * Records one run of evolves made and nobody else holds yet (ST-27): adding to them in place
 * gives the same result as copying, without copying every participant or answer again for each
 * event. A caller that keeps only the last state of a run (the engine's batch of commands, the
 * client's frame of events) passes one; what it passed in is never changed, only what the run made.
 */
export type Scratch = WeakSet<object>;

/** The record with one entry set: in place when this run made the record, otherwise a copy. */
function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T, scratch: Scratch | undefined): Readonly<Record<string, T>> {
  if (scratch?.has(record)) {
    (record as Record<string, T>)[key] = value;
    return record;
  }
  const copy = { ...record, [key]: value };
  scratch?.add(copy);
  return copy;
}

/**
 * Applies one event to the state. Pure and total: the events were checked by `decide`
 * before they were stored, so evolve never refuses. With a `scratch`, records made earlier in
 * the same run may be reused in place (see `Scratch`).
 */
export function evolve(state: MeetingState | null, event: MeetingEvent, scratch?: Scratch): MeetingState {
  if (event.type === 'MeetingCreated') {
    return {
      id: event.meetingId,
      status: 'draft',
      spec: event.spec,
      method: event.method,
      agenda: event.agenda,
      currentStepId: null,
      participants: {},
      removedIds: [],
      joinCode: null,
      joinToken: null,
      locked: false,
      timer: null,
      steps: {},
      groups: [],
      lessons: [],
      createdAt: event.at,
    };
  }
  if (state === null) throw new Error(`event ${event.type} before MeetingCreated`);
  switch (event.type) {
    case 'MeetingOpened':
      return { ...state, status: 'open', openedAt: event.at, joinCode: event.joinCode, joinToken: event.joinToken };
    case 'MeetingStarted':
      return activate({ ...state, status: 'running', startedAt: event.at }, event.stepId);
    case 'StepActivated':
      return activate(state, event.stepId);
    case 'MeetingClosed':
      return { ...state, status: 'closed', closedAt: event.at };
    case 'MeetingReported':
      return { ...state, status: 'reported', reportedAt: event.at };
    case 'ParticipantJoined': {
      const participant: Participant = {
        id: event.participantId,
        joinedAt: event.at,
        ...(event.displayName === undefined ? {} : { displayName: event.displayName }),
      };
      return { ...state, participants: withEntry(state.participants, event.participantId, participant, scratch) };
    }
    case 'ParticipantRemoved': {
      const { [event.participantId]: _gone, ...participants } = state.participants;
      const groups = state.groups.map((g) => withoutMember(g, event.participantId));
      return { ...state, participants, groups, removedIds: [...state.removedIds, event.participantId] };
    }
    case 'MeetingLocked':
      return { ...state, locked: true };
    case 'MeetingUnlocked':
      return { ...state, locked: false };
    case 'TimerSet':
      return { ...state, timer: event.timer };
    case 'InputOpened':
      return updateStep(state, event.stepId, (s) => ({ ...s, inputOpen: true }));
    case 'InputClosed':
      return updateStep(state, event.stepId, (s) => ({ ...s, inputOpen: false }));
    case 'ResultsRevealed':
      return updateStep(state, event.stepId, (s) => ({ ...s, revealed: true }));
    case 'ResultsHidden':
      return updateStep(state, event.stepId, (s) => ({ ...s, revealed: false }));
    case 'ContributionSubmitted': {
      const contribution: Contribution = {
        id: event.contributionId,
        stepId: event.stepId,
        proxy: event.proxy,
        at: event.at,
        payload: event.payload,
        ...(event.groupId === undefined ? {} : { groupId: event.groupId }),
        ...(event.authorId === undefined ? {} : { authorId: event.authorId }),
      };
      return updateStep(state, event.stepId, (s) => ({
        ...s,
        contributions: withEntry(s.contributions, event.contributionId, contribution, scratch),
      }));
    }
    case 'GroupDilemmaSet':
      return {
        ...state,
        groups: state.groups.map((g) => {
          if (g.id !== event.groupId) return g;
          const { dilemma: _old, ...rest } = g;
          return event.dilemma === null ? rest : { ...rest, dilemma: event.dilemma };
        }),
      };
    case 'GroupsFormed':
      return { ...state, groups: event.groups };
    case 'GroupsCleared':
      return { ...state, groups: [] };
    case 'ScribeSet':
      return {
        ...state,
        groups: state.groups.map((g) => {
          if (g.id !== event.groupId) return g;
          const { scribeId: _old, ...rest } = g;
          return event.participantId === null ? rest : { ...rest, scribeId: event.participantId };
        }),
      };
    case 'ReactionAdded':
      return updateStep(state, event.stepId, (s) => ({
        ...s,
        reactions: { ...s.reactions, [event.reactionId]: { targetId: event.targetId } },
      }));
    case 'ReactionWithdrawn':
      return updateStep(state, event.stepId, (s) => {
        const { [event.reactionId]: _gone, ...reactions } = s.reactions;
        return { ...s, reactions };
      });
    case 'CardsClustered':
      return updateStep(state, event.stepId, (s) => ({ ...s, clusters: event.clusters }));
    case 'LessonHarvested': {
      const exists = state.lessons.some((l) => l.id === event.lesson.id);
      const lessons = exists ? state.lessons.map((l) => (l.id === event.lesson.id ? event.lesson : l)) : [...state.lessons, event.lesson];
      return { ...state, lessons };
    }
    case 'LessonRemoved':
      return { ...state, lessons: state.lessons.filter((l) => l.id !== event.lessonId) };
    case 'StepEdited':
      return {
        ...state,
        agenda: state.agenda.map((round) => ({
          ...round,
          steps: round.steps.map((step) => (step.id === event.stepId ? { ...step, ...event.changes } : step)),
        })),
      };
    case 'RoundAdded': {
      const agenda = [...state.agenda];
      agenda.splice(event.index, 0, event.round);
      return { ...state, agenda };
    }
    case 'RoundRemoved':
      return { ...state, agenda: state.agenda.filter((r) => r.id !== event.roundId) };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** A newly current step opens for input, unless it only shows content. */
function activate(state: MeetingState, stepId: string): MeetingState {
  const step = findStep(state, stepId)?.step;
  const opens = step !== undefined && step.primitive !== 'info';
  const next = { ...state, currentStepId: stepId };
  return opens ? updateStep(next, stepId, (s) => ({ ...s, inputOpen: true })) : next;
}

function updateStep(state: MeetingState, stepId: string, change: (step: StepRuntime) => StepRuntime): MeetingState {
  return { ...state, steps: { ...state.steps, [stepId]: change(state.steps[stepId] ?? EMPTY_STEP) } };
}

function withoutMember(group: Group, participantId: string): Group {
  const memberIds = group.memberIds.filter((id) => id !== participantId);
  if (group.scribeId !== participantId) return { ...group, memberIds };
  const { scribeId: _removed, ...rest } = group;
  return { ...rest, memberIds };
}

/** The meeting's k: fewest answers for which a distribution is shown. */
export function kOf(state: MeetingState): number {
  return state.spec.kThreshold ?? K_THRESHOLD;
}

/** The step's runtime, or an empty one for a step nothing happened in yet. */
export function stepRuntime(state: MeetingState, stepId: string): StepRuntime {
  return state.steps[stepId] ?? EMPTY_STEP;
}

/** The group a participant is in, if groups are formed. */
export function groupOf(state: MeetingState, participantId: string): Group | undefined {
  return state.groups.find((g) => g.memberIds.includes(participantId));
}

/** Folds an event log into a state, from nothing or from a state (left unchanged; one scratch for the run, ST-27). */
export function replay(events: Iterable<MeetingEvent>, from: MeetingState | null = null): MeetingState | null {
  const scratch: Scratch = new WeakSet();
  let state = from;
  for (const event of events) state = evolve(state, event, scratch);
  return state;
}

/**
 * The state once the raw contributions are deleted (the retention rule): every step keeps its
 * status and themes, but no contribution and no reaction, and participants keep no display
 * name. What replaying the purged log gives.
 */
export function purgeContributions(state: MeetingState): MeetingState {
  const steps: Record<string, StepRuntime> = {};
  for (const [id, step] of Object.entries(state.steps)) steps[id] = { ...step, contributions: {}, reactions: {} };
  const participants: Record<string, Participant> = {};
  for (const [id, p] of Object.entries(state.participants)) participants[id] = { id: p.id, joinedAt: p.joinedAt };
  return { ...state, steps, participants };
}
