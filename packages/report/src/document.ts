import type { Language } from '@goedwerk/core';
import { blocksToMarkdown } from './markdown.ts';
import type { Chart, ReportModel, SectionKind, TitleBlock } from './model.ts';

/**
 * The report as the rapporteur edits it: the generated sections as Markdown, in an order the
 * rapporteur may change, with sections left out or added, and the workflow
 * draft → in review → approved → published with who did what. Every export renders this.
 */
export const REPORT_STATUSES = ['draft', 'in_review', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ROLES = ['facilitator', 'rapporteur', 'editor'] as const;
export type ReportRole = (typeof REPORT_ROLES)[number];

export interface DocumentSection {
  readonly id: string;
  /** `custom` for a section the rapporteur added, such as a closing paragraph. */
  readonly kind: SectionKind | 'custom';
  readonly title: string;
  /** The section's body; a line `[[chart:ID]]` places one of the document's charts. */
  readonly markdown: string;
  readonly included: boolean;
}

export interface HistoryEntry {
  readonly action: ReportAction['type'] | 'created';
  readonly role: ReportRole;
  readonly name: string;
  readonly at: string;
  readonly note?: string;
}

export interface ReportDocument {
  readonly meetingId: string;
  readonly lang: Language;
  readonly status: ReportStatus;
  readonly titleBlock: TitleBlock;
  readonly sections: readonly DocumentSection[];
  readonly charts: Readonly<Record<string, Chart>>;
  /** Who wrote it (the last rapporteur to edit or submit) and who edited it (the editor who approved). */
  readonly rapporteur: string | null;
  readonly editor: string | null;
  readonly history: readonly HistoryEntry[];
  readonly approvedAt: string | null;
  readonly publishedAt: string | null;
}

export interface SectionEdit {
  readonly id: string;
  readonly title: string;
  readonly markdown: string;
  readonly included: boolean;
}

export type ReportAction =
  /** The sections in their new order; a new id adds a section, a missing one is dropped. */
  | { readonly type: 'edit'; readonly sections: readonly SectionEdit[] }
  | { readonly type: 'submit' }
  | { readonly type: 'return'; readonly note?: string }
  | { readonly type: 'approve'; readonly acknowledgeFindings?: boolean }
  | { readonly type: 'publish' }
  | { readonly type: 'regenerate'; readonly model: ReportModel };

export interface ReportContext {
  readonly role: ReportRole;
  readonly name: string;
  readonly now: string;
  /** Submitting and approving wait until the meeting is over. */
  readonly meetingOver: boolean;
  /** Display names of the meeting's participants, for the anonymity check. */
  readonly participantNames: readonly string[];
}

export type ReportError =
  | { readonly code: 'forbidden'; readonly detail: string }
  | { readonly code: 'wrong_status'; readonly detail: string }
  | { readonly code: 'meeting_not_over'; readonly detail: string }
  | { readonly code: 'anonymity_findings'; readonly detail: string; readonly findings: readonly AnonymityFinding[] }
  | { readonly code: 'invalid'; readonly detail: string };

export type ReportOutcome = { readonly ok: true; readonly document: ReportDocument } | { readonly ok: false; readonly error: ReportError };

const WRITERS: readonly ReportRole[] = ['facilitator', 'rapporteur'];
const APPROVERS: readonly ReportRole[] = ['editor'];

/** The sections of a freshly generated report as editable Markdown. */
export function sectionsFromModel(model: ReportModel): DocumentSection[] {
  return model.sections.map((s) => ({ id: s.id, kind: s.kind, title: s.title, markdown: blocksToMarkdown(s.blocks), included: true }));
}

/** A new draft from the generated report. */
export function draftDocument(meetingId: string, model: ReportModel, by?: { role: ReportRole; name: string; at: string }): ReportDocument {
  return {
    meetingId,
    lang: model.lang,
    status: 'draft',
    titleBlock: model.titleBlock,
    sections: sectionsFromModel(model),
    charts: model.charts,
    rapporteur: null,
    editor: null,
    history: by ? [{ action: 'created', role: by.role, name: by.name, at: by.at }] : [],
    approvedAt: null,
    publishedAt: null,
  };
}

const fail = (code: Exclude<ReportError['code'], 'anonymity_findings'>, detail: string): ReportOutcome => ({ ok: false, error: { code, detail } });

/** The report's workflow as a pure function: the document after the action, or why not. */
export function applyReportAction(doc: ReportDocument, action: ReportAction, ctx: ReportContext): ReportOutcome {
  const name = ctx.name.trim().slice(0, 120);
  if (!name) return fail('invalid', 'say who you are: a name is needed');
  const entry = (note?: string): HistoryEntry => ({ action: action.type, role: ctx.role, name, at: ctx.now, ...(note ? { note } : {}) });
  const writer = WRITERS.includes(ctx.role);
  const approver = APPROVERS.includes(ctx.role);
  switch (action.type) {
    case 'edit': {
      if (!writer) return fail('forbidden', 'only the rapporteur or facilitator edits the report');
      if (doc.status !== 'draft') return fail('wrong_status', 'only a draft can be edited; ask the editor to send it back');
      const ids = new Set<string>();
      for (const s of action.sections) {
        if (!/^[a-z0-9-]{1,80}$/.test(s.id) || ids.has(s.id)) return fail('invalid', `section id "${s.id}" is invalid or used twice`);
        ids.add(s.id);
      }
      const before = new Map(doc.sections.map((s) => [s.id, s]));
      const sections = action.sections.map((s) => ({ id: s.id, kind: before.get(s.id)?.kind ?? ('custom' as const), title: s.title.trim(), markdown: s.markdown.replace(/\r\n/g, '\n'), included: s.included }));
      return { ok: true, document: { ...doc, sections, rapporteur: ctx.role === 'rapporteur' || !doc.rapporteur ? name : doc.rapporteur, history: [...doc.history, entry()] } };
    }
    case 'regenerate': {
      if (!writer) return fail('forbidden', 'only the rapporteur or facilitator regenerates the report');
      if (doc.status !== 'draft') return fail('wrong_status', 'only a draft can be regenerated');
      const custom = doc.sections.filter((s) => s.kind === 'custom');
      const fresh = sectionsFromModel(action.model);
      const programmeAt = fresh.findIndex((s) => s.kind === 'programme');
      const sections = programmeAt < 0 ? [...fresh, ...custom] : [...fresh.slice(0, programmeAt), ...custom, ...fresh.slice(programmeAt)];
      return { ok: true, document: { ...doc, titleBlock: action.model.titleBlock, charts: action.model.charts, sections, history: [...doc.history, entry()] } };
    }
    case 'submit': {
      if (!writer) return fail('forbidden', 'only the rapporteur or facilitator submits the report');
      if (doc.status !== 'draft') return fail('wrong_status', 'only a draft can be submitted for review');
      if (!ctx.meetingOver) return fail('meeting_not_over', 'close the meeting before submitting its report');
      return { ok: true, document: { ...doc, status: 'in_review', rapporteur: ctx.role === 'rapporteur' || !doc.rapporteur ? name : doc.rapporteur, history: [...doc.history, entry()] } };
    }
    case 'return': {
      if (!approver) return fail('forbidden', 'only the editor sends a report back');
      if (doc.status === 'draft') return fail('wrong_status', 'the report is a draft already');
      // Also a published report can be taken back to correct it; it is no longer public then.
      return { ok: true, document: { ...doc, status: 'draft', approvedAt: null, publishedAt: null, editor: null, history: [...doc.history, entry(action.note?.trim().slice(0, 500))] } };
    }
    case 'approve': {
      if (!approver) return fail('forbidden', 'only the editor approves the report');
      if (doc.status !== 'in_review') return fail('wrong_status', 'only a report in review can be approved');
      if (!ctx.meetingOver) return fail('meeting_not_over', 'the meeting is not over');
      const findings = checkAnonymity(doc, ctx.participantNames);
      if (findings.length > 0 && !action.acknowledgeFindings) {
        return { ok: false, error: { code: 'anonymity_findings', detail: `${findings.length} passage(s) may identify someone`, findings } };
      }
      const note = findings.length > 0 ? `approved with ${findings.length} flagged passage(s) checked` : undefined;
      return { ok: true, document: { ...doc, status: 'approved', editor: name, approvedAt: ctx.now, history: [...doc.history, entry(note)] } };
    }
    case 'publish': {
      if (!approver) return fail('forbidden', 'only the editor publishes the report');
      if (doc.status !== 'approved') return fail('wrong_status', 'only an approved report can be published');
      return { ok: true, document: { ...doc, status: 'published', publishedAt: ctx.now, history: [...doc.history, entry()] } };
    }
    default: {
      const unreachable: never = action;
      return fail('invalid', `unknown action ${JSON.stringify(unreachable)}`);
    }
  }
}

export interface AnonymityFinding {
  readonly kind: 'name' | 'email' | 'phone';
  readonly sectionId: string;
  readonly sectionTitle: string;
  /** The flagged passage with a little context. */
  readonly excerpt: string;
}

const PARTICLES = new Set(['de', 'den', 'der', 'van', 'von', 'het', 'ten', 'ter', 'te', 'op', 'in', "'t", 'la', 'le', 'du', 'da', 'di', 'el']);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** Dutch and international phone numbers: 06-12345678, 030 123 4567, +31 6 1234 5678, (020) 1234567. */
const PHONE = /(?:\+\d{1,3}[\s-]?(?:\(0\))?[\s-]?|\b0)(?:\(?\d{1,4}\)?[\s-]?){2,5}\d{2,4}\b/g;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Passages that may identify someone: a participant's display name (whole, or a part of it
 * that is a name rather than a particle), an e-mail address, a phone number. The title block
 * and the names of the report's own author and editor are not checked: they are meant to be there.
 */
