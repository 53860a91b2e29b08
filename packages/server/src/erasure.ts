import { eraseParticipant } from '@goedwerk/core';
import { readMeetingLog } from './meeting-log.ts';
import type { Store } from '@goedwerk/store';
import { hashToken, tokenMatches } from './secrets.ts';

/**
 * [PV-2] Erases one participant of a meeting on request: their contributions to named steps and the
 * name they joined with. Returns how many contributions went, or null for an unknown meeting or participant.
 */
/**
 * [PV-4] What a meeting keeps about one participant, for that participant (AVG articles 15 and 20),
 * proven by the secret their browser holds: when they joined, the name they gave, and what they
 * entered in named steps. Contributions to anonymous steps carry no author, so they are not in it.
 * Null when the meeting, the participant or the secret does not match.
 */
export async function participantData(store: Store, meetingId: string, participantId: string, secret: string, now: string): Promise<unknown | null> {
  const log = await readMeetingLog(store, meetingId);
  const joined = log.find((r) => r.event.type === 'ParticipantJoined' && r.event.participantId === participantId)?.event;
  if (!joined || joined.type !== 'ParticipantJoined') return null;
  // The first secret claimed for this id is the stored one; a wrong secret never replaces it.
  const stored = await store.claimParticipant(meetingId, participantId, hashToken(secret));
  if (!tokenMatches(secret, stored)) return null;
  return {
    format: 'goedwerk-participant-data',
    version: 1,
    exportedAt: now,
    meetingId,
    participantId,
    joinedAt: joined.at,
    ...(joined.displayName === undefined ? {} : { displayName: joined.displayName }),
    namedContributions: log.flatMap((r) =>
      r.event.type === 'ContributionSubmitted' && r.event.authorId === participantId ? [{ stepId: r.event.stepId, at: r.event.at, payload: r.event.payload }] : [],
    ),
    note: 'Contributions to anonymous steps are stored without an author, so nobody can find them as yours.',
  };
}

export async function eraseParticipantData(store: Store, meetingId: string, participantId: string, now: string): Promise<{ contributionsErased: number } | null> {
  const erasure = eraseParticipant(await readMeetingLog(store, meetingId), participantId);
  if (!erasure) return null;
  await store.rewriteEvents(meetingId, { deleteSeqs: erasure.deleteSeqs, replace: erasure.replace }, erasure.state);
  await store.appendAudit({ id: `erase-${meetingId}-${participantId}-${Date.parse(now)}`, at: now, actorId: null, actorRole: 'admin', action: 'participant.erase', target: meetingId });
  return { contributionsErased: erasure.contributionsErased };
}
