import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import type { ContributionPayload } from './contribution.ts';
import { decide } from './decide.ts';
import { evolve, type MeetingState } from './state.ts';
import { create, ctx, facilitator, given, open, participant, start, testMethod } from './test-fixtures.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)];
const goTo = (stepId: string): [MeetingCommand] => [{ type: 'GoToStep', stepId }];
const submit = (stepId: string, contributionId: string, payload: ContributionPayload): MeetingCommand => ({ type: 'SubmitContribution', stepId, contributionId, payload });

function run(state: MeetingState, command: MeetingCommand, actor: Actor = facilitator, alias?: (id: string) => string) {
  const d = decide(state, command, { ...ctx(actor), ...(alias ? { alias } : {}) }, 'meeting-1');
  if (!d.ok) return { state, error: d.error.code };
  return { state: d.events.reduce<MeetingState>((s, e) => evolve(s, e), state), error: null, events: d.events };
}

describe('the other primitives: dots, map, grid', () => {
  it('[CO-7] a dot vote takes up to its dots on different options; a map entries in known fields and tensions between them; a grid its columns', () => {
    const at = (stepId: string) => given(create, open, join('p-1'), start, goTo(stepId)) as MeetingState;
    const cases: [string, ContributionPayload, string | null][] = [
      ['stippen', { kind: 'dots', optionIds: ['x', 'z'] }, null],
      ['stippen', { kind: 'dots', optionIds: ['x', 'y', 'z'] }, 'invalid_contribution'],
      ['stippen', { kind: 'dots', optionIds: ['x', 'x'] }, 'invalid_contribution'],
      ['stippen', { kind: 'choice', optionId: 'x' }, 'invalid_contribution'],
      ['kaart', { kind: 'map', entries: [{ id: 'e1', fieldId: 'burgers', text: 'Goede dienstverlening', weight: 5 }, { id: 'e2', fieldId: 'gezin', text: 'Mijn kinderen', weight: 4 }], tensions: [{ a: 'e1', b: 'e2' }] }, null],
      ['kaart', { kind: 'map', entries: [{ id: 'e1', fieldId: 'elders', text: 'x', weight: 3 }], tensions: [] }, 'invalid_contribution'],
      ['kaart', { kind: 'map', entries: [{ id: 'e1', fieldId: 'burgers', text: 'x', weight: 3 }], tensions: [{ a: 'e1', b: 'e1' }] }, 'invalid_contribution'],
      ['kaart', { kind: 'map', entries: [{ id: 'e1', fieldId: 'burgers', text: 'x', weight: 3 }, { id: 'e1', fieldId: 'gezin', text: 'y', weight: 3 }], tensions: [] }, 'invalid_contribution'],
    ];
    for (const [stepId, payload, expected] of cases) {
      assert.equal(run(at(stepId), submit(stepId, 'contrib-0001', payload), participant('p-1')).error, expected, `${stepId} ${JSON.stringify(payload)}`);
    }
    const grouped = given(create, open, join('p-1'), start, [{ type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1'] }] }], goTo('raster')) as MeetingState;
    assert.equal(run(grouped, submit('raster', 'grid-g1-0001', { kind: 'grid', rows: [{ waarden: 'Loyaliteit', normen: 'Ambtseed' }] }), participant('p-1')).error, null);
    assert.equal(run(grouped, submit('raster', 'grid-g1-0001', { kind: 'grid', rows: [{ deugden: 'Moed' }] }), participant('p-1')).error, 'invalid_contribution');
  });
});

describe('harvest: reactions, themes and lessons', () => {
  const alias = (id: string) => `a-${id.split('').reverse().join('')}`;
  const withCards = () => {
    let s = given(create, open, join('p-1'), join('p-2'), start, goTo('kaarten')) as MeetingState;
    s = run(s, submit('kaarten', 'card-one-0001', { kind: 'card', text: 'Niet alles zelf oplossen' }), participant('p-1')).state;
    s = run(s, submit('kaarten', 'card-two-0001', { kind: 'card', text: 'Emoties benoemen' }), participant('p-2')).state;
    return s;
  };

  it('[HV-1] participants react to revealed cards by the id they see; a reaction counts once and can be withdrawn', () => {
    let s = withCards();
    assert.equal(run(s, { type: 'React', stepId: 'kaarten', reactionId: 'react-0001', targetId: alias('card-one-0001') }, participant('p-2'), alias).error, 'input_closed');
    s = run(s, { type: 'RevealResults', stepId: 'kaarten' }).state;
    const reacted = run(s, { type: 'React', stepId: 'kaarten', reactionId: 'react-0001', targetId: alias('card-one-0001') }, participant('p-2'), alias);
    assert.equal(reacted.error, null);
    assert.deepEqual(reacted.state.steps['kaarten']?.reactions, { 'react-0001': { targetId: 'card-one-0001' } });
    assert.deepEqual(run(reacted.state, { type: 'React', stepId: 'kaarten', reactionId: 'react-0001', targetId: alias('card-one-0001') }, participant('p-2'), alias).events, []);
    assert.equal(run(reacted.state, { type: 'React', stepId: 'kaarten', reactionId: 'react-0001', targetId: alias('card-two-0001') }, participant('p-2'), alias).error, 'forbidden');
    assert.equal(run(s, { type: 'React', stepId: 'kaarten', reactionId: 'react-0002', targetId: 'no-such-card' }, participant('p-2'), alias).error, 'invalid_contribution');
    const withdrawn = run(reacted.state, { type: 'WithdrawReaction', stepId: 'kaarten', reactionId: 'react-0001' }, participant('p-2'));
    assert.deepEqual(withdrawn.state.steps['kaarten']?.reactions, {});
    assert.equal(run(s, { type: 'React', stepId: 'voor', reactionId: 'react-0003', targetId: 'x' }, participant('p-2')).error, 'unsupported_input');
  });

  it('[HV-2] the facilitator groups cards into themes, each card in one theme at most', () => {
    const s = withCards();
    const ok = run(s, { type: 'ClusterCards', stepId: 'kaarten', clusters: [{ id: 'loslaten', title: 'Loslaten', contributionIds: ['card-one-0001'] }, { id: 'gevoel', title: 'Gevoel', contributionIds: [alias('card-two-0001')] }] }, facilitator, alias);
    assert.equal(ok.error, null);
    assert.deepEqual(ok.state.steps['kaarten']?.clusters.map((c) => c.contributionIds), [['card-one-0001'], ['card-two-0001']]);
    assert.equal(run(s, { type: 'ClusterCards', stepId: 'kaarten', clusters: [{ id: 'a', title: 'A', contributionIds: ['card-one-0001'] }, { id: 'b', title: 'B', contributionIds: ['card-one-0001'] }] }).error, 'invalid_contribution');
  });

  it('[HV-3] harvested lessons keep their order and their sources; harvesting again edits, removing removes', () => {
    let s = withCards();
    const lesson = (id: string, title: string, sourceIds: string[] = []) => ({ type: 'HarvestLesson', lesson: { id, title, text: `${title}.`, stepId: 'kaarten', sourceIds } }) as MeetingCommand;
    s = run(s, lesson('les-1', 'Probeer niet alles zelf op te lossen', ['card-one-0001'])).state;
    s = run(s, lesson('les-2', 'Benoem emoties')).state;
    s = run(s, lesson('les-1', 'Laat los wat niet van jou is', ['card-one-0001'])).state;
    assert.deepEqual(s.lessons.map((l) => [l.id, l.title]), [['les-1', 'Laat los wat niet van jou is'], ['les-2', 'Benoem emoties']]);
    assert.equal(run(s, lesson('les-3', 'x', ['no-card'])).error, 'invalid_contribution');
    s = run(s, { type: 'RemoveLesson', lessonId: 'les-1' }).state;
    assert.deepEqual(s.lessons.map((l) => l.id), ['les-2']);
  });
});

describe('composing the agenda', () => {
  it('[AG-1] before the start, rounds of any method are added (ids kept unique) and removed', () => {
    let s = given(create, open) as MeetingState;
    const round = testMethod.rounds[1];
    assert.ok(round);
    s = run(s, { type: 'AddRound', round }).state;
    const added = s.agenda.at(-1);
    assert.equal(added?.id, 'dilemma-2');
    assert.deepEqual(added?.steps.map((st) => st.id), ['voor-2', 'na-2']);
    const paired = added?.steps[1];
    assert.equal(paired?.primitive === 'choice' && paired.pairedWith, 'voor-2');
    s = run(s, { type: 'AddRound', round, index: 0 }).state;
    assert.equal(s.agenda[0]?.id, 'dilemma-3');
    s = run(s, { type: 'RemoveRound', roundId: 'dilemma-3' }).state;
    assert.equal(s.agenda[0]?.id, 'opening');
    const running = given(create, open, start) as MeetingState;
    assert.equal(run(running, { type: 'AddRound', round }).error, 'invalid_transition');
  });

  it('[AG-2] prompts, titles, time boxes and a map’s or cards’ fields change until a step has contributions', () => {
    let s = given(create, open, join('p-1'), start, goTo('kaarten')) as MeetingState;
    const edit = (stepId: string): MeetingCommand => ({ type: 'EditStep', stepId, changes: { prompt: { nl: 'Nieuwe vraag', en: 'New question' }, timeboxMinutes: 7 } });
    s = run(s, edit('kaarten')).state;
    const step = s.agenda.flatMap((r) => r.steps).find((st) => st.id === 'kaarten');
    assert.equal(step?.prompt?.nl, 'Nieuwe vraag');
    assert.equal(step?.timeboxMinutes, 7);
    const fields: MeetingCommand = { type: 'EditStep', stepId: 'kaart', changes: { fields: [{ id: 'burgers', label: { nl: 'Burgers', en: 'Citizens' } }, { id: 'natuur', label: { nl: 'Natuur', en: 'Nature' } }] } };
    s = run(s, fields).state;
    const map = s.agenda.flatMap((r) => r.steps).find((st) => st.id === 'kaart');
    assert.deepEqual(map?.primitive === 'map' && map.fields.map((f) => f.id), ['burgers', 'natuur'], 'the facilitator edits the map’s fields');
    assert.equal(run(s, { type: 'EditStep', stepId: 'voor', changes: { fields: [{ id: 'x', label: { nl: 'X', en: 'X' } }] } }).error, 'forbidden');
    s = run(s, submit('kaarten', 'card-0000001', { kind: 'card', text: 'x' }), participant('p-1')).state;
    assert.equal(run(s, edit('kaarten')).error, 'forbidden');
  });
});
