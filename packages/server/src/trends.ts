import type { Case, Language, MeetingState, MeetingStatus, ProgrammeTrendsData, StepTemplate, TrendsCase, TrendsEvaluation, TrendsMeeting, TrendsShift, TrendsTensionCell, TrendsTensions } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { type Gated, mapSummary, opinionShift, scaleSummary, type Shift } from '@goedwerk/core/results';
import { agendaSteps, stepRuntime } from '@goedwerk/core/state';
import { formatDate, formatNumber, WORDS } from '@goedwerk/report';

/**
 * What a programme's meetings add up to, for the programme's page: the evaluations, the tensions
 * between fields of responsibility, the cases and how opinions shifted on them, and the lessons.
 * Pure: every figure comes from `@goedwerk/core/results` (which applies the k-threshold) and is
 * worded with the report's own words, so the page says what the reports say. Rules:
 * docs/spec/programme.md (PG-1 … PG-6).
 */

// The shapes are the API's (`@goedwerk/core` api.ts), so the web client reads what is built here.
export type TrendMeeting = TrendsMeeting;
export type EvaluationTrend = TrendsEvaluation;
export type EvaluationItemTrend = TrendsEvaluation['items'][number];
export type TensionCell = TrendsTensionCell;
export type TensionMatrix = TrendsTensions;
export type TensionPair = TrendsTensions['pairs'][number];
export type HiddenFigure = TrendsTensions['hidden'][number];
export type ShiftTrend = TrendsShift;
export type CaseTrend = TrendsCase;
export type CaseTrends = ProgrammeTrendsData['cases'];
export type MeetingLessons = ProgrammeTrendsData['lessonTexts'][number];
export type ProgrammeTrends = ProgrammeTrendsData;

type Words = (typeof WORDS)[Language];
type ScaleStep = Extract<StepTemplate, { primitive: 'scale' }>;
type MapStep = Extract<StepTemplate, { primitive: 'map' }>;
type ChoiceStep = Extract<StepTemplate, { primitive: 'choice' }>;
interface Held extends TrendMeeting {
  readonly state: MeetingState;
}

const HELD_STATUSES: ReadonlySet<MeetingStatus> = new Set(['running', 'closed', 'reported']);

/** [PG-1] Held: running, closed or reported, with at least one contribution. */
function isHeld(state: MeetingState): boolean {
  return HELD_STATUSES.has(state.status) && Object.values(state.steps).some((s) => Object.keys(s.contributions).length > 0);
}

/** Code-point order: the same everywhere, whatever the locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const stepsOf = (state: MeetingState) => agendaSteps(state.agenda).map((s) => s.step);

/** The trends of one programme's meetings. A pure function: the same meetings give the same trends. */
export function programmeTrends(meetings: readonly { id: string; state: MeetingState }[], cases: readonly Case[], lang: Language): ProgrammeTrends {
  const w = WORDS[lang];
  const sortKey = (s: MeetingState) => s.spec.date ?? s.startedAt?.slice(0, 10) ?? '9999-12-31';
  const held: Held[] = meetings
    .filter((m) => isHeld(m.state))
    .sort((x, y) => cmp(sortKey(x.state), sortKey(y.state)) || cmp(x.state.startedAt ?? '', y.state.startedAt ?? '') || cmp(x.id, y.id))
    .map((m) => ({
      meetingId: m.id,
      date: m.state.spec.date ?? null,
      dateText: formatDate(m.state.spec.date, lang),
      title: localize(m.state.spec.title, lang),
      status: m.state.status,
      state: m.state,
    }));
  const plain = (m: Held): TrendMeeting => ({ meetingId: m.meetingId, date: m.date, dateText: m.dateText, title: m.title, status: m.status });
  return {
    lang,
    meetings: held.map(plain),
    evaluation: held.map((m) => evaluationOf(m, plain(m), w, lang)),
    tensions: tensionsOf(held, w, lang),
    cases: casesOf(held, cases, w, lang),
    // [PG-6] the lessons as harvested, in their order
    lessonTexts: held.map((m) => ({ ...plain(m), lessons: m.state.lessons.map((l) => ({ lessonId: l.id, title: l.title, text: l.text.trim() })) })),
  };
}

