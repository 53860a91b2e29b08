import type { Actor, Role } from './actor.ts';
import type { Contribution } from './contribution.ts';
import type { MeetingEvent } from './events.ts';
import { isSummarised, summarizeStep } from './results.ts';
import { agendaSteps, findStep, groupOf, kOf, type MeetingState, type Participant, type StepRuntime, stepRuntime } from './state.ts';

/** The role-views a meeting is projected into. */
export type ViewRole = Exclude<Role, 'system'>;
export const VIEW_ROLES = ['facilitator', 'screen', 'participant'] as const satisfies readonly ViewRole[];

/**
 * Who looks: a role, for a participant the group they are in (groups see their own work), and
 * for what goes to one participant's socket alone, that participant (VW-8: their own record is
 * theirs to see, nobody else's). A viewer without `participantId` is a role-view many sockets share.
 */
export interface Viewer {
  readonly role: ViewRole;
  readonly groupId?: string;
  readonly participantId?: string;
}

/** Sockets with the same key see exactly the same bytes of a shared view: each key is serialised once per broadcast. */
export function viewKey(viewer: Viewer): string {
  return viewer.groupId === undefined ? viewer.role : `${viewer.role}:${viewer.groupId}`;
}

export function viewerFor(state: MeetingState, actor: Actor): Viewer {
  if (actor.role === 'participant') {
    const group = groupOf(state, actor.participantId);
    return group ? { role: 'participant', groupId: group.id, participantId: actor.participantId } : { role: 'participant', participantId: actor.participantId };
  }
  return { role: actor.role === 'system' ? 'facilitator' : actor.role };
}

/** [VW-8] The role-view a viewer shares with the others of its key: without a participant of its own. */
export function sharedViewer(viewer: Viewer): Viewer {
  if (viewer.participantId === undefined) return viewer;
  const { participantId: _own, ...shared } = viewer;
  return shared;
}

/** [VW-8] The participant record a participant's socket gets on its own (a snapshot or an event holds nobody): theirs, once they joined. */
export function ownRecord(state: MeetingState, viewer: Viewer): Participant | null {
  const p = viewer.role === 'participant' && viewer.participantId !== undefined ? state.participants[viewer.participantId] : undefined;
  return p ? presence(p) : null;
}

/** A participant as anyone but the facilitator sees them: present since when, without a name. */
function presence(p: Participant): Participant {
  return { id: p.id, joinedAt: p.joinedAt };
}

/**
 * [VW-8] Whether a shared view of `after` is the one of `before`: the same state, or for
 * participants one that differs only in who joined (which they do not see), so that a snapshot
 * made for one newcomer serves the next.
 */
export function sameSharedView(before: MeetingState, after: MeetingState, viewer: Viewer): boolean {
  if (before === after) return true;
  if (viewer.role !== 'participant' || viewer.participantId !== undefined) return false;
  const keys = Object.keys(after) as (keyof MeetingState)[];
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((key) => key === 'participants' || before[key] === after[key]);
}

/** Hides a contribution's real id from other participants, so nobody can overwrite another's answer. */
export type Alias = (contributionId: string) => string;

const isFacilitator = (viewer: Viewer) => viewer.role === 'facilitator';

export { kOf };

/** [VW-3] whether a viewer may read a contribution, or only count it. */
function readable(state: MeetingState, runtime: StepRuntime, contribution: Contribution, viewer: Viewer): boolean {
  if (isFacilitator(viewer)) return true;
  const primitive = findStep(state, contribution.stepId)?.step.primitive;
  const counted = primitive === 'choice' || primitive === 'scale' || primitive === 'map';
  // A group reads its own shared work (notes, grids, cards) as it grows, but not its votes.
  if (!counted && contribution.groupId !== undefined && contribution.groupId === viewer.groupId) return true;
  if (!runtime.revealed) return false;
  // [VW-4] no distribution for fewer than k answers
  if (counted) return Object.keys(runtime.contributions).length >= kOf(state);
  return true;
}

function projectContribution(c: Contribution, visible: boolean, alias: Alias): Contribution {
  if (visible) return { ...c, id: alias(c.id) };
  const { authorId: _a, ...rest } = c;
  return { ...rest, id: alias(c.id), payload: null };
}

/**
 * The part of an event a viewer may see, judged on the state after the event, or null when
 * the viewer sees nothing of it. Display names and contribution ids are the facilitator's only.
 */
