import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide } from './decide.ts';
import { evolve } from './state.ts';
import { create, ctx, given, open, participant } from './test-fixtures.ts';
import { projectEvent, projectState, VIEW_ROLES } from './view.ts';

const alias = (id: string) => `alias-${[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`;

it('[VW-1] display names reach the facilitator only; the room sees presence', () => {
  const state = given(create, open);
  const decision = decide(state, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Canary Name' }, ctx(participant('p-9')), 'meeting-1');
  assert.ok(decision.ok);
  const [event] = decision.events;
  assert.ok(event);
  for (const role of VIEW_ROLES) {
    const full = evolve(state, event);
    const projected = projectEvent(event, { role }, full, alias);
    const after = projectState(full, { role }, alias);
    const leaks = JSON.stringify([projected, after]).includes('Canary Name');
    assert.equal(leaks, role === 'facilitator', `${role} ${leaks ? 'sees' : 'does not see'} the name`);
    assert.ok(projected && 'participantId' in projected, 'presence is visible');
  }
});

it('[VW-2] a projected state evolved with projected events equals the projection of the full state', () => {
  let full = given(create, open);
  assert.ok(full);
  let screen = projectState(full, { role: 'screen' }, alias);
  for (const [i, name] of ['A', 'B', 'C'].entries()) {
    const d = decide(full, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: name }, ctx(participant(`p-${i}`)), 'meeting-1');
    assert.ok(d.ok);
    for (const e of d.events) {
      full = evolve(full, e);
      const seen = projectEvent(e, { role: 'screen' }, full, alias);
      if (seen) screen = evolve(screen, seen);
    }
  }
  assert.deepEqual(screen, projectState(full, { role: 'screen' }, alias));
});

import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { needsSnapshot, projectStep, resyncFor, viewerFor } from './view.ts';
import type { MeetingState, StepRuntime } from './state.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)];
const card = (id: string, text: string, by: string): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId: 'kaarten', contributionId: id, payload: { kind: 'card', text } },
  participant(by),
];
const vote = (id: string, optionId: string, by: string): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId: 'voor', contributionId: id, payload: { kind: 'choice', optionId } },
  participant(by),
];

it('[VW-3] before a reveal others may count contributions but not read them; a group reads its own work', () => {
  const state = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [
    { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1'] }, { id: 'g2', name: 'Twee', memberIds: ['p-2'] }] },
  ], [{ type: 'GoToStep', stepId: 'kaarten' }], card('card-secret-1', 'Canary text', 'p-1'), [{ type: 'GoToStep', stepId: 'notitie' }], [
    { type: 'SubmitContribution', stepId: 'notitie', contributionId: 'note-g1-0001', payload: { kind: 'note', text: 'Group one note' } },
    participant('p-1'),
  ]) as MeetingState;
  const screen = JSON.stringify(projectState(state, { role: 'screen' }, alias));
  assert.doesNotMatch(screen, /Canary text|Group one note|card-secret-1/);
  assert.equal(Object.keys(projectState(state, { role: 'screen' }, alias).steps['kaarten']?.contributions ?? {}).length, 1, 'counted');
  const inG1 = JSON.stringify(projectState(state, viewerFor(state, participant('p-1')), alias));
  const inG2 = JSON.stringify(projectState(state, viewerFor(state, participant('p-2')), alias));
  assert.match(inG1, /Group one note/);
  assert.doesNotMatch(inG2, /Group one note/);
  assert.match(JSON.stringify(projectState(state, { role: 'facilitator' }, alias)), /Canary text/);
  const revealed = given(create, open, join('p-1'), [{ type: 'StartMeeting' }], [{ type: 'GoToStep', stepId: 'kaarten' }], card('card-secret-1', 'Canary text', 'p-1'), [
    { type: 'RevealResults', stepId: 'kaarten' },
  ]) as MeetingState;
  const shown = JSON.stringify(projectState(revealed, { role: 'participant' }, alias));
  assert.match(shown, /Canary text/);
  assert.doesNotMatch(shown, /card-secret-1/, 'the real contribution id stays with its author');
});

