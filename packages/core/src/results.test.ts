import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import type { ContributionPayload } from './contribution.ts';
import { mapSummary, opinionShift, reactionCounts, scaleSummary, tally } from './results.ts';
import type { MeetingState } from './state.ts';
import { create, given, open, participant, start, testMethod, testSpec } from './test-fixtures.ts';

const people = ['p-1', 'p-2', 'p-3', 'p-4'];
const joins = people.map((id): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)]);
const goTo = (stepId: string): [MeetingCommand] => [{ type: 'GoToStep', stepId }];
const by = (who: string, stepId: string, payload: ContributionPayload, id = `${who}-${stepId}-id`): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId, contributionId: id, payload },
  participant(who),
];
const choice = (optionId: string): ContributionPayload => ({ kind: 'choice', optionId });

it('[RS-1] no figure from fewer than k answers: only how many answered', () => {
  const two = given(create, open, ...joins, start, goTo('voor'), by('p-1', 'voor', choice('a')), by('p-2', 'voor', choice('b'))) as MeetingState;
  assert.deepEqual(tally(two, 'voor'), { total: 2, shown: false });
  const withK5 = given([{ type: 'CreateMeeting', spec: { ...testSpec, kThreshold: 5 }, method: testMethod }], open, ...joins, start, goTo('voor'), by('p-1', 'voor', choice('a')), by('p-2', 'voor', choice('a')), by('p-3', 'voor', choice('a')), by('p-4', 'voor', choice('b'))) as MeetingState;
  assert.equal(tally(withK5, 'voor').shown, false, 'a meeting may raise k to 5');
});

it('[RS-2] a tally counts every option, also those nobody chose, and every dot', () => {
  const s = given(create, open, ...joins, start, goTo('voor'), by('p-1', 'voor', choice('a')), by('p-2', 'voor', choice('a')), by('p-3', 'voor', choice('a')), goTo('stippen'), by('p-1', 'stippen', { kind: 'dots', optionIds: ['x', 'y'] }), by('p-2', 'stippen', { kind: 'dots', optionIds: ['x'] }), by('p-3', 'stippen', { kind: 'dots', optionIds: ['x', 'z'] })) as MeetingState;
  assert.deepEqual(tally(s, 'voor'), { total: 3, shown: true, value: { a: 3, b: 0 } });
  assert.deepEqual(tally(s, 'stippen'), { total: 3, shown: true, value: { x: 3, y: 1, z: 1 } });
});

it('[RS-3] a scale summary gives per item how many gave each value and the mean', () => {
  const s = given(create, open, ...joins, start, goTo('schaal'), by('p-1', 'schaal', { kind: 'scale', values: { nuttig: 4 } }), by('p-2', 'schaal', { kind: 'scale', values: { nuttig: 5 } }), by('p-3', 'schaal', { kind: 'scale', values: { nuttig: 3 } })) as MeetingState;
  assert.deepEqual(scaleSummary(s, 'schaal'), { total: 3, shown: true, value: { nuttig: { counts: { 3: 1, 4: 1, 5: 1 }, mean: 4, n: 3 } } });
});

it('[RS-4] the opinion shift pairs each before and after answer by the id the browser gave both, with no author', () => {
  const s = given(
    create, open, ...joins, start, goTo('voor'),
    by('p-1', 'voor', choice('a'), 'pair-p1'), by('p-2', 'voor', choice('a'), 'pair-p2'), by('p-3', 'voor', choice('b'), 'pair-p3'), by('p-4', 'voor', choice('a'), 'pair-p4'),
    goTo('na'),
    by('p-1', 'na', choice('b'), 'pair-p1'), by('p-2', 'na', choice('a'), 'pair-p2'), by('p-3', 'na', choice('a'), 'pair-p3'),
  ) as MeetingState;
  assert.deepEqual(opinionShift(s, 'na'), { total: 3, shown: true, value: { pairs: 3, changed: 2, moves: { a: { b: 1, a: 1 }, b: { a: 1 } } } });
  assert.doesNotMatch(JSON.stringify(s.steps), /p-1|p-2|p-3"/, 'no author stored for the anonymous votes');
  assert.equal(opinionShift(s, 'voor'), null, 'the first vote has nothing to compare with');
});

it('[RS-5] the group map gives entries and weight per field and the most frequent tensions first', () => {
  const entry = (id: string, fieldId: string, weight: number) => ({ id, fieldId, text: `${fieldId} ${id}`, weight });
  const s = given(
    create, open, ...joins, start, goTo('kaart'),
    by('p-1', 'kaart', { kind: 'map', entries: [entry('e1', 'burgers', 5), entry('e2', 'gezin', 3)], tensions: [{ a: 'e1', b: 'e2' }] }),
    by('p-2', 'kaart', { kind: 'map', entries: [entry('e1', 'burgers', 3), entry('e2', 'gezin', 5)], tensions: [{ a: 'e2', b: 'e1' }] }),
    by('p-3', 'kaart', { kind: 'map', entries: [entry('e1', 'burgers', 4)], tensions: [] }),
  ) as MeetingState;
  const summary = mapSummary(s, 'kaart');
  assert.ok(summary.shown);
  assert.deepEqual(summary.value.fields, { burgers: { count: 3, meanWeight: 4 }, gezin: { count: 2, meanWeight: 4 } });
  assert.deepEqual(summary.value.tensions, [{ a: 'burgers', b: 'gezin', count: 2 }]);
});

it('[RS-6] reactions are counted per card', () => {
  const s = given(create, open, ...joins, start, goTo('kaarten'), by('p-1', 'kaarten', { kind: 'card', text: 'x' }, 'card-x'), [{ type: 'RevealResults', stepId: 'kaarten' }],
    [{ type: 'React', stepId: 'kaarten', reactionId: 'react-p2-x', targetId: 'card-x' }, participant('p-2')],
    [{ type: 'React', stepId: 'kaarten', reactionId: 'react-p3-x', targetId: 'card-x' }, participant('p-3')]) as MeetingState;
  assert.deepEqual(reactionCounts(s, 'kaarten'), { 'card-x': 2 });
});
