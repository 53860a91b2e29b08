import type { Contribution, ContributionPayload } from './contribution.ts';
import { findStep, type MeetingState, stepRuntime } from './state.ts';
import { kOf } from './view.ts';

/** Counts shown only from k answers: below that, only how many answered. */
export type Gated<T> = { readonly total: number; readonly shown: true; readonly value: T } | { readonly total: number; readonly shown: false };

function readableOf(state: MeetingState, stepId: string): { payloads: ContributionPayload[]; total: number } {
  const all: Contribution[] = Object.values(stepRuntime(state, stepId).contributions);
  return { payloads: all.flatMap((c) => (c.payload ? [c.payload] : [])), total: all.length };
}

function gate<T>(state: MeetingState, total: number, readable: number, value: () => T): Gated<T> {
  // [RS-1] no figure from fewer than k answers, and none from answers the viewer may not read
  return total >= kOf(state) && readable === total ? { total, shown: true, value: value() } : { total, shown: false };
}

/** [RS-2] how many chose each option (a dot vote counts every dot). */
export function tally(state: MeetingState, stepId: string): Gated<Record<string, number>> {
  const step = findStep(state, stepId)?.step;
  const { payloads, total } = readableOf(state, stepId);
  return gate(state, total, payloads.length, () => {
    const counts: Record<string, number> = {};
    if (step?.primitive === 'choice') for (const o of step.options) counts[o.id] = 0;
    for (const p of payloads) {
      const ids = p.kind === 'choice' ? [p.optionId] : p.kind === 'dots' ? p.optionIds : [];
      for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  });
}

/** [RS-3] per scale item: how many gave each value, and the mean. */
export function scaleSummary(state: MeetingState, stepId: string): Gated<Record<string, { counts: Record<number, number>; mean: number; n: number }>> {
  const { payloads, total } = readableOf(state, stepId);
  return gate(state, total, payloads.length, () => {
    const out: Record<string, { counts: Record<number, number>; mean: number; n: number }> = {};
    for (const p of payloads) {
      if (p.kind !== 'scale') continue;
      for (const [item, value] of Object.entries(p.values)) {
        const entry = (out[item] ??= { counts: {}, mean: 0, n: 0 });
        entry.counts[value] = (entry.counts[value] ?? 0) + 1;
        entry.mean = (entry.mean * entry.n + value) / (entry.n + 1);
        entry.n++;
      }
    }
    return out;
  });
}

export interface Shift {
  /** Answers given both before and after. */
  readonly pairs: number;
  /** from → to → how many; the diagonal is who stayed. */
  readonly moves: Record<string, Record<string, number>>;
  readonly changed: number;
}

/**
 * [RS-4] Opinion shift between a choice and the later choice paired with it: a participant's
 * two answers share a contribution id made by their own browser, so the server needs no author.
 */
export function opinionShift(state: MeetingState, afterStepId: string): Gated<Shift> | null {
  const after = findStep(state, afterStepId)?.step;
  if (after?.primitive !== 'choice' || after.pairedWith === undefined) return null;
  const before = stepRuntime(state, after.pairedWith).contributions;
  const pairs: [string, string][] = [];
  let unreadable = 0;
  for (const [id, c] of Object.entries(stepRuntime(state, afterStepId).contributions)) {
    const b = before[id];
    if (!b) continue;
    if (c.payload?.kind !== 'choice' || b.payload?.kind !== 'choice') {
      unreadable++;
      continue;
    }
    pairs.push([b.payload.optionId, c.payload.optionId]);
  }
  const total = pairs.length + unreadable;
  return gate(state, total, pairs.length, () => {
    const moves: Record<string, Record<string, number>> = {};
    for (const [from, to] of pairs) {
      const row = (moves[from] ??= {});
      row[to] = (row[to] ?? 0) + 1;
    }
    return { pairs: pairs.length, moves, changed: pairs.filter(([a, b]) => a !== b).length };
  });
}

export interface MapSummary {
  readonly fields: Record<string, { count: number; meanWeight: number }>;
  /** Field pairs (sorted ids joined by "|") and how many participants felt that tension. */
  readonly tensions: { readonly a: string; readonly b: string; readonly count: number }[];
}

/** [RS-5] The group's responsibility map: entries and weight per field, the most frequent tensions first. */
export function mapSummary(state: MeetingState, stepId: string): Gated<MapSummary> {
  const { payloads, total } = readableOf(state, stepId);
  return gate(state, total, payloads.length, () => {
    const fields: Record<string, { count: number; meanWeight: number }> = {};
    const pairs = new Map<string, number>();
    for (const p of payloads) {
      if (p.kind !== 'map') continue;
      const fieldOf = new Map(p.entries.map((e) => [e.id, e.fieldId]));
      for (const e of p.entries) {
        const f = (fields[e.fieldId] ??= { count: 0, meanWeight: 0 });
        f.meanWeight = (f.meanWeight * f.count + e.weight) / (f.count + 1);
        f.count++;
      }
      const seen = new Set<string>();
      for (const t of p.tensions) {
        const key = [fieldOf.get(t.a), fieldOf.get(t.b)].sort().join('|');
        if (seen.has(key)) continue; // one vote per participant per field pair
        seen.add(key);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
    const tensions = [...pairs.entries()]
      .map(([key, count]) => {
        const [a = '', b = ''] = key.split('|');
        return { a, b, count };
      })
      .sort((x, y) => y.count - x.count || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
    return { fields, tensions };
  });
}

/** [RS-6] Reactions per card id (as the viewer sees the ids). */
export function reactionCounts(state: MeetingState, stepId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of Object.values(stepRuntime(state, stepId).reactions ?? {})) counts[r.targetId] = (counts[r.targetId] ?? 0) + 1;
  return counts;
}
