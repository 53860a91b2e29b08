import type { LiveCommand } from './commands.ts';
import { type Decision, domainError } from './errors.ts';
import type { MeetingEvent } from './events.ts';
import { agendaSteps, findStep, type MeetingState, stepRuntime } from './state.ts';

type E = Decision<MeetingEvent>;
const fail = (code: 'invalid_transition' | 'no_such_step' | 'forbidden', detail: string): E => ({ ok: false, error: domainError(code, detail) });

/**
 * [AG-1] before the meeting starts, the facilitator composes the agenda from rounds of any
 * method; [AG-2] prompts, titles and time boxes can be changed until a step has contributions.
 */
export function decideAgenda(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'EditStep' | 'AddRound' | 'RemoveRound' }>,
  at: string,
): E {
  switch (command.type) {
    case 'EditStep': {
      if (state.status === 'closed' || state.status === 'reported') return fail('invalid_transition', `meeting is ${state.status}`);
      const step = findStep(state, command.stepId)?.step;
      if (!step) return fail('no_such_step', `no step ${command.stepId}`);
      const fields = command.changes.fields;
      if (fields !== undefined) {
        if (step.primitive !== 'map' && step.primitive !== 'cards') return fail('forbidden', 'only map and cards steps have fields');
        if (new Set(fields.map((f) => f.id)).size !== fields.length) return fail('forbidden', 'a field id is used twice');
      }
      if (Object.keys(stepRuntime(state, command.stepId).contributions).length > 0) {
        return fail('forbidden', 'this step has contributions already');
      }
      return { ok: true, events: [{ type: 'StepEdited', at, stepId: command.stepId, changes: command.changes }] };
    }
    case 'AddRound': {
      if (state.status !== 'draft' && state.status !== 'open') return fail('invalid_transition', 'the agenda is fixed once the meeting runs');
      const taken = new Set([...state.agenda.map((r) => r.id), ...agendaSteps(state.agenda).map((s) => s.step.id)]);
      // Ids stay unique: a round taken twice gets a numbered suffix on its ids.
      let n = 1;
      const suffix = () => (n === 1 ? '' : `-${n}`);
      while (taken.has(command.round.id + suffix()) || command.round.steps.some((s) => taken.has(s.id + suffix()))) n++;
      const rename = (id: string) => id + suffix();
      const own = new Set(command.round.steps.map((s) => s.id));
      const round = {
        ...command.round,
        id: rename(command.round.id),
        steps: command.round.steps.map((s) => {
          const renamed = { ...s, id: rename(s.id) };
          if (s.primitive !== 'choice' || s.pairedWith === undefined) return renamed;
          // A pair inside the round follows the new ids; a pair with an earlier step keeps its target.
          return { ...renamed, pairedWith: own.has(s.pairedWith) ? rename(s.pairedWith) : s.pairedWith };
        }),
      };
      const index = Math.min(command.index ?? state.agenda.length, state.agenda.length);
      return { ok: true, events: [{ type: 'RoundAdded', at, round, index }] };
    }
    case 'RemoveRound': {
      if (state.status !== 'draft' && state.status !== 'open') return fail('invalid_transition', 'the agenda is fixed once the meeting runs');
      if (!state.agenda.some((r) => r.id === command.roundId)) return fail('no_such_step', `no round ${command.roundId}`);
      if (state.agenda.length === 1) return fail('forbidden', 'an agenda keeps at least one round');
      return { ok: true, events: [{ type: 'RoundRemoved', at, roundId: command.roundId }] };
    }
  }
}