/** [PG-2] The evaluation step is the last scale step with a mark item, the item the report reads as the mark. */
function evaluationStep(state: MeetingState): { step: ScaleStep; markId: string } | null {
  const scales = stepsOf(state).filter((s): s is ScaleStep => s.primitive === 'scale');
  for (const step of scales.reverse()) {
    const mark = step.items.find((i) => i.min >= 0 && i.max === 10);
    if (mark) return { step, markId: mark.id };
  }
  return null;
}

function evaluationOf(m: Held, base: TrendMeeting, w: Words, lang: Language): EvaluationTrend {
  const found = evaluationStep(m.state);
  const none = { shown: false, mark: null, markText: null, items: [] } as const;
  if (!found) return { ...base, stepId: null, respondents: 0, ...none, text: '' };
  const { step, markId } = found;
  const summary = scaleSummary(m.state, step.id);
  // [PG-2] below k only how many answered, as the report says it
  if (!summary.shown) return { ...base, stepId: step.id, respondents: summary.total, ...none, text: summary.total > 0 ? w.tooFew(summary.total) : '' };
  const mark = summary.value[markId]?.mean ?? null;
  const markText = mark === null ? null : formatNumber(mark, lang);
  const items =
    step.items.length > 1
      ? step.items.flatMap((item) => {
          const s = summary.value[item.id];
          return s ? [{ itemId: item.id, label: localize(item.label, lang), n: s.n, mean: s.mean, meanText: formatNumber(s.mean, lang), min: item.min, max: item.max }] : [];
        })
      : [];
  return { ...base, stepId: step.id, respondents: summary.total, shown: true, mark, markText, items, text: w.evaluated(summary.total, markText) };
}

/** [PG-3] The tensions named on the map steps, summed over the meetings into a fields × fields matrix. */
function tensionsOf(held: readonly Held[], w: Words, lang: Language): TensionMatrix {
  const fields: { id: string; label: string }[] = [];
  const index = new Map<string, number>();
  const addField = (id: string, label: string) => {
    if (index.has(id)) return;
    index.set(id, fields.length);
    fields.push({ id, label: label || id });
  };
  const perPair = new Map<string, Map<string, number>>(); // "a|b" → meeting → count
  const hidden: HiddenFigure[] = [];
  for (const m of held) {
    for (const step of stepsOf(m.state).filter((s): s is MapStep => s.primitive === 'map')) {
      for (const f of step.fields) addField(f.id, localize(f.label, lang));
      const summary = mapSummary(m.state, step.id);
      if (summary.total === 0) continue;
      if (!summary.shown) {
        hidden.push({ meetingId: m.meetingId, stepId: step.id, total: summary.total, text: w.tooFew(summary.total) });
        continue;
      }
      for (const t of summary.value.tensions) {
        if (!t.a || !t.b) continue;
        addField(t.a, t.a);
        addField(t.b, t.b);
        const row = perPair.get(`${t.a}|${t.b}`) ?? new Map<string, number>();
        row.set(m.meetingId, (row.get(m.meetingId) ?? 0) + t.count);
        perPair.set(`${t.a}|${t.b}`, row);
      }
    }
  }
  const empty: TensionCell = { count: 0, meetings: [] };
  const cells: TensionCell[][] = fields.map(() => fields.map(() => empty));
  const pairs: TensionPair[] = [];
  for (const [key, row] of perPair) {
    const [a = '', b = ''] = key.split('|');
    const i = index.get(a) ?? 0;
    const j = index.get(b) ?? 0;
    const cell: TensionCell = { count: [...row.values()].reduce((x, y) => x + y, 0), meetings: [...row].map(([meetingId, count]) => ({ meetingId, count })) };
    (cells[i] ?? [])[j] = cell;
    (cells[j] ?? [])[i] = cell;
    pairs.push({ a, b, ...cell, text: w.tensionItem(fields[i]?.label ?? a, fields[j]?.label ?? b, cell.count) });
  }
  const at = (id: string) => index.get(id) ?? 0;
  pairs.sort((x, y) => y.count - x.count || at(x.a) - at(y.a) || at(x.b) - at(y.b));
  return { fields, cells, pairs, hidden };
}