export function checkAnonymity(doc: ReportDocument, participantNames: readonly string[]): AnonymityFinding[] {
  // A whole name is looked for in any case; a part of it only as written (Wit, not wit).
  const names = new Map<string, string>();
  for (const full of participantNames) {
    const name = full.trim();
    if (name.length >= 2) names.set(name.toLowerCase(), 'giu');
    for (const part of name.split(/\s+/)) {
      if (part.length >= 3 && !PARTICLES.has(part.toLowerCase()) && !names.has(part.toLowerCase())) names.set(part, 'gu');
    }
  }
  const namePatterns = [...names.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .map(([p, flags]) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(p)}(?![\\p{L}\\p{N}])`, flags));
  const findings: AnonymityFinding[] = [];
  for (const section of doc.sections) {
    if (!section.included) continue;
    const text = `${section.title}\n${section.markdown}`;
    const excerpt = (index: number, length: number) => text.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ').trim();
    const seen = new Set<number>();
    const add = (kind: AnonymityFinding['kind'], index: number, length: number) => {
      if (seen.has(index)) return;
      seen.add(index);
      findings.push({ kind, sectionId: section.id, sectionTitle: section.title, excerpt: excerpt(index, length) });
    };
    for (const m of text.matchAll(EMAIL)) add('email', m.index, m[0].length);
    for (const m of text.matchAll(PHONE)) if (m[0].replace(/\D/g, '').length >= 9) add('phone', m.index, m[0].length);
    for (const pattern of namePatterns) for (const m of text.matchAll(pattern)) add('name', m.index, m[0].length);
  }
  return findings;
}
