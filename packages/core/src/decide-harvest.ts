import type { DecideContext } from './actor.ts';
import type { LiveCommand } from './commands.ts';
import { type Decision, type DomainErrorCode, domainError } from './errors.ts';
import type { MeetingEvent } from './events.ts';
import { findStep, type MeetingState, stepRuntime } from './state.ts';

type E = Decision<MeetingEvent>;
const ok = (events: MeetingEvent[]): E => ({ ok: true, events });
const fail = (code: DomainErrorCode, detail: string): E => ({ ok: false, error: domainError(code, detail) });

/** The real id of a card named by its id or by the alias a participant sees. */
function resolve(state: MeetingState, stepId: string, id: string, ctx: DecideContext): string | undefined {
  const contributions = stepRuntime(state, stepId).contributions;
  if (contributions[id]) return id;
  const alias = ctx.alias;
  return alias ? Object.keys(contributions).find((real) => alias(real) === id) : undefined;
}

/**
 * [HV-1] reactions to revealed cards, without author; [HV-2] the facilitator clusters cards
 * into themes; [HV-3] and harvests numbered lessons from them.
 */
export function decideHarvest(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'React' | 'WithdrawReaction' | 'ClusterCards' | 'HarvestLesson' | 'RemoveLesson' }>,
  ctx: DecideContext,
): E {
  if (state.status !== 'running' && state.status !== 'closed') return fail('not_running', `meeting is ${state.status}`);
  const at = ctx.now;
  switch (command.type) {
    case 'React': {
      if (ctx.actor.role === 'participant' && !state.participants[ctx.actor.participantId]) {
        return fail('not_a_participant', 'join the meeting first');
      }
      if (state.status !== 'running') return fail('not_running', 'the meeting is over');
      const step = findStep(state, command.stepId)?.step;
      if (!step || step.primitive !== 'cards' || !step.reactions) return fail('unsupported_input', 'no reactions here');
      const runtime = stepRuntime(state, command.stepId);
      if (!runtime.revealed && ctx.actor.role !== 'facilitator') return fail('input_closed', 'the cards are not shown yet');
      const targetId = resolve(state, command.stepId, command.targetId, ctx);
      if (!targetId) return fail('invalid_contribution', 'no such card');
      const earlier = runtime.reactions[command.reactionId];
      if (earlier) return earlier.targetId === targetId ? ok([]) : fail('forbidden', 'this reaction is for another card');
      return ok([{ type: 'ReactionAdded', at, stepId: command.stepId, reactionId: command.reactionId, targetId }]);
    }
    case 'WithdrawReaction':
      if (!stepRuntime(state, command.stepId).reactions[command.reactionId]) return ok([]);
      return ok([{ type: 'ReactionWithdrawn', at, stepId: command.stepId, reactionId: command.reactionId }]);
    case 'ClusterCards': {
      const step = findStep(state, command.stepId)?.step;
      if (!step || step.primitive !== 'cards') return fail('unsupported_input', 'only cards are clustered');
      const seen = new Set<string>();
      const clusters = [];
      for (const c of command.clusters) {
        const ids: string[] = [];
        for (const id of c.contributionIds) {
          const real = resolve(state, command.stepId, id, ctx);
          if (!real) return fail('invalid_contribution', `no card ${id}`);
          if (seen.has(real)) return fail('invalid_contribution', 'a card is in one theme at most');
          seen.add(real);
          ids.push(real);
        }
        clusters.push({ id: c.id, title: c.title, contributionIds: ids });
      }
      if (new Set(clusters.map((c) => c.id)).size !== clusters.length) return fail('invalid_contribution', 'a theme id is used twice');
      return ok([{ type: 'CardsClustered', at, stepId: command.stepId, clusters }]);
    }
    case 'HarvestLesson': {
      const { stepId, sourceIds, ...rest } = command.lesson;
      const real: string[] = [];
      if (stepId !== undefined) {
        if (!findStep(state, stepId)) return fail('no_such_step', `no step ${stepId}`);
        for (const id of sourceIds) {
          const found = resolve(state, stepId, id, ctx);
          if (!found) return fail('invalid_contribution', `no card ${id}`);
          real.push(found);
        }
      } else if (sourceIds.length > 0) {
        return fail('invalid_contribution', 'sources need the step they come from');
      }
      const lesson = { ...rest, sourceIds: real, ...(stepId === undefined ? {} : { stepId }) };
      return ok([{ type: 'LessonHarvested', at, lesson }]);
    }
    case 'RemoveLesson':
      return ok(state.lessons.some((l) => l.id === command.lessonId) ? [{ type: 'LessonRemoved', at, lessonId: command.lessonId }] : []);
  }
}
