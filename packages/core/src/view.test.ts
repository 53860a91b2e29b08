import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide } from './decide.ts';
import { evolve } from './state.ts';
import { create, ctx, given, open, participant } from './test-fixtures.ts';
import { projectEvent, projectState, VIEW_ROLES } from './view.ts';

const alias = (id: string) => `alias-${id}`;

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
