import type { Case, MeetingState, MeetingSummary, Programme } from '@goedwerk/core';
import type { StoredMeeting } from '@goedwerk/store';

/** The public summary of a meeting: what the programme page and the meeting page show. */
export function summarize(meeting: StoredMeeting<MeetingState>): MeetingSummary {
  const { state } = meeting;
  return {
    id: meeting.id,
    status: state.status,
    spec: state.spec,
    method: state.method,
    participantCount: Object.keys(state.participants).length,
    roundCount: state.agenda.length,
  };
}

/** The next meeting that has not taken place, or else the latest one. */
export function nextMeeting(meetings: readonly MeetingSummary[]): MeetingSummary | null {
  const upcoming = meetings.filter((m) => m.status !== 'closed' && m.status !== 'reported');
  return upcoming[0] ?? meetings.at(-1) ?? null;
}

export const asProgramme = (data: unknown) => data as Programme;
export const asCase = (data: unknown) => data as Case;
