import type { Contribution, ContributionPayload, Group, MeetingState, StepRuntime, StepTemplate, TimerState } from '@goedwerk/core';
import { K_THRESHOLD } from '@goedwerk/core/constants';
import { scaleSummary as coreScaleSummary, tally } from '@goedwerk/core/results';

type Payload<K extends ContributionPayload['kind']> = Extract<ContributionPayload, { kind: K }>;

/** The contributions of a step (of one group, if given) whose content this viewer may read. */
export function readable<K extends ContributionPayload['kind']>(
  runtime: StepRuntime,
  kind: K,
  groupId?: string,
): (Contribution & { payload: Payload<K> })[] {
  return Object.values(runtime.contributions)
    .filter((c): c is Contribution & { payload: Payload<K> } => c.payload !== null && c.payload.kind === kind)
    .filter((c) => groupId === undefined || c.groupId === groupId)
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));
}

/** How many contributions a step has (of one group, if given): counts only, never who. */
export function contributionCount(runtime: StepRuntime, groupId?: string): number {
  // [VW-7] a counted step reaches participants and the screen as a summary: its total
  if (runtime.summary && groupId === undefined) return runtime.summary.total;
  const all = Object.values(runtime.contributions);
  return groupId === undefined ? all.length : all.filter((c) => c.groupId === groupId).length;
}

export interface DistributionRow {
  readonly id: string;
  readonly count: number;
  /** Whole percent of all answers (for a dot vote: of everyone who voted). */
  readonly percent: number;
}

/** The meeting's k: fewest answers for which a distribution is shown (3 unless the meeting says 4 or 5). */
export function kOf(state: MeetingState): number {
  return state.spec.kThreshold ?? K_THRESHOLD;
}

/**
 * The distribution of a choice step (or dot vote), or null when fewer than k people answered or
 * some answers are hidden from this viewer: then no distribution is shown anywhere, not even to
 * the facilitator (the k-threshold). Counted by the core, as the server and the report do.
 */
export function choiceDistribution(state: MeetingState, step: Extract<StepTemplate, { primitive: 'choice' }>): { total: number; rows: DistributionRow[] } | null {
  const counted = tally(state, step.id);
  if (!counted.shown) return null;
  const rows = step.options.map((option) => {
    const count = counted.value[option.id] ?? 0;
    return { id: option.id, count, percent: Math.round((count / counted.total) * 100) };
  });
  return { total: counted.total, rows };
}

export interface ScaleRow {
  readonly id: string;
  readonly answers: number;
  /** The mean, to one decimal. */
  readonly mean: number | null;
}

/** Per scale item: how many answered and the mean; null under the k-threshold (an item with fewer than k answers shows no mean). */
export function scaleSummary(state: MeetingState, step: Extract<StepTemplate, { primitive: 'scale' }>): { total: number; rows: ScaleRow[] } | null {
  const summary = coreScaleSummary(state, step.id);
  if (!summary.shown) return null;
  const k = kOf(state);
  const rows = step.items.map((item) => {
    const entry = summary.value[item.id];
    const n = entry?.n ?? 0;
    return { id: item.id, answers: n, mean: entry && n >= k ? Math.round(entry.mean * 10) / 10 : null };
  });
  return { total: summary.total, rows };
}

/** A group's note: the latest version written for it. */
export function groupNote(runtime: StepRuntime, groupId: string): string | null {
  const notes = readable(runtime, 'note', groupId);
  return notes.length === 0 ? null : (notes[notes.length - 1]?.payload.text ?? null);
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable hash for ids (not for secrets). */
function fnv(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The one contribution id of a group's shared note in a step, the same for every member, so
 * each save replaces the group's note. Another group cannot write to it: the server keeps a
 * contribution with its group.
 */
export function groupNoteId(stepId: string, groupId: string): string {
  return `note-${fnv(stepId)}-${fnv(groupId)}`;
}

/** Milliseconds left on a timer at `now`: counting down from its end time, or frozen while paused. */
export function remainingMs(timer: TimerState, now: number): number {
  if (timer.endsAt !== null) return Math.max(0, Date.parse(timer.endsAt) - now);
  return Math.max(0, timer.remainingMs ?? 0);
}

/** 4:05, 12:00, 1:02:03 — minutes and seconds, hours only when needed; rounded up to the second. */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Members not in any group yet (joined after the groups were formed). */
export function ungrouped(participantIds: readonly string[], groups: readonly Group[]): string[] {
  const grouped = new Set(groups.flatMap((g) => g.memberIds));
  return participantIds.filter((id) => !grouped.has(id));
}

/** Whether a step takes contributions from phones (an info step only shows content). */
export function takesInput(step: StepTemplate): step is Exclude<StepTemplate, { primitive: 'info' }> {
  return step.primitive !== 'info';
}

/** A group's grid: the latest version written for it. */
export function groupGrid(runtime: StepRuntime, groupId: string): Payload<'grid'>['rows'] | null {
  const grids = readable(runtime, 'grid', groupId);
  return grids.length === 0 ? null : (grids[grids.length - 1]?.payload.rows ?? null);
}

/** The one contribution id of a group's shared grid in a step (see groupNoteId). */
export function groupGridId(stepId: string, groupId: string): string {
  return `grid-${fnv(stepId)}-${fnv(groupId)}`;
}

const ROMAN: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];

/** 1 → I, 4 → IV, 12 → XII: lessons are numbered as in the seed's report. */
export function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}
