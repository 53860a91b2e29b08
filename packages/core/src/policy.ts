import type { Actor, Role } from './actor.ts';
import type { MeetingCommandType } from './commands.ts';

/**
 * Who may send which command: the one declarative table for meetings. Everything not
 * listed is refused. Tested cell by cell in policy.test.ts.
 */
export const MEETING_COMMAND_POLICY: Readonly<Record<MeetingCommandType, readonly Role[]>> = {
  CreateMeeting: ['system', 'facilitator'],
  OpenMeeting: ['system', 'facilitator'],
  StartMeeting: ['facilitator'],
  NextStep: ['facilitator'],
  PreviousStep: ['facilitator'],
  GoToStep: ['facilitator'],
  CloseMeeting: ['facilitator'],
  MarkReported: ['system', 'facilitator'],
  JoinMeeting: ['participant'],
  LockMeeting: ['facilitator'],
  UnlockMeeting: ['facilitator'],
  RemoveParticipant: ['facilitator'],
  StartTimer: ['facilitator'],
  PauseTimer: ['facilitator'],
  ResumeTimer: ['facilitator'],
  ExtendTimer: ['facilitator'],
  ClearTimer: ['facilitator'],
  OpenInput: ['facilitator'],
  CloseInput: ['facilitator'],
  RevealResults: ['facilitator'],
  HideResults: ['facilitator'],
  // The facilitator only on someone's behalf (proxy); checked in decide.
  SubmitContribution: ['participant', 'facilitator'],
  FormGroups: ['facilitator'],
  ClearGroups: ['facilitator'],
  SetScribe: ['facilitator'],
  SetGroupDilemma: ['facilitator'],
  React: ['participant', 'facilitator'],
  WithdrawReaction: ['participant', 'facilitator'],
  ClusterCards: ['facilitator'],
  HarvestLesson: ['facilitator'],
  RemoveLesson: ['facilitator'],
  EditStep: ['facilitator'],
  AddRound: ['facilitator'],
  RemoveRound: ['facilitator'],
};

export function mayCommand(actor: Actor, type: MeetingCommandType): boolean {
  return MEETING_COMMAND_POLICY[type].includes(actor.role);
}
