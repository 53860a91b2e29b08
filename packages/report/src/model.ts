import type { Case, Contribution, Group, Language, MeetingState, Programme, RoundTemplate, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { mapSummary, opinionShift, reactionCounts, scaleSummary, tally } from '@goedwerk/core/results';
import { stepRuntime } from '@goedwerk/core/state';
import { roman } from './roman.ts';
import { WORDS, type Words } from './words.ts';

/**
 * The report of a meeting as plain data, in one language: a title block and sections made of
 * blocks. Renderers turn it into Markdown and HTML; the rapporteur edits its Markdown.
 * Text in blocks is plain text as people typed it; renderers escape it.
 */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'labelled'; readonly label: string; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'subsection'; readonly number: string; readonly title: string; readonly blocks: readonly Block[] }
  | { readonly kind: 'chart'; readonly chartId: string }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: readonly (readonly string[])[] };

/** A distribution: how many answers each option got. Only made from k answers or more. */
export interface Chart {
  readonly id: string;
  readonly caption: string;
  readonly total: number;
  readonly bars: readonly { readonly label: string; readonly count: number }[];
}

export type SectionKind = 'introduction' | 'round' | 'dilemmas' | 'programme';

export interface ModelSection {
  readonly id: string;
  readonly kind: SectionKind;
  /** Empty for the introduction, which has no heading. */
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface TitleBlock {
  readonly documentKind: string;
  readonly title: string;
  readonly subtitle: string;
  readonly date: string;
  readonly location: string;
}

export interface ReportModel {
  readonly lang: Language;
  readonly titleBlock: TitleBlock;
  readonly sections: readonly ModelSection[];
  readonly charts: Readonly<Record<string, Chart>>;
}

export interface ReportInput {
  /** The meeting's state, folded from its whole event log. */
  readonly state: MeetingState;
  /** The library cases the meeting used, in any order. */
  readonly cases: readonly Case[];
  readonly programme: Programme | null;
}

/** The language of a meeting's report: the meeting's own, Dutch unless set. */
export function reportLanguage(state: MeetingState): Language {
  return state.spec.language ?? 'nl';
}

export function formatDate(iso: string | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number, lang: Language, digits = 1): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A card's text, for cards of any kind of step. */
function textOf(c: Contribution): string {
  const p = c.payload;
  if (!p) return '';
  if (p.kind === 'card' || p.kind === 'note') return p.text.trim();
  if (p.kind === 'choice') return p.reason?.trim() ?? '';
  return '';
}

const byTime = (a: Contribution, b: Contribution) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** Builds the report from the meeting. A pure function: the same meeting gives the same report. */
export function buildReportModel({ state, cases, programme }: ReportInput, lang: Language = reportLanguage(state)): ReportModel {
  const w = WORDS[lang];
  const t = (text: Parameters<typeof localize>[0]) => localize(text, lang);
  const charts: Record<string, Chart> = {};
  const casesById = new Map(cases.map((c) => [c.id, c]));
  const groupsWithWork = state.groups.filter((g) => g.caseId !== undefined || g.dilemma !== undefined || hasGroupWork(state, g));

  const sections: ModelSection[] = [introduction(state, w, t)];
  let dilemmasPlaced = false;
  for (const round of state.agenda) {
    const steps = round.steps.filter((s) => s.report !== 'omit');
    if (steps.length === 0) continue;
    const blocks: Block[] = [];
    const lessonBlocks: Block[] = [];
    for (const step of steps) {
      // The dilemmas worked on in groups stand where the round's group work begins.
      if (step.scope === 'group' && step.primitive !== 'info' && groupsWithWork.length > 0 && !dilemmasPlaced) {
        blocks.push(...groupsWithWork.map((g, i) => dilemmaOfGroup(state, round, g, i, casesById, w, t)));
        dilemmasPlaced = true;
      }
      const harvested = state.lessons.filter((l) => l.stepId === step.id);
      if (harvested.length > 0) {
        lessonBlocks.push(...harvested.map((l, i) => ({ kind: 'subsection' as const, number: roman(i + 1), title: l.title, blocks: l.text.trim() ? [{ kind: 'paragraph' as const, text: l.text.trim() }] : [] })));
        continue;
      }
      blocks.push(...stepBlocks(state, step, charts, w, t, lang));
    }
    blocks.push(...lessonBlocks);
    if (blocks.length === 0) continue;
    const purpose = t(round.purpose);
    sections.push({ id: `round-${round.id}`, kind: 'round', title: t(round.title), blocks: purpose ? [{ kind: 'paragraph', text: purpose }, ...blocks] : blocks });
  }
  // Lessons the facilitator harvested outside any step.
  const loose = state.lessons.filter((l) => l.stepId === undefined || !state.agenda.some((r) => r.steps.some((s) => s.id === l.stepId && s.report !== 'omit')));
  if (loose.length > 0) {
    sections.push({
      id: 'lessons',
      kind: 'round',
      title: w.lessons,
      blocks: loose.map((l, i) => ({ kind: 'subsection', number: roman(i + 1), title: l.title, blocks: l.text.trim() ? [{ kind: 'paragraph', text: l.text.trim() }] : [] })),
    });
  }
  // A meeting prepared with cases but not (yet) worked in groups: its dilemmas as the cases tell them.
  if (!dilemmasPlaced) {
    const used = state.spec.caseIds.map((id) => casesById.get(id)).filter((c): c is Case => c !== undefined);
    if (used.length > 0) {
      sections.push({ id: 'dilemmas', kind: 'dilemmas', title: w.dilemmas, blocks: used.map((c, i) => caseSubsection(c, roman(i + 1), [], w, t, true)) });
    }
  }
  if (programme) {
    const organiser = programme.organiser ?? '';
    const supportedBy = t(programme.supportedBy);
    sections.push({ id: 'programme', kind: 'programme', title: '', blocks: [{ kind: 'paragraph', text: w.programme(t(programme.title), organiser, supportedBy) }] });
  }
  return {
    lang,
    titleBlock: {
      documentKind: w.documentKind,
      title: t(state.spec.title),
      subtitle: t(state.spec.subtitle),
      date: formatDate(state.spec.date, lang),
      location: state.spec.location ?? '',
    },
    sections,
    charts,
  };
}

function introduction(state: MeetingState, w: Words, t: (text: Parameters<typeof localize>[0]) => string): ModelSection {
  const blocks: Block[] = [];
  const leaders = state.spec.facilitators.map((f) => (t(f.role) ? `${f.name} (${t(f.role)})` : f.name));
  const audience = t(state.spec.audience);
  const intro = w.intro(leaders, audience);
  if (intro) blocks.push({ kind: 'paragraph', text: intro });
  const questions = state.spec.centralQuestions.map(t);
  if (questions.length > 0) blocks.push({ kind: 'paragraph', text: w.questions }, { kind: 'list', ordered: true, items: questions });
  return { id: 'introduction', kind: 'introduction', title: '', blocks };
}

function hasGroupWork(state: MeetingState, group: Group): boolean {
  return Object.values(state.steps).some((s) => Object.values(s.contributions).some((c) => c.groupId === group.id));
}

/** A dilemma: the case as it was told, then what the group wrote in the group steps. */
function dilemmaOfGroup(
  state: MeetingState,
  round: RoundTemplate,
  group: Group,
  index: number,
  casesById: ReadonlyMap<string, Case>,
  w: Words,
  t: (text: Parameters<typeof localize>[0]) => string,
): Block {
  const notes: Block[] = [];
  for (const step of round.steps) {
    if (step.scope !== 'group' || step.report === 'omit') continue;
    const mine = Object.values(stepRuntime(state, step.id).contributions)
      .filter((c) => c.groupId === group.id)
      .sort(byTime);
    if (step.primitive === 'note') {
      for (const c of mine) notes.push(...noteBlocks(textOf(c)));
    } else if (step.primitive === 'grid' && step.report === 'full') {
      for (const c of mine) {
        if (c.payload?.kind !== 'grid') continue;
        const rows = c.payload.rows;
        notes.push({ kind: 'table', header: step.columns.map((col) => t(col.label)), rows: rows.map((r) => step.columns.map((col) => r[col.id] ?? '')) });
      }
    }
  }
  const tension = group.dilemma ? w.tension(group.dilemma.hornA, group.dilemma.hornB) : '';
  const theCase = group.caseId ? casesById.get(group.caseId) : undefined;
  if (theCase) {
    const extra: Block[] = tension ? [{ kind: 'labelled', label: w.theDilemma, text: tension }, ...notes] : notes;
    // The case's hindsight unless the group wrote its own.
    const ownHindsight = notes.some((b) => b.kind === 'labelled' && b.label.toLowerCase() === w.hindsight.toLowerCase());
    return caseSubsection(theCase, roman(index + 1), extra, w, t, !ownHindsight);
  }
  return { kind: 'subsection', number: roman(index + 1), title: tension || group.name, blocks: notes };
}

/** A case as a numbered dilemma: situation, what was done, consequence, then the extra blocks (the group's work), the case's hindsight when asked, and its criterion. */
function caseSubsection(c: Case, number: string, extra: readonly Block[], w: Words, t: (text: Parameters<typeof localize>[0]) => string, withHindsight: boolean): Block {
  const fields: [string, string][] = [
    [w.situation, t(c.situation)],
    [w.action, t(c.action)],
    [w.consequence, t(c.consequence)],
  ];
  if (withHindsight) fields.push([w.hindsight, t(c.hindsight)]);
  fields.push([w.criterion, t(c.criterion)]);
  const blocks: Block[] = fields.filter(([, text]) => text).map(([label, text]) => ({ kind: 'labelled', label, text }));
  return { kind: 'subsection', number, title: t(c.title), blocks: [...blocks.slice(0, 3), ...extra, ...blocks.slice(3)] };
}

/** A note as written: lines "Label: text" become labelled paragraphs, unfilled template lines are dropped. */
export function noteBlocks(text: string): Block[] {
  const out: Block[] = [];
  for (const raw of text.split(/\n+/)) {
    const line = raw.trim();
    if (!line || /^[^:]{0,60}:\s*(…|\.\.\.)?\s*$/.test(line) || line === '…') continue;
    const match = /^([^:]{1,60}):\s+(.+)$/.exec(line);
    if (match?.[1] && match[2] && !/^https?$/i.test(match[1])) out.push({ kind: 'labelled', label: match[1].trim(), text: match[2].trim() });
    else out.push({ kind: 'paragraph', text: line });
  }
  return out;
}

function stepBlocks(
  state: MeetingState,
  step: StepTemplate,
  charts: Record<string, Chart>,
  w: Words,
  t: (text: Parameters<typeof localize>[0]) => string,
  lang: Language,
): Block[] {
  const all = Object.values(stepRuntime(state, step.id).contributions).sort(byTime);
  const limit = step.report === 'summary' ? 6 : Number.POSITIVE_INFINITY;
  switch (step.primitive) {
    case 'info':
      return [];
    case 'cards': {
      if (all.length === 0) return [];
      const reactions = reactionCounts(state, step.id);
      const rank = (cs: Contribution[]) => [...cs].sort((a, b) => (reactions[b.id] ?? 0) - (reactions[a.id] ?? 0) || byTime(a, b));
      const texts = (cs: Contribution[]) => uniqueTexts(rank(cs).map(textOf)).slice(0, limit);
      const out: Block[] = [{ kind: 'heading', text: t(step.title) }];
      const clusters = stepRuntime(state, step.id).clusters;
      if (clusters.length > 0) {
        const byId = new Map(all.map((c) => [c.id, c]));
        for (const cluster of clusters) {
          const items = texts(cluster.contributionIds.map((id) => byId.get(id)).filter((c): c is Contribution => c !== undefined));
          if (items.length > 0) out.push({ kind: 'labelled', label: cluster.title, text: '' }, { kind: 'list', ordered: false, items });
        }
        return out;
      }
      if (step.fields && step.fields.length > 0) {
        for (const field of step.fields) {
          const items = texts(all.filter((c) => c.payload?.kind === 'card' && c.payload.fieldId === field.id));
          if (items.length > 0) out.push({ kind: 'labelled', label: t(field.label), text: '' }, { kind: 'list', ordered: false, items });
        }
        const rest = texts(all.filter((c) => c.payload?.kind !== 'card' || !step.fields?.some((f) => c.payload?.kind === 'card' && f.id === c.payload.fieldId)));
        if (rest.length > 0) out.push({ kind: 'list', ordered: false, items: rest });
        return out.length > 1 ? out : [];
      }
      const items = texts(all);
      return items.length > 0 ? [...out, { kind: 'list', ordered: false, items }] : [];
    }
    case 'choice': {
      const counts = tally(state, step.id);
      if (counts.total === 0) return [];
      const out: Block[] = [{ kind: 'heading', text: t(step.title) }];
      if (!counts.shown) return [...out, { kind: 'paragraph', text: w.tooFew(counts.total) }];
      const bars = step.options.map((o) => ({ label: t(o.label), count: counts.value[o.id] ?? 0 }));
      const id = `chart-${step.id}`;
      charts[id] = { id, caption: t(step.title), total: counts.total, bars };
      out.push({ kind: 'paragraph', text: w.distribution(counts.total, bars.map((b) => ({ ...b, percent: Math.round((100 * b.count) / counts.total) }))) }, { kind: 'chart', chartId: id });
      const shift = opinionShift(state, step.id);
      if (shift?.shown) out.push({ kind: 'paragraph', text: w.shift(shift.value.pairs, shift.value.changed) });
      if (step.allowReason && step.report === 'full') {
        const reasons = uniqueTexts(all.map(textOf));
        if (reasons.length > 0) out.push({ kind: 'list', ordered: false, items: reasons });
      }
      return out;
    }
    case 'scale': {
      const summary = scaleSummary(state, step.id);
      if (summary.total === 0) return [];
      const out: Block[] = [{ kind: 'heading', text: t(step.title) }];
      if (!summary.shown) return [...out, { kind: 'paragraph', text: w.tooFew(summary.total) }];
      const mark = step.items.find((i) => i.min >= 0 && i.max === 10);
      const markValue = mark ? summary.value[mark.id] : undefined;
      out.push({ kind: 'paragraph', text: w.evaluated(summary.total, markValue ? formatNumber(markValue.mean, lang) : null) });
      out.push({
        kind: 'table',
        header: [w.item, w.answers, w.average],
        rows: step.items.map((item) => {
          const s = summary.value[item.id];
          return [t(item.label), String(s?.n ?? 0), s ? `${formatNumber(s.mean, lang)} (${item.min}–${item.max})` : '–'];
        }),
      });
      return out;
    }
    case 'map': {
      const summary = mapSummary(state, step.id);
      if (summary.total === 0) return [];
      const out: Block[] = [{ kind: 'heading', text: t(step.title) }];
      if (!summary.shown) return [...out, { kind: 'paragraph', text: w.tooFew(summary.total) }];
      const label = (id: string) => t(step.fields.find((f) => f.id === id)?.label) || id;
      const entries = all.flatMap((c) => (c.payload?.kind === 'map' ? c.payload.entries : []));
      const fields = Object.entries(summary.value.fields).sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
      out.push({ kind: 'paragraph', text: w.mapIntro(summary.total) });
      out.push({
        kind: 'list',
        ordered: false,
        items: fields.map(([id, f]) => {
          const examples = uniqueTexts(entries.filter((e) => e.fieldId === id).sort((a, b) => b.weight - a.weight).map((e) => e.text)).slice(0, step.report === 'full' ? 4 : 2);
          return w.mapField(label(id), f.count, step.weighted ? formatNumber(f.meanWeight, lang) : null, examples);
        }),
      });
      const tensions = summary.value.tensions.filter((x) => x.count >= 2 || summary.value.tensions.length <= 3).slice(0, 5);
      if (tensions.length > 0) {
        out.push({ kind: 'paragraph', text: w.tensions }, { kind: 'list', ordered: false, items: tensions.map((x) => w.tensionItem(label(x.a), label(x.b), x.count)) });
      }
      return out;
    }
    case 'note': {
      if (step.scope === 'group') return [];
      const blocks = all.flatMap((c) => noteBlocks(textOf(c)));
      return blocks.length > 0 ? [{ kind: 'heading', text: t(step.title) }, ...blocks] : [];
    }
    case 'grid':
      return [];
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

function uniqueTexts(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    const key = text.toLowerCase().replace(/\s+/g, ' ');
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}
