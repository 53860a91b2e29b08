import type { Role } from './actor.ts';
import type { MeetingEvent } from './events.ts';
import type { MeetingState, Participant } from './state.ts';

/** The role-views a meeting is projected into; each is serialised once per broadcast. */
export type ViewRole = Exclude<Role, 'system'>;
export const VIEW_ROLES = ['facilitator', 'screen', 'participant'] as const satisfies readonly ViewRole[];

const seesNames = (role: ViewRole) => role === 'facilitator';

/**
 * The part of an event a role may see, or null when the role sees nothing of it.
 * Display names are for the facilitator only: the room and other participants see presence.
 */
export function projectEvent(event: MeetingEvent, role: ViewRole): MeetingEvent | null {
  if (event.type === 'ParticipantJoined' && !seesNames(role) && event.displayName !== undefined) {
    const { displayName: _hidden, ...rest } = event;
    return rest;
  }
  return event;
}

/** The part of the meeting state a role may see; evolving it with projected events keeps it so. */
export function projectState(state: MeetingState, role: ViewRole): MeetingState {
  if (seesNames(role)) return state;
  const participants: Record<string, Participant> = {};
  for (const [id, p] of Object.entries(state.participants)) participants[id] = { id: p.id, joinedAt: p.joinedAt };
  return { ...state, participants };
}
