import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { decide } from './decide.ts';
import { proposeGroups } from './decide-groups.ts';
import { evolve, type MeetingState } from './state.ts';
import { create, ctx, given, open, participant } from './test-fixtures.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)];
const room = () => given(create, open, join('p-1'), join('p-2'), join('p-3'), join('p-4'));
const form = (groups: { id: string; name: string; memberIds: string[]; caseId?: string }[]): MeetingCommand => ({ type: 'FormGroups', groups });
const code = (command: MeetingCommand) => {
  const d = decide(room(), command, ctx(), 'meeting-1');
  return d.ok ? 'ok' : d.error.code;
};

it('[GR-1] groups are formed from current participants, each in one group at most', () => {
  assert.equal(code(form([{ id: 'g1', name: 'Een', memberIds: ['p-1', 'p-2'] }, { id: 'g2', name: 'Twee', memberIds: ['p-3'] }])), 'ok');
  assert.equal(code(form([{ id: 'g1', name: 'Een', memberIds: ['p-1'] }, { id: 'g2', name: 'Twee', memberIds: ['p-1'] }])), 'invalid_groups');
  assert.equal(code(form([{ id: 'g1', name: 'Een', memberIds: ['p-9'] }])), 'invalid_groups');
  assert.equal(code(form([{ id: 'g1', name: 'Een', memberIds: [] }, { id: 'g1', name: 'Ook een', memberIds: [] }])), 'invalid_groups');
  assert.equal(code(form([{ id: 'g1', name: 'Een', memberIds: ['p-1'], caseId: 'niet-in-deze-bijeenkomst' }])), 'invalid_groups');
  const again = given(create, open, join('p-1'), [form([{ id: 'g1', name: 'Een', memberIds: ['p-1'] }])], [form([{ id: 'g9', name: 'Nieuw', memberIds: [] }])]);
  assert.deepEqual(again?.groups.map((g) => g.id), ['g9'], 'forming again replaces the groups');
  const cleared = given(create, open, join('p-1'), [form([{ id: 'g1', name: 'Een', memberIds: ['p-1'] }])], [{ type: 'ClearGroups' }]);
  assert.deepEqual(cleared?.groups, []);
});

it('[GR-2] a scribe is a member of the group', () => {
  const state = given(create, open, join('p-1'), join('p-2'), [form([{ id: 'g1', name: 'Een', memberIds: ['p-1'] }])]);
  const scribe = (participantId: string | null) => {
    const d = decide(state, { type: 'SetScribe', groupId: 'g1', participantId }, ctx(), 'meeting-1');
    return d.ok ? d.events.length : d.error.code;
  };
  assert.equal(scribe('p-1'), 1);
  assert.equal(scribe('p-2'), 'invalid_groups');
  assert.equal(scribe(null), 0, 'no scribe to clear');
});

it('[GR-3] a proposal spreads participants evenly over groups of about the wanted size', () => {
  const ids = Array.from({ length: 13 }, (_, i) => `p-${i}`);
  const groups = proposeGroups(ids, 4, (n) => `Groep ${n}`);
  assert.equal(groups.length, 3);
  assert.deepEqual(groups.map((g) => g.memberIds.length), [5, 4, 4]);
  assert.deepEqual(groups.flatMap((g) => g.memberIds).sort(), [...ids].sort());
  assert.equal(groups[0]?.name, 'Groep 1');
  assert.deepEqual(proposeGroups([], 4, String), []);
  assert.equal(proposeGroups(['a', 'b'], 5, String).length, 1);
});

it('[GR-4] a group gets the two horns of its dilemma, e.g. a tension from the map, and can lose them again', () => {
  let state = given(create, open, join('p-1'), [form([{ id: 'g1', name: 'Een', memberIds: ['p-1'] }])]);
  const set = (dilemma: { hornA: string; hornB: string } | null) => decide(state, { type: 'SetGroupDilemma', groupId: 'g1', dilemma }, ctx(), 'meeting-1');
  const first = set({ hornA: 'Burgers en bedrijven', hornB: 'Familie en gezin' });
  assert.ok(first.ok);
  state = first.events.reduce<MeetingState | null>((s, e) => evolve(s, e), state);
  assert.deepEqual(state?.groups[0]?.dilemma, { hornA: 'Burgers en bedrijven', hornB: 'Familie en gezin' });
  const again = set({ hornA: 'Burgers en bedrijven', hornB: 'Familie en gezin' });
  assert.deepEqual(again.ok && again.events, []);
  const cleared = set(null);
  assert.ok(cleared.ok);
  state = cleared.events.reduce<MeetingState | null>((s, e) => evolve(s, e), state);
  assert.equal(state?.groups[0]?.dilemma, undefined);
  const missing = decide(state, { type: 'SetGroupDilemma', groupId: 'g9', dilemma: null }, ctx(), 'meeting-1');
  assert.equal(!missing.ok && missing.error.code, 'invalid_groups');
});
