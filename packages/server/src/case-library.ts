import { randomBytes } from 'node:crypto';
import { Case, CaseDraft, type CaseStatus, type LocalizedText, type MeetingState } from '@goedwerk/core';
import { caseDraftFromGroup } from '@goedwerk/report';
import type { CaseIndex, Store } from '@goedwerk/store';

const LOCALIZED_FIELDS = ['title', 'hornA', 'hornB', 'situation', 'action', 'consequence', 'hindsight', 'criterion', 'source'] as const;

/** All of a case's words in one language, for the search columns (themes and target groups count as words). */
export function caseIndex(c: Case): CaseIndex {
  const words = (lang: 'nl' | 'en') =>
    [
      ...LOCALIZED_FIELDS.map((f) => (c[f] as LocalizedText | undefined)?.[lang] ?? ''),
      ...c.prompts.map((p) => p[lang] ?? ''),
      ...c.themes.map((s) => s.replace(/-/g, ' ')),
      ...c.targetGroups.map((s) => s.replace(/-/g, ' ')),
    ]
      .filter(Boolean)
      .join('\n');
  return { status: c.status, textNl: words('nl'), textEn: words('en') };
}

/** A readable, unique id for a new case: words of its title and a short random tail. */
export function newCaseId(title: LocalizedText): string {
  const base = (title.nl ?? title.en ?? 'casus')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-');
  return `${base || 'casus'}-${randomBytes(3).toString('hex')}`;
}

export type ReviewAction = 'publish' | 'return' | 'archive' | 'restore';
const REVIEW: Record<ReviewAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  publish: { from: ['draft', 'submitted'], to: 'published' },
  return: { from: ['submitted', 'published'], to: 'draft' },
  archive: { from: ['draft', 'submitted', 'published'], to: 'archived' },
  restore: { from: ['archived'], to: 'draft' },
};

export type LibraryOutcome<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; error: string; message: string };

export interface CaseSearch {
  readonly text?: string;
  readonly theme?: string;
  readonly targetGroup?: string;
  /** Published only (everyone), or the cases waiting for review too (reviewers). */
  readonly scope: 'published' | 'review' | 'all';
}

const SCOPES: Record<CaseSearch['scope'], readonly CaseStatus[]> = {
  published: ['published'],
  review: ['draft', 'submitted'],
  all: ['draft', 'submitted', 'published', 'archived'],
};

/**
 * The case library (dilemmabank): cases are stored with their search index; a submitted case is
 * invisible in the library until a reviewer publishes it. Who may call what is the route's
 * business (case-policy.ts); this is what happens.
 */
export class CaseLibrary {
  constructor(private readonly store: Store) {}

  async put(c: Case): Promise<Case> {
    const parsed = Case.parse(c);
    await this.store.putCase(parsed.id, parsed, caseIndex(parsed));
    return parsed;
  }

  async get(id: string): Promise<Case | null> {
    const data = await this.store.getCase(id);
    return data === null ? null : Case.parse(data);
  }

  async search(query: CaseSearch): Promise<Case[]> {
    const rows = await this.store.searchCases({ statuses: SCOPES[query.scope], text: query.text, theme: query.theme, targetGroup: query.targetGroup });
    return rows.map((r) => Case.parse(r.data));
  }

  async all(): Promise<Case[]> {
    return (await this.store.listCases()).map((r) => Case.parse(r.data));
  }

  /** A new case waiting for review; its id and status are the server's. */
  async submit(draft: CaseDraft, status: 'draft' | 'submitted' = 'submitted'): Promise<Case> {
    const { id: _ignored, ...fields } = CaseDraft.parse(draft);
    return this.put({ ...fields, id: newCaseId(fields.title), status } as Case);
  }

  /** Changes a case's fields; its status stays as it is. */
  async edit(id: string, draft: CaseDraft): Promise<LibraryOutcome<Case>> {
    const current = await this.get(id);
    if (!current) return { ok: false, status: 404, error: 'not_found', message: 'case not found' };
    const { id: _ignored, ...fields } = CaseDraft.parse(draft);
    return { ok: true, value: await this.put({ ...fields, id, status: current.status } as Case) };
  }

  async review(id: string, action: ReviewAction): Promise<LibraryOutcome<Case>> {
    const current = await this.get(id);
    if (!current) return { ok: false, status: 404, error: 'not_found', message: 'case not found' };
    const step = REVIEW[action];
    if (!step.from.includes(current.status)) return { ok: false, status: 409, error: 'wrong_status', message: `a ${current.status} case cannot be ${action}ed` };
    // A case is published only when its anonymity was checked and, for a dilemma from a meeting, consent given.
    if (step.to === 'published' && current.anonymisation !== 'checked') return { ok: false, status: 422, error: 'anonymity_unchecked', message: 'check the case for names and identifying details first' };
    if (step.to === 'published' && (current.consent === 'asked' || current.consent === 'refused')) return { ok: false, status: 422, error: 'no_consent', message: 'the person whose dilemma it is has not agreed' };
    return { ok: true, value: await this.put({ ...current, status: step.to }) };
  }

  /** [LB-35] A dilemma worked on in a meeting becomes a draft case, once its owner has agreed. */
  async fromMeetingGroup(meetingId: string, groupId: string): Promise<LibraryOutcome<Case>> {
    const meeting = await this.store.getMeeting<MeetingState>(meetingId);
    if (!meeting) return { ok: false, status: 404, error: 'not_found', message: 'meeting not found' };
    const draft = caseDraftFromGroup(meeting.state, groupId, await this.all());
    if (!draft) return { ok: false, status: 404, error: 'not_found', message: 'no such group in this meeting' };
    return { ok: true, value: await this.submit(draft, 'draft') };
  }
}

/** Whether this participant is in the meeting (its snapshot), for a submission from their phone (the secret is checked apart). */
export async function meetingHasParticipant(store: Store, meetingId: string, participantId: string): Promise<boolean> {
  const meeting = await store.getMeeting<MeetingState>(meetingId);
  return meeting !== null && Object.hasOwn(meeting.state.participants, participantId);
}
