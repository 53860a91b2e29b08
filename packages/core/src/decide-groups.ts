import type { LiveCommand } from './commands.ts';
import { type Decision, domainError } from './errors.ts';
import type { Group, MeetingEvent } from './events.ts';
import type { MeetingState } from './state.ts';

type E = Decision<MeetingEvent>;
const invalid = (detail: string): E => ({ ok: false, error: domainError('invalid_groups', detail) });

/** [GR-1] groups are formed from current participants, each in one group at most; [GR-2] a scribe is a member. */
export function decideGroups(
  state: MeetingState,
  command: Extract<LiveCommand, { type: 'FormGroups' | 'ClearGroups' | 'SetScribe' | 'SetGroupDilemma' }>,
  at: string,
): E {
  if (state.status !== 'open' && state.status !== 'running') {
    return { ok: false, error: domainError('invalid_transition', `meeting is ${state.status}`) };
  }
  switch (command.type) {
    case 'FormGroups': {
      const seen = new Set<string>();
      const ids = new Set<string>();
      const groups: Group[] = [];
      for (const g of command.groups) {
        if (ids.has(g.id)) return invalid(`group id ${g.id} is used twice`);
        ids.add(g.id);
        if (g.caseId !== undefined && !state.spec.caseIds.includes(g.caseId)) return invalid(`case ${g.caseId} is not in this meeting`);
        for (const m of g.memberIds) {
          if (!state.participants[m]) return invalid(`${m} is not a participant`);
          if (seen.has(m)) return invalid(`${m} is in two groups`);
          seen.add(m);
        }
        groups.push({ id: g.id, name: g.name, memberIds: g.memberIds, ...(g.caseId === undefined ? {} : { caseId: g.caseId }) });
      }
      return { ok: true, events: [{ type: 'GroupsFormed', at, groups }] };
    }
    case 'ClearGroups':
      return { ok: true, events: state.groups.length > 0 ? [{ type: 'GroupsCleared', at }] : [] };
    case 'SetGroupDilemma': {
      // [GR-4] a group gets the two horns of its dilemma, e.g. a tension from the map
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return invalid(`no group ${command.groupId}`);
      const same = JSON.stringify(group.dilemma ?? null) === JSON.stringify(command.dilemma);
      return { ok: true, events: same ? [] : [{ type: 'GroupDilemmaSet', at, groupId: group.id, dilemma: command.dilemma }] };
    }
    case 'SetScribe': {
      const group = state.groups.find((g) => g.id === command.groupId);
      if (!group) return invalid(`no group ${command.groupId}`);
      if (command.participantId !== null && !group.memberIds.includes(command.participantId)) {
        return invalid('the scribe must be a member of the group');
      }
      if ((group.scribeId ?? null) === command.participantId) return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'ScribeSet', at, groupId: group.id, participantId: command.participantId }] };
    }
  }
}

/**
 * Proposes groups of about `size` from the participants, spreading them evenly; `order` is a
 * shuffled copy the caller makes (the core has no randomness). The facilitator can adjust it.
 */
export function proposeGroups(order: readonly string[], size: number, names: (n: number) => string): { id: string; name: string; memberIds: string[] }[] {
  if (order.length === 0) return [];
  const count = Math.max(1, Math.round(order.length / Math.max(2, size)));
  const groups = Array.from({ length: count }, (_, i) => ({ id: `groep-${i + 1}`, name: names(i + 1), memberIds: [] as string[] }));
  order.forEach((id, i) => groups[i % count]?.memberIds.push(id));
  return groups;
}
