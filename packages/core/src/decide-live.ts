import type { DecideContext } from './actor.ts';
import type { LiveCommand } from './commands.ts';
import { type Decision, domainError } from './errors.ts';
import type { MeetingEvent, TimerState } from './events.ts';
import { findStep, type MeetingState, stepRuntime } from './state.ts';

type E = Decision<MeetingEvent>;
const ok = (events: MeetingEvent[]): E => ({ ok: true, events });
const fail = (code: Parameters<typeof domainError>[0], detail: string): E => ({ ok: false, error: domainError(code, detail) });

const live = (state: MeetingState) => state.status === 'open' || state.status === 'running';

/** [LV-1] locking and [LV-2] removing participants, while the meeting is open or running. */
export function decideRoom(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'LockMeeting' | 'UnlockMeeting' | 'RemoveParticipant' }>,
  at: string,
): E {
  if (!live(state)) return fail('invalid_transition', `meeting is ${state.status}`);
  switch (command.type) {
    case 'LockMeeting':
      return ok(state.locked ? [] : [{ type: 'MeetingLocked', at }]);
    case 'UnlockMeeting':
      return ok(state.locked ? [{ type: 'MeetingUnlocked', at }] : []);
    case 'RemoveParticipant':
      if (state.removedIds.includes(command.participantId)) return ok([]);
      if (!state.participants[command.participantId]) return fail('not_a_participant', 'no such participant');
      return ok([{ type: 'ParticipantRemoved', at, participantId: command.participantId }]);
  }
}

/** [TM-1…5] the timer is an absolute end time in the state, so a restart does not lose it. */
export function decideTimer(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'StartTimer' | 'PauseTimer' | 'ResumeTimer' | 'ExtendTimer' | 'ClearTimer' }>,
  ctx: DecideContext,
): E {
  if (state.status !== 'running') return fail('not_running', `meeting is ${state.status}`);
  const at = ctx.now;
  const now = Date.parse(at);
  const iso = (ms: number) => new Date(ms).toISOString();
  const set = (timer: TimerState | null): E => ok([{ type: 'TimerSet', at, timer }]);
  const timer = state.timer;
  switch (command.type) {
    case 'StartTimer': {
      const ms = command.seconds * 1000;
      return set({ endsAt: iso(now + ms), remainingMs: null, durationMs: ms });
    }
    case 'PauseTimer':
      if (!timer || timer.endsAt === null) return fail('no_timer', 'no running timer');
      return set({ endsAt: null, remainingMs: Math.max(0, Date.parse(timer.endsAt) - now), durationMs: timer.durationMs });
    case 'ResumeTimer':
      if (!timer || timer.remainingMs === null) return fail('no_timer', 'no paused timer');
      return set({ endsAt: iso(now + timer.remainingMs), remainingMs: null, durationMs: timer.durationMs });
    case 'ExtendTimer': {
      if (!timer) return fail('no_timer', 'no timer');
      const ms = command.seconds * 1000;
      const durationMs = timer.durationMs + ms;
      if (timer.endsAt === null) return set({ endsAt: null, remainingMs: (timer.remainingMs ?? 0) + ms, durationMs });
      // A timer that ran out starts counting again from now.
      const base = Math.max(Date.parse(timer.endsAt), now);
      return set({ endsAt: iso(base + ms), remainingMs: null, durationMs });
    }
    case 'ClearTimer':
      return timer ? set(null) : ok([]);
  }
}

/** [IN-1] input opens and closes per step; [RV-1] results are hidden until revealed. */
export function decideStepControl(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'OpenInput' | 'CloseInput' | 'RevealResults' | 'HideResults' }>,
  at: string,
): E {
  if (!live(state)) return fail('invalid_transition', `meeting is ${state.status}`);
  const located = findStep(state, command.stepId);
  if (!located) return fail('no_such_step', `no step ${command.stepId}`);
  const runtime = stepRuntime(state, command.stepId);
  const stepId = command.stepId;
  switch (command.type) {
    case 'OpenInput':
      if (located.step.primitive === 'info') return fail('unsupported_input', 'this step only shows content');
      return ok(runtime.inputOpen ? [] : [{ type: 'InputOpened', at, stepId }]);
    case 'CloseInput':
      return ok(runtime.inputOpen ? [{ type: 'InputClosed', at, stepId }] : []);
    case 'RevealResults':
      return ok(runtime.revealed ? [] : [{ type: 'ResultsRevealed', at, stepId }]);
    case 'HideResults':
      return ok(runtime.revealed ? [{ type: 'ResultsHidden', at, stepId }] : []);
  }
}
