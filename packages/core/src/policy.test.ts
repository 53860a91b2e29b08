import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Actor, ROLES, type Role } from './actor.ts';
import { MeetingCommand, type MeetingCommandType } from './commands.ts';
import { mayCommand } from './policy.ts';

const actorFor = (role: Role): Actor => (role === 'participant' ? { role, participantId: 'p-1' } : { role });

/**
 * The expected table, written out by hand so a change to the policy file must be made
 * twice, on purpose. Everything not listed is denied.
 */
const EXPECTED_ALLOWS: Record<Role, MeetingCommandType[]> = {
  system: ['CreateMeeting', 'OpenMeeting', 'MarkReported'],
  facilitator: [
    'CreateMeeting', 'OpenMeeting', 'StartMeeting', 'NextStep', 'PreviousStep', 'GoToStep', 'CloseMeeting', 'MarkReported',
    'LockMeeting', 'UnlockMeeting', 'RemoveParticipant', 'StartTimer', 'PauseTimer', 'ResumeTimer', 'ExtendTimer',
    'ClearTimer', 'OpenInput', 'CloseInput', 'RevealResults', 'HideResults', 'SubmitContribution', 'FormGroups',
    'ClearGroups', 'SetScribe', 'SetGroupDilemma', 'React', 'WithdrawReaction', 'ClusterCards', 'HarvestLesson', 'RemoveLesson',
    'EditStep', 'AddRound', 'RemoveRound',
  ],
  screen: [],
  participant: ['JoinMeeting', 'SubmitContribution', 'React', 'WithdrawReaction'],
};

it('[POL-1] every role × command cell is as the table says; nothing else is allowed', () => {
  const commandTypes = MeetingCommand.options.map((o) => o.shape.type.value);
  let cells = 0;
  let unexpectedAllows = 0;
  const wrong: string[] = [];
  for (const role of ROLES) {
    for (const type of commandTypes) {
      cells++;
      const allowed = mayCommand(actorFor(role), type);
      const expected = EXPECTED_ALLOWS[role].includes(type);
      if (allowed && !expected) unexpectedAllows++;
      if (allowed !== expected) wrong.push(`${role} ${type}: ${allowed ? 'allowed' : 'denied'}`);
    }
  }
  console.log(`FIGURE policy_cells_tested=${cells}`);
  console.log(`FIGURE policy_unexpected_allows=${unexpectedAllows}`);
  assert.equal(cells, ROLES.length * commandTypes.length);
  assert.deepEqual(wrong, []);
});
