import type { LiveCommand, MeetingState } from '@goedwerk/core';
import type { CommandOutcome, LiveSession } from '../live/session.ts';

/** What every console panel gets: the meeting as the facilitator sees it, and a way to act on it. */
export interface PanelProps {
  readonly state: MeetingState;
  readonly session: LiveSession;
  readonly run: (command: LiveCommand) => Promise<CommandOutcome | null>;
}
