import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import type { ContributionPayload } from './contribution.ts';
import { decide } from './decide.ts';
import { evolve, type MeetingState } from './state.ts';
import type { MeetingEvent } from './events.ts';
import { create, ctx, facilitator, given, open, participant, start } from './test-fixtures.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true, displayName: `Naam ${id}` }, participant(id)];
const goTo = (stepId: string): [MeetingCommand] => [{ type: 'GoToStep', stepId }];
const submit = (stepId: string, payload: ContributionPayload, extra: Partial<Extract<MeetingCommand, { type: 'SubmitContribution' }>> = {}): MeetingCommand => ({
  type: 'SubmitContribution',
  stepId,
  contributionId: extra.contributionId ?? 'contrib-0001',
  payload,
  ...extra,
});
const room = () => given(create, open, join('p-1'), join('p-2'), join('p-3'), start) as MeetingState;

type Result = { events: MeetingEvent[]; error?: undefined } | { error: string; events?: undefined };
function result(state: MeetingState | null, command: MeetingCommand, actor: Actor = participant('p-1')): Result {
  const d = decide(state, command, ctx(actor), 'meeting-1');
  return d.ok ? { events: d.events } : { error: d.error.code };
}

describe('contributions', () => {
  it('[CO-1] a contribution goes into a step whose input is open, from a participant who joined', () => {
    const state = given(create, open, join('p-1'), start, goTo('voor')) as MeetingState;
    assert.ok('events' in result(state, submit('voor', { kind: 'choice', optionId: 'a' })));
    assert.equal(result(state, submit('na', { kind: 'choice', optionId: 'a' })).error, 'input_closed');
    assert.equal(result(state, submit('voor', { kind: 'choice', optionId: 'a' }), participant('stranger')).error, 'not_a_participant');
    const closed = given(create, open, join('p-1'), start, goTo('voor'), [{ type: 'CloseInput', stepId: 'voor' }]);
    assert.equal(result(closed, submit('voor', { kind: 'choice', optionId: 'a' })).error, 'input_closed');
    const notRunning = given(create, open, join('p-1'));
    assert.equal(result(notRunning, submit('voor', { kind: 'choice', optionId: 'a' })).error, 'not_running');
  });

  it('[CO-2] the payload must fit the step: options, fields, items and ranges', () => {
    const at = (stepId: string) => given(create, open, join('p-1'), start, goTo(stepId)) as MeetingState;
    const cases: [string, ContributionPayload, string | null][] = [
      ['voor', { kind: 'choice', optionId: 'c' }, 'invalid_contribution'],
      ['voor', { kind: 'card', text: 'x' }, 'invalid_contribution'],
      ['voor', { kind: 'choice', optionId: 'a', reason: 'omdat' }, 'invalid_contribution'],
      ['na', { kind: 'choice', optionId: 'b' }, null],
      ['kaarten', { kind: 'card', text: 'Een gedachte', fieldId: 'kern' }, null],
      ['kaarten', { kind: 'card', text: 'Een gedachte', fieldId: 'elders' }, 'invalid_contribution'],
      ['schaal', { kind: 'scale', values: { nuttig: 4 } }, null],
      ['schaal', { kind: 'scale', values: { nuttig: 6 } }, 'invalid_contribution'],
      ['schaal', { kind: 'scale', values: { onbekend: 3 } }, 'invalid_contribution'],
      ['schaal', { kind: 'scale', values: {} }, 'invalid_contribution'],
      ['kaart', { kind: 'card', text: 'x' }, 'invalid_contribution'],
      ['welkom', { kind: 'card', text: 'x' }, 'unsupported_input'],
    ];
    for (const [stepId, payload, expected] of cases) {
      const r = result(at(stepId), submit(stepId, payload));
      assert.equal(r.error ?? null, expected, `${stepId} ${JSON.stringify(payload)}`);
    }
  });

  it('[CO-3] an anonymous step stores no author; a named step does', () => {
    const anon = result(given(create, open, join('p-1'), start, goTo('kaarten')), submit('kaarten', { kind: 'card', text: 'Anoniem' }));
    assert.ok(anon.events);
    assert.doesNotMatch(JSON.stringify(anon.events), /p-1|Naam/);
    assert.equal('authorId' in (anon.events[0] ?? {}), false);
    const named = result(given(create, open, join('p-1'), start, goTo('genoemd')), submit('genoemd', { kind: 'card', text: 'Met naam' }));
    assert.ok(named.events);
    assert.equal((named.events[0] as { authorId?: string }).authorId, 'p-1');
  });

  it('[CO-4] the facilitator enters answers only as proxy, marked as such; participants never as proxy', () => {
    const state = given(create, open, join('p-1'), start, goTo('voor'));
    assert.equal(result(state, submit('voor', { kind: 'choice', optionId: 'a' }), facilitator).error, 'forbidden');
    const proxy = result(state, submit('voor', { kind: 'choice', optionId: 'a' }, { proxy: true }), facilitator);
    assert.ok(proxy.events);
    assert.equal((proxy.events[0] as { proxy: boolean }).proxy, true);
    assert.equal(result(state, submit('voor', { kind: 'choice', optionId: 'a' }, { proxy: true })).error, 'forbidden');
    assert.equal(result(state, submit('voor', { kind: 'choice', optionId: 'a' }), { role: 'screen' }).error, 'forbidden');
  });

  it('[CO-5] a group step takes the member’s group; with a scribe only the scribe writes the note', () => {
    const grouped = given(create, open, join('p-1'), join('p-2'), join('p-3'), start, [
      { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1', 'p-2'] }] },
    ], goTo('notitie')) as MeetingState;
    const note = result(grouped, submit('notitie', { kind: 'note', text: 'A of B' }));
    assert.ok(note.events);
    assert.equal((note.events[0] as { groupId?: string }).groupId, 'g1');
    assert.equal(result(grouped, submit('notitie', { kind: 'note', text: 'x' }), participant('p-3')).error, 'no_group');
    const withScribe = given(create, open, join('p-1'), join('p-2'), start, [
      { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1', 'p-2'] }] },
    ], [{ type: 'SetScribe', groupId: 'g1', participantId: 'p-2' }], goTo('notitie'));
    assert.equal(result(withScribe, submit('notitie', { kind: 'note', text: 'x' })).error, 'not_scribe');
    assert.ok('events' in result(withScribe, submit('notitie', { kind: 'note', text: 'x' }), participant('p-2')));
    assert.equal(result(grouped, submit('notitie', { kind: 'note', text: 'x' }, { proxy: true }), facilitator).error, 'no_group');
    assert.ok('events' in result(grouped, submit('notitie', { kind: 'note', text: 'x' }, { proxy: true, groupId: 'g1' }), facilitator));
  });

  it('[CO-6] sending the same contribution id again replaces it; another’s id cannot be taken over', () => {
    let state = room();
    const apply = (command: MeetingCommand, actor: Actor) => {
      const d = decide(state, command, ctx(actor), 'meeting-1');
      assert.ok(d.ok, d.ok ? '' : d.error.code);
      for (const e of d.events) state = evolve(state, e);
    };
    apply({ type: 'GoToStep', stepId: 'genoemd' }, facilitator);
    apply(submit('genoemd', { kind: 'card', text: 'eerste' }, { contributionId: 'mine-00001' }), participant('p-1'));
    apply(submit('genoemd', { kind: 'card', text: 'tweede' }, { contributionId: 'mine-00001' }), participant('p-1'));
    const contributions = state.steps['genoemd']?.contributions ?? {};
    assert.equal(Object.keys(contributions).length, 1);
    assert.deepEqual(contributions['mine-00001']?.payload, { kind: 'card', text: 'tweede' });
    const r = result(state, submit('genoemd', { kind: 'card', text: 'overgenomen' }, { contributionId: 'mine-00001' }), participant('p-2'));
    assert.equal(r.error, 'forbidden');
  });
});