/** The cases a meeting used: those it was prepared with, then those its groups worked on. */
function casesUsed(state: MeetingState): string[] {
  return [...new Set([...state.spec.caseIds, ...state.groups.flatMap((g) => (g.caseId === undefined ? [] : [g.caseId]))])];
}

/** The state with only one group's answers to the given steps: the same results, for that group. */
function withinGroup(state: MeetingState, groupId: string, stepIds: readonly string[]): MeetingState {
  const steps = { ...state.steps };
  for (const id of stepIds) {
    const runtime = stepRuntime(state, id);
    steps[id] = { ...runtime, contributions: Object.fromEntries(Object.entries(runtime.contributions).filter(([, c]) => c.groupId === groupId)) };
  }
  return { ...state, steps };
}

const shiftText = (shift: Gated<Shift>, w: Words) => (shift.shown ? w.shift(shift.value.pairs, shift.value.changed) : w.tooFew(shift.total));

/** [PG-4] [PG-5] The opinion shift of every paired choice step: the whole step, and per group on a group step. */
function shiftsOf(m: Held, w: Words, lang: Language): ShiftTrend[] {
  const used = casesUsed(m.state);
  const out: ShiftTrend[] = [];
  for (const step of stepsOf(m.state).filter((s): s is ChoiceStep => s.primitive === 'choice' && s.pairedWith !== undefined)) {
    const whole = opinionShift(m.state, step.id);
    if (!whole || whole.total === 0) continue;
    const base = { meetingId: m.meetingId, stepId: step.id, stepTitle: localize(step.title, lang) };
    out.push({ ...base, caseId: used.length === 1 ? (used[0] ?? null) : null, groupId: null, shift: whole, text: shiftText(whole, w) });
    if (step.scope !== 'group') continue;
    const groups = m.state.groups
      .map((g) => ({ g, shift: opinionShift(withinGroup(m.state, g.id, [step.pairedWith ?? '', step.id]), step.id) }))
      .filter((x): x is { g: (typeof x)['g']; shift: Gated<Shift> } => x.shift !== null && x.shift.total > 0);
    // [PG-5] one group below k hides every group's figure of the step: else the whole minus the others would tell it
    const allShown = groups.every((x) => x.shift.shown);
    for (const { g, shift } of groups) {
      const gated: Gated<Shift> = allShown ? shift : { total: shift.total, shown: false };
      out.push({ ...base, caseId: g.caseId ?? null, groupId: g.id, shift: gated, text: shiftText(gated, w) });
    }
  }
  return out;
}

/** [PG-4] The cases used, how many meetings used each, and the shifts measured on them. */
function casesOf(held: readonly Held[], cases: readonly Case[], w: Words, lang: Language): CaseTrends {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const meetingsOf = new Map<string, string[]>(); // in order of first use
  for (const m of held) {
    for (const id of casesUsed(m.state)) meetingsOf.set(id, [...(meetingsOf.get(id) ?? []), m.meetingId]);
  }
  const shifts = held.flatMap((m) => shiftsOf(m, w, lang));
  const used = [...meetingsOf].map(([caseId, meetingIds]) => ({
    caseId,
    title: localize(byId.get(caseId)?.title, lang) || caseId,
    meetingIds,
    meetings: meetingIds.length,
    shifts: shifts.filter((s) => s.caseId === caseId),
  }));
  // A stable sort: equal counts stay in order of first use.
  used.sort((x, y) => y.meetings - x.meetings);
  return { used, shifts };
}
