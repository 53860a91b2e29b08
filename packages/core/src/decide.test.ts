import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { DomainErrorCode } from './errors.ts';
import type { MeetingEvent } from './events.ts';
import { replay, type MeetingState } from './state.ts';
import { create, ctx, given, JOIN_CODE, JOIN_TOKEN, NOW, open, participant, start, testMethod, testSpec } from './test-fixtures.ts';

type Row = {
  rule: string;
  name: string;
  state: () => MeetingState | null;
  command: MeetingCommand;
  actor?: Actor;
  expect: MeetingEvent[] | DomainErrorCode;
};

const goTo = (stepId: string): MeetingCommand => ({ type: 'GoToStep', stepId });
const running = () => given(create, open, start);
const atLast = () => given(create, open, start, [goTo('kaart')]);
const closed = () => given(create, open, [{ type: 'CloseMeeting' }]);

const table: Row[] = [
  {
    rule: 'ML-1',
    name: 'a meeting is created once',
    state: () => given(create),
    command: create[0],
    expect: 'meeting_exists',
  },
  {
    rule: 'ML-2',
    name: 'the agenda is copied from the method the spec names',
    state: () => null,
    command: create[0],
    expect: [
      {
        type: 'MeetingCreated',
        at: NOW,
        meetingId: 'meeting-1',
        spec: testSpec,
        method: { id: testMethod.id, version: 1, name: testMethod.name },
        agenda: testMethod.rounds,
      },
    ],
  },
  {
    rule: 'ML-2',
    name: 'a spec naming another method is refused',
    state: () => null,
    command: { type: 'CreateMeeting', spec: { ...testSpec, methodId: 'other' }, method: testMethod },
    expect: 'method_mismatch',
  },
  { rule: 'ML-3', name: 'commands need an existing meeting', state: () => null, command: open[0], expect: 'meeting_not_found' },
  {
    rule: 'ML-4',
    name: 'a draft opens, with a join code and the token of its join link',
    state: () => given(create),
    command: open[0],
    expect: [{ type: 'MeetingOpened', at: NOW, joinCode: JOIN_CODE, joinToken: JOIN_TOKEN }],
  },
  { rule: 'ML-4', name: 'an open meeting does not open again', state: () => given(create, open), command: open[0], expect: 'invalid_transition' },
  {
    rule: 'ML-5',
    name: 'starting activates the first step',
    state: () => given(create, open),
    command: start[0],
    expect: [{ type: 'MeetingStarted', at: NOW, stepId: 'welkom' }],
  },
  { rule: 'ML-5', name: 'a draft may start at once', state: () => given(create), command: start[0], expect: [{ type: 'MeetingStarted', at: NOW, stepId: 'welkom' }] },
  { rule: 'ML-5', name: 'a running meeting does not start again', state: running, command: start[0], expect: 'invalid_transition' },
  { rule: 'ML-6', name: 'next goes to the following step, across rounds', state: running, command: { type: 'NextStep' }, expect: [{ type: 'StepActivated', at: NOW, stepId: 'voor' }] },
  { rule: 'ML-6', name: 'previous goes back', state: () => given(create, open, start, [goTo('na')]), command: { type: 'PreviousStep' }, expect: [{ type: 'StepActivated', at: NOW, stepId: 'voor' }] },
  { rule: 'ML-6', name: 'there is nothing before the first step', state: running, command: { type: 'PreviousStep' }, expect: 'at_first_step' },
  { rule: 'ML-6', name: 'there is nothing after the last step', state: atLast, command: { type: 'NextStep' }, expect: 'at_last_step' },
  { rule: 'ML-6', name: 'go to a named step', state: running, command: goTo('na'), expect: [{ type: 'StepActivated', at: NOW, stepId: 'na' }] },
  { rule: 'ML-6', name: 'going to the current step changes nothing', state: running, command: goTo('welkom'), expect: [] },
  { rule: 'ML-6', name: 'an unknown step is refused', state: running, command: goTo('nergens'), expect: 'no_such_step' },
  { rule: 'ML-6', name: 'steps move only while running', state: () => given(create, open), command: { type: 'NextStep' }, expect: 'not_running' },
  { rule: 'ML-7', name: 'a running meeting closes', state: running, command: { type: 'CloseMeeting' }, expect: [{ type: 'MeetingClosed', at: NOW }] },
  { rule: 'ML-7', name: 'a draft cannot close', state: () => given(create), command: { type: 'CloseMeeting' }, expect: 'invalid_transition' },
  { rule: 'ML-8', name: 'a closed meeting is marked reported', state: closed, command: { type: 'MarkReported' }, expect: [{ type: 'MeetingReported', at: NOW }] },
  { rule: 'ML-8', name: 'a running meeting cannot be reported', state: running, command: { type: 'MarkReported' }, expect: 'invalid_transition' },
  {
    rule: 'ML-9',
    name: 'a participant joins an open meeting with a display name',
    state: () => given(create, open),
    command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Anna' },
    actor: participant('p-1'),
    expect: [{ type: 'ParticipantJoined', at: NOW, participantId: 'p-1', displayName: 'Anna' }],
  },
  {
    rule: 'ML-9',
    name: 'joining again changes nothing',
    state: () => given(create, open, [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-1')]),
    command: { type: 'JoinMeeting', acceptConfidentiality: true },
    actor: participant('p-1'),
    expect: [],
  },
  {
    rule: 'ML-9',
    name: 'nobody joins a draft',
    state: () => given(create),
    command: { type: 'JoinMeeting', acceptConfidentiality: true },
    actor: participant(),
    expect: 'joining_closed',
  },
  {
    rule: 'ML-12',
    name: 'in an anonymous meeting a name given at join is not stored',
    state: () => given([{ type: 'CreateMeeting', spec: { ...testSpec, anonymous: true }, method: testMethod }], open),
    command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Anna' },
    actor: participant('p-1'),
    expect: [{ type: 'ParticipantJoined', at: NOW, participantId: 'p-1' }],
  },
  { rule: 'ML-9', name: 'nobody joins a closed meeting', state: closed, command: { type: 'JoinMeeting', acceptConfidentiality: true }, actor: participant(), expect: 'joining_closed' },
  { rule: 'ML-9', name: 'a facilitator does not join as participant', state: running, command: { type: 'JoinMeeting', acceptConfidentiality: true }, expect: 'forbidden' },
];

describe('decide: the meeting lifecycle', () => {
  for (const row of table) {
    it(`[${row.rule}] ${row.name}`, () => {
      const decision = decide(row.state(), row.command, ctx(row.actor), 'meeting-1');
      if (typeof row.expect === 'string') {
        assert.equal(decision.ok, false, `expected refusal ${row.expect}`);
        assert.equal(!decision.ok && decision.error.code, row.expect);
      } else {
        assert.deepEqual(decision, { ok: true, events: row.expect });
      }
    });
  }

  it('[ML-10] replaying the events of a whole meeting gives the state it went through', () => {
    const state = given(create, open, [{ type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'B' }, participant('p-2')], start, [
      { type: 'NextStep' },
    ]);
    assert.ok(state);
    assert.equal(state.status, 'running');
    assert.equal(state.currentStepId, 'voor');
    assert.deepEqual(Object.keys(state.participants), ['p-2']);
    assert.equal(state.participants['p-2']?.displayName, 'B');
    assert.equal(replay([]), null);
  });

  it('[ML-11] decide is pure: the same input gives the same output and leaves the input as it was', () => {
    const state = running();
    const frozen = JSON.stringify(state);
    const a = decide(state, { type: 'NextStep' }, ctx(), 'meeting-1');
    const b = decide(state, { type: 'NextStep' }, ctx(), 'meeting-1');
    assert.deepEqual(a, b);
    assert.equal(JSON.stringify(state), frozen);
  });
});
