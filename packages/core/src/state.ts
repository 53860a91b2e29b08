import type { MeetingSpec } from './domain.ts';
import type { MeetingEvent, MethodRef } from './events.ts';
import type { RoundTemplate, StepTemplate } from './method.ts';

/** The lifecycle of a meeting: draft → open → running → closed → reported. */
export const MEETING_STATUSES = ['draft', 'open', 'running', 'closed', 'reported'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export interface Participant {
  readonly id: string;
  readonly displayName?: string;
  readonly joinedAt: string;
}

/** The state of one meeting, folded from its event log. Plain data, safe to serialise. */
export interface MeetingState {
  readonly id: string;
  readonly status: MeetingStatus;
  readonly spec: MeetingSpec;
  readonly method: MethodRef;
  readonly agenda: readonly RoundTemplate[];
  readonly currentStepId: string | null;
  readonly participants: Readonly<Record<string, Participant>>;
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
 * Applies one event to the state. Pure and total: the events were checked by `decide`
 * before they were stored, so evolve never refuses.
 */
export function evolve(state: MeetingState | null, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingCreated') {
    return {
      id: event.meetingId,
      status: 'draft',
      spec: event.spec,
      method: event.method,
      agenda: event.agenda,
      currentStepId: null,
      participants: {},
      createdAt: event.at,
    };
  }
  if (state === null) throw new Error(`event ${event.type} before MeetingCreated`);
  switch (event.type) {
    case 'MeetingOpened':
      return { ...state, status: 'open', openedAt: event.at };
    case 'MeetingStarted':
      return { ...state, status: 'running', startedAt: event.at, currentStepId: event.stepId };
    case 'StepActivated':
      return { ...state, currentStepId: event.stepId };
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
      return { ...state, participants: { ...state.participants, [event.participantId]: participant } };
    }
    default: {
      const unreachable: never = event;
      throw new Error(`unknown event ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Folds a whole event log into a state. */
export function replay(events: Iterable<MeetingEvent>, from: MeetingState | null = null): MeetingState | null {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}