it('[VW-4] a revealed distribution is shown only from k = 3 answers', () => {
  const base = [create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'NextStep' }], [{ type: 'RevealResults', stepId: 'voor' }]] as [MeetingCommand, Actor?][];
  const two = given(...base, vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'b', 'p-2')) as MeetingState;
  const payloads = (s: MeetingState) => Object.values(projectState(s, { role: 'screen' }, alias).steps['voor']?.contributions ?? {}).map((c) => c.payload);
  assert.deepEqual(payloads(two), [null, null]);
  const three = given(...base, vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'b', 'p-2'), vote('vote-p3-0001', 'a', 'p-3')) as MeetingState;
  assert.equal(payloads(three).filter((p) => p !== null).length, 3);
});

it('[VW-5] new groups or a removal make non-facilitators resync from a snapshot; a reveal or a crossed k-threshold resync that step only', () => {
  const state = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'NextStep' }], [{ type: 'RevealResults', stepId: 'voor' }], vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'a', 'p-2'), vote('vote-p3-0001', 'a', 'p-3')) as MeetingState;
  const at = '2026-01-23T09:00:00.000Z';
  assert.deepEqual(resyncFor([{ type: 'ResultsRevealed', at, stepId: 'voor' }], state), { full: false, steps: ['voor'] });
  assert.deepEqual(resyncFor([{ type: 'ResultsHidden', at, stepId: 'voor' }], state), { full: false, steps: ['voor'] });
  assert.deepEqual(resyncFor([{ type: 'GroupsFormed', at, groups: [] }], state), { full: true, steps: [] });
  assert.deepEqual(resyncFor([{ type: 'ParticipantRemoved', at, participantId: 'p-1' }], state), { full: true, steps: [] });
  const third = { type: 'ContributionSubmitted', at, stepId: 'voor', contributionId: 'vote-p3-0001', proxy: false, payload: { kind: 'choice', optionId: 'a' } } as const;
  assert.deepEqual(resyncFor([third], state), { full: false, steps: ['voor'] }, 'the third answer crosses k');
  assert.deepEqual(resyncFor([{ ...third, contributionId: 'vote-p2-0001' }, third], state), { full: false, steps: ['voor'] }, 'two answers that cross k together');
  assert.deepEqual(resyncFor([{ type: 'StepActivated', at, stepId: 'na' }], state), { full: false, steps: [] });
  // A client catching up gets a snapshot for any of these.
  assert.equal(needsSnapshot([third], state), true);
  assert.equal(needsSnapshot([{ type: 'StepActivated', at, stepId: 'na' }], state), false);
  // The step's runtime as the screen sees it once k is reached: the answers readable, the ids aliased.
  const step = projectStep(state, state.steps['voor'] as StepRuntime, { role: 'screen' }, alias);
  assert.deepEqual(
    Object.values(step.contributions).map((c) => c.payload),
    [{ kind: 'choice', optionId: 'a' }, { kind: 'choice', optionId: 'a' }, { kind: 'choice', optionId: 'a' }],
  );
  assert.ok(Object.keys(step.contributions).every((id) => !id.startsWith('vote-')), 'aliased ids');
  assert.deepEqual(step, projectState(state, { role: 'screen' }, alias).steps['voor'], 'the same as in a snapshot');
});

it('[VW-6] a group does not read its own votes before the reveal: distributions follow k, also within a group', () => {
  const state = given(create, open, join('p-1'), join('p-2'), [{ type: 'StartMeeting' }], [
    { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1', 'p-2'] }] },
  ], [{ type: 'GoToStep', stepId: 'groepskeuze' }], [
    { type: 'SubmitContribution', stepId: 'groepskeuze', contributionId: 'vote-p1-0001', payload: { kind: 'choice', optionId: 'a' } },
    participant('p-1'),
  ]) as MeetingState;
  assert.equal(state.steps['groepskeuze']?.contributions['vote-p1-0001']?.groupId, 'g1');
  const seen = projectState(state, viewerFor(state, participant('p-2')), alias);
  assert.deepEqual(Object.values(seen.steps['groepskeuze']?.contributions ?? {}).map((c) => c.payload), [null]);
});