export function projectEvent(event: MeetingEvent, viewer: Viewer, after: MeetingState, alias: Alias): MeetingEvent | null {
  if (isFacilitator(viewer)) return event;
  switch (event.type) {
    case 'ParticipantJoined': {
      // [VW-8] a participant learns of no arrival: their own record comes on its own (ownRecord)
      if (viewer.role === 'participant') return null;
      const { displayName: _hidden, ...rest } = event;
      return rest;
    }
    case 'ContributionSubmitted': {
      // [VW-7] an answer to a counted step reaches others as the step's summary (Resync.steps)
      if (isSummarised(after, event.stepId)) return null;
      const runtime = after.steps[event.stepId];
      const contribution = runtime?.contributions[event.contributionId];
      if (!runtime || !contribution) return null;
      const shown = projectContribution(contribution, readable(after, runtime, contribution, viewer), alias);
      const { authorId: _a, payload: _p, contributionId: _id, groupId: _g, ...base } = event;
      return {
        ...base,
        contributionId: shown.id,
        payload: shown.payload,
        ...(shown.groupId === undefined ? {} : { groupId: shown.groupId }),
        ...(shown.authorId === undefined ? {} : { authorId: shown.authorId }),
      };
    }
    case 'ReactionAdded':
      return { ...event, reactionId: alias(event.reactionId), targetId: alias(event.targetId) };
    case 'ReactionWithdrawn':
      return { ...event, reactionId: alias(event.reactionId) };
    case 'CardsClustered':
      return { ...event, clusters: event.clusters.map((c) => ({ ...c, contributionIds: c.contributionIds.map(alias) })) };
    case 'LessonHarvested':
      return { ...event, lesson: { ...event.lesson, sourceIds: event.lesson.sourceIds.map(alias) } };
    default:
      return event;
  }
}

/** [PR-20] One step's runtime as a viewer may see it: its contributions, reactions and clusters. */
export function projectStep(state: MeetingState, stepId: string, viewer: Viewer, alias: Alias): StepRuntime {
  const runtime = stepRuntime(state, stepId);
  if (isFacilitator(viewer)) return runtime;
  // [VW-7] a counted step: its counts, not an entry per answer (none before the first answer)
  if (isSummarised(state, stepId) && Object.keys(runtime.contributions).length > 0) return { ...runtime, contributions: {}, summary: summarizeStep(state, stepId) };
  const contributions: Record<string, Contribution> = {};
  for (const c of Object.values(runtime.contributions)) {
    const shown = projectContribution(c, readable(state, runtime, c, viewer), alias);
    contributions[shown.id] = shown;
  }
  const reactions: Record<string, { targetId: string }> = {};
  for (const [id, r] of Object.entries(runtime.reactions ?? {})) reactions[alias(id)] = { targetId: alias(r.targetId) };
  const clusters = (runtime.clusters ?? []).map((c) => ({ ...c, contributionIds: c.contributionIds.map(alias) }));
  return { ...runtime, contributions, reactions, clusters };
}

/**
 * The part of the meeting state a viewer may see; evolving it with projected events keeps it so.
 * [VW-8] The screen counts who joined; a participant's view holds only themselves (a shared
 * participant view nobody: the socket's own record follows the snapshot).
 */
export function projectState(state: MeetingState, viewer: Viewer, alias: Alias): MeetingState {
  if (isFacilitator(viewer)) return state;
  const participants: Record<string, Participant> = {};
  if (viewer.role === 'participant') {
    const own = ownRecord(state, viewer);
    if (own) participants[own.id] = own;
  } else {
    for (const [id, p] of Object.entries(state.participants)) participants[id] = presence(p);
  }
  const steps: Record<string, StepRuntime> = {};
  for (const stepId of Object.keys(state.steps)) steps[stepId] = projectStep(state, stepId, viewer, alias);
  const lessons = state.lessons.map((l) => ({ ...l, sourceIds: l.sourceIds.map(alias) }));
  return { ...state, participants, steps, lessons };
}

/**
 * [VW-5] What a batch of events changes for non-facilitators beyond what the events can carry.
 * `full`: new groups or a removal change who sees what; they get a fresh snapshot. `steps`: a
 * reveal or hide, or a revealed step whose answers reach the meeting's k, changes what may be read
 * of those steps only; they get the events with those steps' runtimes to replace (PR-20). [VW-7]
 * An answer to a counted step changes its summary, so that step goes too, with any later choice
 * paired with it (its opinion shift reads both).
 */
export interface Resync {
  readonly full: boolean;
  readonly steps: readonly string[];
}

export function resyncFor(events: readonly MeetingEvent[], after: MeetingState): Resync {
  const perStep = new Map<string, number>();
  const steps = new Set<string>();
  const withPaired = (stepId: string) => {
    steps.add(stepId);
    for (const { step } of agendaSteps(after.agenda)) if (step.primitive === 'choice' && step.pairedWith === stepId) steps.add(step.id);
  };
  for (const e of events) {
    switch (e.type) {
      case 'GroupsFormed':
      case 'GroupsCleared':
      case 'ParticipantRemoved':
        return { full: true, steps: [] };
      case 'ResultsRevealed':
      case 'ResultsHidden':
        withPaired(e.stepId);
        break;
      case 'ContributionSubmitted':
        perStep.set(e.stepId, (perStep.get(e.stepId) ?? 0) + 1);
        break;
      default:
        break;
    }
  }
  for (const [stepId, added] of perStep) {
    if (isSummarised(after, stepId)) {
      withPaired(stepId);
      continue;
    }
    const runtime = after.steps[stepId];
    if (!runtime?.revealed) continue;
    const count = Object.keys(runtime.contributions).length;
    if (count >= kOf(after) && count - added < kOf(after)) steps.add(stepId);
  }
  return { full: false, steps: [...steps].filter((id) => after.steps[id] !== undefined) };
}
