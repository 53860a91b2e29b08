import type { MeetingState, Participant } from '@goedwerk/core';
import type { TFunction } from '../i18n.ts';

/** Participants in the order they joined. */
export function participantsInOrder(state: MeetingState): Participant[] {
  return Object.values(state.participants).sort((a, b) => (a.joinedAt === b.joinedAt ? a.id.localeCompare(b.id) : a.joinedAt.localeCompare(b.joinedAt)));
}

/** The name a participant gave, or "Participant 3" by the order of joining. Names are the facilitator's only. */
export function participantNamer(state: MeetingState, t: TFunction): (id: string) => string {
  const order = new Map(participantsInOrder(state).map((p, i) => [p.id, i + 1]));
  return (id) => state.participants[id]?.displayName ?? t('console.participants.unnamed', { number: order.get(id) ?? '?' });
}
