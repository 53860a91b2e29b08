import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide } from './decide.ts';
import type { MeetingEvent } from './events.ts';
import { evolve, type MeetingState, type Scratch } from './state.ts';
import { create, ctx, given, open, participant } from './test-fixtures.ts';

/** Freezes a state and everything in it, as a node's snapshot cache does. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

it('[ST-27] a run of evolves with a scratch gives the same states as without, copies each record once, and leaves what it was given unchanged', () => {
  const start = deepFreeze(given(create, open, [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-00')], [{ type: 'StartMeeting' }], [{ type: 'GoToStep', stepId: 'voor' }]) as MeetingState);
  const before = JSON.stringify(start);
  const events: MeetingEvent[] = [];
  let plain = start;
  for (let i = 1; i <= 30; i++) {
    const id = `p-${String(i).padStart(2, '0')}`;
    for (const command of [
      { type: 'JoinMeeting', acceptConfidentiality: true },
      { type: 'SubmitContribution', stepId: 'voor', contributionId: `vote-${id}`, payload: { kind: 'choice', optionId: i % 2 ? 'a' : 'b' } },
    ] as const) {
      const d = decide(plain, command, ctx(participant(id)), 'meeting-1');
      assert.ok(d.ok);
      for (const e of d.events) {
        events.push(e);
        plain = evolve(plain, e);
      }
    }
  }
  // A resubmission with the same id replaces the answer in its place.
  events.push({ type: 'ContributionSubmitted', at: '2026-01-23T09:30:00.000Z', stepId: 'voor', contributionId: 'vote-p-03', proxy: false, payload: { kind: 'choice', optionId: 'b' }, authorId: 'p-03' });
  plain = evolve(plain, events.at(-1) as MeetingEvent);

  const scratch: Scratch = new WeakSet();
  let fast = start;
  const seen = new Set<object>();
  for (const e of events) {
    fast = evolve(fast, e, scratch);
    for (const record of [fast.participants, fast.steps['voor']?.contributions]) {
      if (record && record !== start.participants && record !== start.steps['voor']?.contributions) seen.add(record);
    }
  }
  assert.deepEqual(fast, plain, 'the same state');
  assert.deepEqual(Object.keys(fast.steps['voor']?.contributions ?? {}), Object.keys(plain.steps['voor']?.contributions ?? {}), 'in the same order');
  assert.equal(seen.size, 2, 'one copy of the participants and one of the answers for the whole run');
  assert.equal(JSON.stringify(start), before, 'the frozen state it started from is unchanged');
  assert.notEqual(fast.participants, start.participants);
});
