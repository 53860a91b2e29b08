import type { Actor } from './actor.ts';
import type { LiveCommand } from './commands.ts';
import type { ContributionPayload } from './contribution.ts';
import { type Decision, type DomainErrorCode, domainError } from './errors.ts';
import type { MeetingEvent } from './events.ts';
import type { StepTemplate } from './method.ts';
import { findStep, groupOf, type MeetingState, stepRuntime } from './state.ts';

type E = Decision<MeetingEvent>;
const fail = (code: DomainErrorCode, detail: string): E => ({ ok: false, error: domainError(code, detail) });

/** [CO-2] the payload must fit the step's primitive and its options, fields or items. */
export function payloadProblem(step: StepTemplate, payload: ContributionPayload): string | null {
  switch (step.primitive) {
    case 'choice': {
      const known = (id: string) => step.options.some((o) => o.id === id);
      if (step.dots !== undefined) {
        if (payload.kind !== 'dots') return 'this step takes a dot vote';
        if (payload.optionIds.length > step.dots) return `at most ${step.dots} dots`;
        if (new Set(payload.optionIds).size !== payload.optionIds.length) return 'one dot per option';
        const unknown = payload.optionIds.find((id) => !known(id));
        return unknown === undefined ? null : `no option ${unknown}`;
      }
      if (payload.kind !== 'choice') return 'this step takes a choice';
      if (!known(payload.optionId)) return `no option ${payload.optionId}`;
      if (payload.reason !== undefined && !step.allowReason) return 'this step takes no reason';
      return null;
    }
    case 'cards':
      if (payload.kind !== 'card') return 'this step takes cards';
      if (payload.fieldId !== undefined && !(step.fields ?? []).some((f) => f.id === payload.fieldId)) {
        return `no field ${payload.fieldId}`;
      }
      return null;
    case 'note':
      return payload.kind === 'note' ? null : 'this step takes a note';
    case 'scale': {
      if (payload.kind !== 'scale') return 'this step takes scale answers';
      for (const [itemId, value] of Object.entries(payload.values)) {
        const item = step.items.find((i) => i.id === itemId);
        if (!item) return `no item ${itemId}`;
        if (value < item.min || value > item.max) return `${itemId} must be from ${item.min} to ${item.max}`;
      }
      return Object.keys(payload.values).length === 0 ? 'answer at least one item' : null;
    }
    case 'map': {
      if (payload.kind !== 'map') return 'this step takes a responsibility map';
      const ids = new Set(payload.entries.map((e) => e.id));
      if (ids.size !== payload.entries.length) return 'an entry id is used twice';
      const field = payload.entries.find((e) => !step.fields.some((f) => f.id === e.fieldId));
      if (field) return `no field ${field.fieldId}`;
      if (payload.tensions.length > 0 && !step.tensions) return 'this map takes no tensions';
      const bad = payload.tensions.find((t) => t.a === t.b || !ids.has(t.a) || !ids.has(t.b));
      return bad ? 'a tension links two different entries of this map' : null;
    }
    case 'grid': {
      if (payload.kind !== 'grid') return 'this step takes a grid';
      const columns = new Set(step.columns.map((c) => c.id));
      const unknown = payload.rows.flatMap((r) => Object.keys(r)).find((k) => !columns.has(k));
      return unknown === undefined ? null : `no column ${unknown}`;
    }
    case 'info':
      return null;
  }
}

/**
 * [CO-1…6] A contribution goes into a step whose input is open, from a participant who joined
 * (or from the facilitator, marked as proxy). An anonymous step stores no author.
 */
export function decideContribution(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'SubmitContribution' }>,
  actor: Actor,
  at: string,
): E {
  if (state.status !== 'running') return fail('not_running', `meeting is ${state.status}`);
  const step = findStep(state, command.stepId)?.step;
  if (!step) return fail('no_such_step', `no step ${command.stepId}`);
  if (step.primitive === 'info') return fail('unsupported_input', 'this step only shows content');
  const runtime = stepRuntime(state, step.id);
  if (!runtime.inputOpen) return fail('input_closed', 'input for this step is closed');
  const problem = payloadProblem(step, command.payload);
  if (problem) return fail('invalid_contribution', problem);

  let groupId: string | undefined;
  let authorId: string | undefined;
  const proxy = command.proxy === true;
  if (actor.role === 'participant') {
    if (proxy) return fail('forbidden', 'only the facilitator enters answers for others');
    if (!state.participants[actor.participantId]) return fail('not_a_participant', 'join the meeting first');
    if (step.scope === 'group') {
      const group = groupOf(state, actor.participantId);
      if (!group) return fail('no_group', 'you are not in a group yet');
      const shared = step.primitive === 'note' || step.primitive === 'grid';
      if (shared && group.scribeId !== undefined && group.scribeId !== actor.participantId) {
        return fail('not_scribe', 'the scribe of your group writes this');
      }
      groupId = group.id;
    }
    if (step.visibility === 'named') authorId = actor.participantId;
  } else if (actor.role === 'facilitator') {
    // The facilitator writes plenary notes (agreements) in their own name; answers only as proxy.
    const ownNote = step.primitive === 'note' && step.scope === 'plenary';
    if (!proxy && !ownNote) return fail('forbidden', 'the facilitator enters answers only on someone’s behalf (proxy)');
    if (step.scope === 'group') {
      if (!command.groupId || !state.groups.some((g) => g.id === command.groupId)) {
        return fail('no_group', 'say for which group this answer is');
      }
      groupId = command.groupId;
    }
  } else {
    return fail('forbidden', `${actor.role} does not contribute`);
  }
  const earlier = runtime.contributions[command.contributionId];
  if (earlier && (earlier.groupId !== groupId || earlier.proxy !== proxy || earlier.authorId !== authorId)) {
    return fail('forbidden', 'this contribution belongs to someone else');
  }
  return {
    ok: true,
    events: [
      {
        type: 'ContributionSubmitted',
        at,
        stepId: step.id,
        contributionId: command.contributionId,
        proxy,
        payload: command.payload,
        ...(groupId === undefined ? {} : { groupId }),
        ...(authorId === undefined ? {} : { authorId }),
      },
    ],
  };
}
