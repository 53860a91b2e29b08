import type { DecideContext } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { type Decision, type DomainError, domainError } from './errors.ts';
import type { MeetingEvent } from './events.ts';
import { decideAgenda } from './decide-agenda.ts';
import { decideContribution } from './decide-contribution.ts';
import { decideHarvest } from './decide-harvest.ts';
import { decideGroups } from './decide-groups.ts';
import { decideRoom, decideStepControl, decideTimer } from './decide-live.ts';
import { agendaSteps, findStep, type MeetingState } from './state.ts';

const ok = (events: MeetingEvent[]): Decision<MeetingEvent> => ({ ok: true, events });
const fail = (error: DomainError): Decision<MeetingEvent> => ({ ok: false, error });

/**
 * Decides what a command does to a meeting. Pure: the same state, command and context
 * always give the same events or the same refusal. Rule IDs refer to docs/spec/meeting.md.
 */
export function decide(
  state: MeetingState | null,
  command: MeetingCommand,
  ctx: DecideContext,
  meetingId: string,
): Decision<MeetingEvent> {
  const at = ctx.now;
  if (command.type === 'CreateMeeting') {
    // [ML-1] a meeting is created once
    if (state !== null) return fail(domainError('meeting_exists', `meeting ${meetingId} exists`));
    // [ML-2] the agenda comes from the method the spec names
    if (command.spec.methodId !== command.method.id) {
      return fail(domainError('method_mismatch', `spec names ${command.spec.methodId}, got ${command.method.id}`));
    }
    const { id, version, name, rounds } = command.method;
    return ok([
      { type: 'MeetingCreated', at, meetingId, spec: command.spec, method: { id, version, name }, agenda: rounds },
    ]);
  }
  // [ML-3] every other command needs an existing meeting
  if (state === null) return fail(domainError('meeting_not_found', `meeting ${meetingId} does not exist`));

  switch (command.type) {
    case 'OpenMeeting':
      // [ML-4] only a draft opens for participants
      if (state.status !== 'draft') return transition(state, 'open');
      return ok([{ type: 'MeetingOpened', at, joinCode: ctx.newId('joinCode'), joinToken: ctx.newId('joinToken') }]);
    case 'StartMeeting': {
      // [ML-5] starting activates the first step of the agenda
      if (state.status !== 'draft' && state.status !== 'open') return transition(state, 'running');
      const first = agendaSteps(state.agenda)[0];
      if (!first) return fail(domainError('no_such_step', 'the agenda has no steps'));
      return ok([{ type: 'MeetingStarted', at, stepId: first.step.id }]);
    }
    case 'NextStep':
    case 'PreviousStep':
    case 'GoToStep':
      return moveStep(state, command, at);
    case 'CloseMeeting':
      // [ML-7] an open or running meeting can be closed
      if (state.status !== 'open' && state.status !== 'running') return transition(state, 'closed');
      return ok([{ type: 'MeetingClosed', at }]);
    case 'MarkReported':
      // [ML-8] only a closed meeting gets its report
      if (state.status !== 'closed') return transition(state, 'reported');
      return ok([{ type: 'MeetingReported', at }]);
    case 'JoinMeeting': {
      // [ML-9] participants join an open or running meeting, once
      if (ctx.actor.role !== 'participant') return fail(domainError('forbidden', 'only participants join'));
      if (state.status !== 'open' && state.status !== 'running') {
        return fail(domainError('joining_closed', `meeting is ${state.status}`));
      }
      const participantId = ctx.actor.participantId;
      if (state.removedIds.includes(participantId)) return fail(domainError('participant_removed', 'removed by the facilitator'));
      if (state.participants[participantId]) return ok([]);
      if (state.locked) return fail(domainError('meeting_locked', 'the meeting takes no new participants'));
      return ok([
        {
          type: 'ParticipantJoined',
          at,
          participantId,
          // [ML-12] an anonymous meeting stores no name: one given is dropped, not kept and hidden
          ...(command.displayName === undefined || state.spec.anonymous === true ? {} : { displayName: command.displayName }),
        },
      ]);
    }
    case 'LockMeeting':
    case 'UnlockMeeting':
    case 'RemoveParticipant':
      return decideRoom(state, command, at);
    case 'StartTimer':
    case 'PauseTimer':
    case 'ResumeTimer':
    case 'ExtendTimer':
    case 'ClearTimer':
      return decideTimer(state, command, ctx);
    case 'OpenInput':
    case 'CloseInput':
    case 'RevealResults':
    case 'HideResults':
      return decideStepControl(state, command, at);
    case 'SubmitContribution':
      return decideContribution(state, command, ctx.actor, at);
    case 'FormGroups':
    case 'ClearGroups':
    case 'SetScribe':
    case 'SetGroupDilemma':
      return decideGroups(state, command, at);
    case 'React':
    case 'WithdrawReaction':
    case 'ClusterCards':
    case 'HarvestLesson':
    case 'RemoveLesson':
      return decideHarvest(state, command, ctx);
    case 'EditStep':
    case 'AddRound':
    case 'RemoveRound':
      return decideAgenda(state, command, at);
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${JSON.stringify(unreachable)}`);
    }
  }
}

function transition(state: MeetingState, to: string): Decision<MeetingEvent> {
  return fail(domainError('invalid_transition', `cannot go from ${state.status} to ${to}`));
}

// [ML-6] the facilitator moves through the agenda while the meeting runs
function moveStep(
  state: MeetingState,
  command: Extract<MeetingCommand, { type: 'NextStep' | 'PreviousStep' | 'GoToStep' }>,
  at: string,
): Decision<MeetingEvent> {
  if (state.status !== 'running') return fail(domainError('not_running', `meeting is ${state.status}`));
  const steps = agendaSteps(state.agenda);
  const current = findStep(state, state.currentStepId);
  let target;
  if (command.type === 'GoToStep') {
    target = steps.find((s) => s.step.id === command.stepId);
    if (!target) return fail(domainError('no_such_step', `no step ${command.stepId}`));
  } else {
    const offset = command.type === 'NextStep' ? 1 : -1;
    target = steps[(current?.index ?? -1) + offset];
    if (!target) {
      return fail(
        command.type === 'NextStep'
          ? domainError('at_last_step', 'this is the last step')
          : domainError('at_first_step', 'this is the first step'),
      );
    }
  }
  if (target.step.id === state.currentStepId) return ok([]);
  return ok([{ type: 'StepActivated', at, stepId: target.step.id }]);
}
