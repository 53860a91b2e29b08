import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { MeetingEvent } from './events.ts';
import { evolve, type MeetingState } from './state.ts';
import { create, ctx, given, NOW, open, participant, start } from './test-fixtures.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)];

/** Applies a command at a given time and returns the state, failing loudly on a refusal. */
function at(state: MeetingState | null, command: MeetingCommand, now: string, actor?: Actor): MeetingState {
  const d = decide(state, command, ctx(actor, now), 'meeting-1');
  if (!d.ok) throw new Error(`${command.type} refused: ${d.error.code}`);
  return d.events.reduce<MeetingState | null>((s, e: MeetingEvent) => evolve(s, e), state) as MeetingState;
}
const codeOf = (state: MeetingState | null, command: MeetingCommand, actor?: Actor) => {
  const d = decide(state, command, ctx(actor), 'meeting-1');
  return d.ok ? (d.events.length === 0 ? 'no-op' : 'ok') : d.error.code;
};

describe('the room: locking and removing', () => {
  it('[LV-1] a locked meeting takes no newcomers, but those already in stay in', () => {
    const state = given(create, open, join('p-1'), [{ type: 'LockMeeting' }]);
    assert.equal(state?.locked, true);
    assert.equal(codeOf(state, { type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-2')), 'meeting_locked');
    assert.equal(codeOf(state, { type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-1')), 'no-op');
    assert.equal(codeOf(state, { type: 'LockMeeting' }), 'no-op');
    const unlocked = given(create, open, [{ type: 'LockMeeting' }], [{ type: 'UnlockMeeting' }]);
    assert.equal(codeOf(unlocked, { type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-2')), 'ok');
    assert.equal(codeOf(given(create), { type: 'LockMeeting' }), 'invalid_transition');
  });

  it('[LV-2] a removed participant leaves their group and cannot come back', () => {
    const state = given(create, open, join('p-1'), join('p-2'), [
      { type: 'FormGroups', groups: [{ id: 'g1', name: 'Groep 1', memberIds: ['p-1', 'p-2'] }] },
    ], [{ type: 'SetScribe', groupId: 'g1', participantId: 'p-1' }], [{ type: 'RemoveParticipant', participantId: 'p-1' }]);
    assert.ok(state);
    assert.equal(state.participants['p-1'], undefined);
    assert.deepEqual(state.removedIds, ['p-1']);
    assert.deepEqual(state.groups[0]?.memberIds, ['p-2']);
    assert.equal(state.groups[0]?.scribeId, undefined);
    assert.equal(codeOf(state, { type: 'JoinMeeting', acceptConfidentiality: true }, participant('p-1')), 'participant_removed');
    assert.equal(codeOf(state, { type: 'RemoveParticipant', participantId: 'p-1' }), 'no-op');
    assert.equal(codeOf(state, { type: 'RemoveParticipant', participantId: 'nobody-here' }), 'not_a_participant');
  });
});

describe('the timer, stored as an absolute end time', () => {
  const running = () => given(create, open, start) as MeetingState;

  it('[TM-1] starting sets the end time from now', () => {
    const state = at(running(), { type: 'StartTimer', seconds: 300 }, NOW);
    assert.deepEqual(state.timer, { endsAt: '2026-01-23T09:05:00.000Z', remainingMs: null, durationMs: 300_000 });
  });

  it('[TM-2] pausing keeps what is left; [TM-3] resuming sets a new end time', () => {
    let state = at(running(), { type: 'StartTimer', seconds: 300 }, NOW);
    state = at(state, { type: 'PauseTimer' }, '2026-01-23T09:02:00.000Z');
    assert.deepEqual(state.timer, { endsAt: null, remainingMs: 180_000, durationMs: 300_000 });
    assert.equal(codeOf(state, { type: 'PauseTimer' }), 'no_timer');
    state = at(state, { type: 'ResumeTimer' }, '2026-01-23T09:10:00.000Z');
    assert.deepEqual(state.timer, { endsAt: '2026-01-23T09:13:00.000Z', remainingMs: null, durationMs: 300_000 });
    assert.equal(codeOf(state, { type: 'ResumeTimer' }), 'no_timer');
  });

  it('[TM-4] extending adds time, also to a paused timer and to one that ran out', () => {
    let state = at(running(), { type: 'StartTimer', seconds: 60 }, NOW);
    state = at(state, { type: 'ExtendTimer', seconds: 60 }, NOW);
    assert.equal(state.timer?.endsAt, '2026-01-23T09:02:00.000Z');
    state = at(state, { type: 'ExtendTimer', seconds: 30 }, '2026-01-23T10:00:00.000Z');
    assert.equal(state.timer?.endsAt, '2026-01-23T10:00:30.000Z', 'a finished timer counts from now');
    state = at(state, { type: 'PauseTimer' }, '2026-01-23T10:00:10.000Z');
    state = at(state, { type: 'ExtendTimer', seconds: 60 }, '2026-01-23T10:00:20.000Z');
    assert.deepEqual(state.timer, { endsAt: null, remainingMs: 80_000, durationMs: 210_000 });
  });

  it('[TM-5] clearing removes the timer; timers run only in a running meeting', () => {
    const state = at(at(running(), { type: 'StartTimer', seconds: 60 }, NOW), { type: 'ClearTimer' }, NOW);
    assert.equal(state.timer, null);
    assert.equal(codeOf(state, { type: 'ClearTimer' }), 'no-op');
    assert.equal(codeOf(given(create, open), { type: 'StartTimer', seconds: 60 }), 'not_running');
    assert.equal(codeOf(state, { type: 'ExtendTimer', seconds: 60 }), 'no_timer');
  });
});

describe('input and results per step', () => {
  it('[IN-1] a step with input opens when it becomes current; the facilitator closes and reopens it', () => {
    let state = given(create, open, start) as MeetingState;
    assert.equal(state.steps['welkom'], undefined, 'an info step takes no input');
    assert.equal(codeOf(state, { type: 'OpenInput', stepId: 'welkom' }), 'unsupported_input');
    state = at(state, { type: 'NextStep' }, NOW);
    assert.equal(state.steps['voor']?.inputOpen, true);
    state = at(state, { type: 'CloseInput', stepId: 'voor' }, NOW);
    assert.equal(state.steps['voor']?.inputOpen, false);
    assert.equal(codeOf(state, { type: 'CloseInput', stepId: 'voor' }), 'no-op');
    state = at(state, { type: 'OpenInput', stepId: 'voor' }, NOW);
    assert.equal(state.steps['voor']?.inputOpen, true);
    assert.equal(codeOf(state, { type: 'OpenInput', stepId: 'nergens' }), 'no_such_step');
  });

  it('[RV-1] results stay hidden until revealed, and can be hidden again', () => {
    let state = given(create, open, start, [{ type: 'NextStep' }]) as MeetingState;
    assert.equal(state.steps['voor']?.revealed, false);
    state = at(state, { type: 'RevealResults', stepId: 'voor' }, NOW);
    assert.equal(state.steps['voor']?.revealed, true);
    assert.equal(codeOf(state, { type: 'RevealResults', stepId: 'voor' }), 'no-op');
    state = at(state, { type: 'HideResults', stepId: 'voor' }, NOW);
    assert.equal(state.steps['voor']?.revealed, false);
  });
});
