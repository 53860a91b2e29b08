import { eraseParticipant, type LogRecord } from '@goedwerk/core';
import type { Store } from '@goedwerk/store';

/**
 * [PV-2] Erases one participant of a meeting on request: their contributions to named steps and the
 * name they joined with. Returns how many contributions went, or null for an unknown meeting or participant.
 */
export async function eraseParticipantData(store: Store, meetingId: string, participantId: string, now: string): Promise<{ contributionsErased: number } | null> {
  const log: LogRecord[] = [];
  for (let after = 0; ; ) {
    const batch = await store.eventsSince<LogRecord['event']>(meetingId, after, 5000);
    log.push(...batch);
    if (batch.length < 5000) break;
    after = batch.at(-1)?.seq ?? after;
  }
  const erasure = eraseParticipant(log, participantId);
  if (!erasure) return null;
  await store.rewriteEvents(meetingId, { deleteSeqs: erasure.deleteSeqs, replace: erasure.replace }, erasure.state);
  await store.appendAudit({ id: `erase-${meetingId}-${participantId}-${Date.parse(now)}`, at: now, actorId: null, actorRole: 'admin', action: 'participant.erase', target: meetingId });
  return { contributionsErased: erasure.contributionsErased };
}
