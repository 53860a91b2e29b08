import type { Case, Language, MeetingState, Programme } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { roman } from './roman.ts';

/** The draft report of a meeting as plain data, in one language; renderers turn it into documents. */
export interface ReportModel {
  readonly lang: Language;
  readonly title: string;
  readonly subtitle: string;
  readonly date: string;
  readonly location: string;
  readonly facilitators: readonly { name: string; role: string }[];
  readonly audience: string;
  readonly centralQuestions: readonly string[];
  readonly rounds: readonly { title: string; purpose: string }[];
  readonly dilemmas: readonly ReportDilemma[];
  readonly programme: { title: string; organiser: string; supportedBy: string } | null;
}

export interface ReportDilemma {
  readonly number: string;
  readonly title: string;
  readonly situation: string;
  readonly action: string;
  readonly consequence: string;
  readonly hindsight: string;
  readonly criterion: string;
}

export interface ReportInput {
  readonly state: MeetingState;
  /** The library cases the meeting used, in any order; the meeting's own order is kept. */
  readonly cases: readonly Case[];
  readonly programme: Programme | null;
}

function formatDate(iso: string | undefined, lang: Language): string {
  if (!iso) return '';
  const date = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * Builds the report's skeleton from what the meeting was prepared with: title block,
 * introduction, the rounds that appear in the report and the dilemmas as numbered sections.
 * A pure function of its input. Contributions made during the meeting are not part of it yet.
 */
export function buildReportModel({ state, cases, programme }: ReportInput, lang: Language): ReportModel {
  const t = (text: Parameters<typeof localize>[0]) => localize(text, lang);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const used = state.spec.caseIds.map((id) => byId.get(id)).filter((c): c is Case => c !== undefined);
  return {
    lang,
    title: t(state.spec.title),
    subtitle: t(state.spec.subtitle),
    date: formatDate(state.spec.date, lang),
    location: state.spec.location ?? '',
    facilitators: state.spec.facilitators.map((f) => ({ name: f.name, role: t(f.role) })),
    audience: t(state.spec.audience),
    centralQuestions: state.spec.centralQuestions.map(t),
    rounds: state.agenda
      .filter((round) => round.steps.some((step) => step.report !== 'omit'))
      .map((round) => ({ title: t(round.title), purpose: t(round.purpose) })),
    dilemmas: used.map((c, i) => ({
      number: roman(i + 1),
      title: t(c.title),
      situation: t(c.situation),
      action: t(c.action),
      consequence: t(c.consequence),
      hindsight: t(c.hindsight),
      criterion: t(c.criterion),
    })),
    programme: programme
      ? { title: t(programme.title), organiser: programme.organiser ?? '', supportedBy: t(programme.supportedBy) }
      : null,
  };
}
