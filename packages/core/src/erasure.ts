import type { MeetingEvent } from './events.ts';
import { type MeetingState, replay } from './state.ts';

export interface LogRecord {
  readonly seq: number;
  readonly event: MeetingEvent;
}

export interface Erasure {
  /** Events to delete: the person's own contributions in named steps. */
  readonly deleteSeqs: readonly number[];
  /** Events to keep in a changed form: their joining, without the name. */
  readonly replace: readonly LogRecord[];
  /** The meeting as replaying the changed log gives it. */
  readonly state: MeetingState;
  readonly contributionsErased: number;
}

/**
 * [PV-2] Erasure on request of one participant, known only by the pseudonymous id their browser
 * made: what they entered in named steps goes, and the name they joined with. Contributions to
 * anonymous steps carry no author, so nobody — not this function either — can tell which were theirs.
 * Pure: the caller reads the log and writes the outcome in one transaction.
 */
export function eraseParticipant(log: readonly LogRecord[], participantId: string): Erasure | null {
  if (!log.some((r) => r.event.type === 'ParticipantJoined' && r.event.participantId === participantId)) return null;
  const deleteSeqs: number[] = [];
  const replace: LogRecord[] = [];
  const kept: MeetingEvent[] = [];
  for (const record of log) {
    const { event } = record;
    if (event.type === 'ContributionSubmitted' && event.authorId === participantId) {
      deleteSeqs.push(record.seq);
      continue;
    }
    if (event.type === 'ParticipantJoined' && event.participantId === participantId && event.displayName !== undefined) {
      const { displayName: _gone, ...rest } = event;
      replace.push({ seq: record.seq, event: rest });
      kept.push(rest);
      continue;
    }
    kept.push(event);
  }
  const state = replay(kept);
  if (!state) return null;
  return { deleteSeqs, replace, state, contributionsErased: deleteSeqs.length };
}
