import type { Contribution, ContributionPayload } from './contribution.ts';
import { findStep, kOf, type MeetingState, type StepSummary, stepRuntime } from './state.ts';

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

/** What a summarised view (VW-7) carries for one figure: shown when the summary has it. */
function fromSummary<T>(summary: StepSummary, value: T | undefined): Gated<T> {
  return value === undefined ? { total: summary.total, shown: false } : { total: summary.total, shown: true, value };
}

/** [RS-2] how many chose each option (a dot vote counts every dot). */
export function tally(state: MeetingState, stepId: string): Gated<Record<string, number>> {
  const summary = stepRuntime(state, stepId).summary;
  if (summary) return fromSummary(summary, summary.tally);
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
export interface ScaleItemSummary {
  readonly counts: Record<number, number>;
  readonly mean: number;
  readonly n: number;
}

export function scaleSummary(state: MeetingState, stepId: string): Gated<Record<string, ScaleItemSummary>> {
  const summary = stepRuntime(state, stepId).summary;
  if (summary) return fromSummary(summary, summary.scale);
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
  const summary = stepRuntime(state, afterStepId).summary;
  if (summary) return summary.shift ?? { total: 0, shown: false };
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

/** [VW-7] Steps whose answers a participant or the screen sees as counts only: choices and scales. */
export function isSummarised(state: MeetingState, stepId: string): boolean {
  const primitive = findStep(state, stepId)?.step.primitive;
  return primitive === 'choice' || primitive === 'scale';
}

/** Summaries made per state: every role-view and every socket of one broadcast shares them. */
const summaries = new WeakMap<MeetingState, Map<string, StepSummary>>();

/**
 * [VW-7] What a participant or the screen sees of a counted step, made from the whole state: how
 * many answered, and the figures only once the step is revealed with at least k answers (VW-3,
 * VW-4); an opinion shift also needs the earlier step it is paired with to be readable.
 */
export function summarizeStep(state: MeetingState, stepId: string): StepSummary {
  let cache = summaries.get(state);
  if (!cache) {
    cache = new Map();
    summaries.set(state, cache);
  }
  let summary = cache.get(stepId);
  if (!summary) {
    summary = makeSummary(state, stepId);
    cache.set(stepId, summary);
  }
  return summary;
}

function readableByAll(state: MeetingState, stepId: string): boolean {
  const runtime = stepRuntime(state, stepId);
  return runtime.revealed && Object.keys(runtime.contributions).length >= kOf(state);
}

function makeSummary(state: MeetingState, stepId: string): StepSummary {
  const step = findStep(state, stepId)?.step;
  const total = Object.keys(stepRuntime(state, stepId).contributions).length;
  const open = readableByAll(state, stepId);
  let shift: Gated<Shift> | undefined;
  if (step?.primitive === 'choice' && step.pairedWith !== undefined) {
    const full = opinionShift(state, stepId);
    if (full) shift = open && readableByAll(state, step.pairedWith) ? full : { total: full.total, shown: false };
  }
  const counted = open && step?.primitive === 'choice' ? tally(state, stepId) : null;
  const scale = open && step?.primitive === 'scale' ? scaleSummary(state, stepId) : null;
  return {
    total,
    ...(counted?.shown ? { tally: counted.value } : {}),
    ...(scale?.shown ? { scale: scale.value } : {}),
    ...(shift === undefined ? {} : { shift }),
  };
}
