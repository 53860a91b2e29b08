import { type MeetingEvent, type MeetingState, purgeContributions } from '@goedwerk/core';
import {
  type AnonymityFinding,
  applyReportAction,
  buildReportModel,
  checkAnonymity,
  draftDocument,
  draftReason,
  type ReportAction,
  type ReportDocument,
  type ReportRole,
  renderHtml,
  renderHtmlBody,
  renderMarkdown,
  type SectionEdit,
} from '@goedwerk/report';
import type { Store, StoredMeeting } from '@goedwerk/store';
import type { ContentCatalog } from './content.ts';
import { readMeetingLog } from './meeting-log.ts';
import type { MeetingEngine } from './engine.ts';
import { asCase, asProgramme } from './read-model.ts';
import { tokenMatches } from './secrets.ts';

export const REPORT_FORMATS = ['md', 'html', 'pdf', 'docx', 'odt'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
};

/** Turns Markdown and HTML into the binary formats; the export package does it (Chromium, pandoc). */
export interface BinaryExporters {
  /** A4 unless the document's CSS names its page size (`preferCssPageSize`, for the A6 case cards). */
  pdf(html: string, options?: { readonly preferCssPageSize?: boolean }): Promise<Uint8Array>;
  docx(markdown: string, lang: 'nl' | 'en', title: string): Promise<Uint8Array>;
  odt(markdown: string, lang: 'nl' | 'en', title: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What the report page shows. */
export interface ReportView {
  readonly report: ReportDocument;
  /** 0 while the report is generated afresh and not stored yet. */
  readonly version: number;
  readonly role: ReportRole | null;
  readonly meeting: { readonly id: string; readonly status: MeetingState['status']; readonly title: string };
  readonly findings: readonly AnonymityFinding[];
  readonly draft: 'not_approved' | 'running' | null;
  readonly html: string;
}

export type ReportFailure =
  | { readonly status: 401 | 403 | 404; readonly error: string; readonly message: string }
  | { readonly status: 400 | 409 | 422; readonly error: string; readonly message: string; readonly version?: number; readonly findings?: readonly AnonymityFinding[] };

export type ReportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ReportFailure };

/** The events that hold what participants put in: deleted by the retention rule, the report stays. */
export const RAW_CONTRIBUTION_EVENTS = ['ContributionSubmitted', 'ReactionAdded', 'ReactionWithdrawn'] as const satisfies readonly MeetingEvent['type'][];
/** The display names people joined with go too; who took part stays as a pseudonymous id. */
const STRIPPED_FIELDS = [{ type: 'ParticipantJoined', field: 'displayName' }] as const satisfies readonly { type: MeetingEvent['type']; field: string }[];

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The report of a meeting: generating the draft, the workflow and the exports. Thin around the
 * pure report package: it reads the meeting and the library, checks who is asking, stores.
 */
export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly content: ContentCatalog,
    private readonly engine: MeetingEngine,
    private readonly exporters: BinaryExporters | null,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Which role a presented token gives for this meeting's report, if any. */
  async roleOf(meetingId: string, token: string | undefined): Promise<ReportRole | null> {
    if (!token) return null;
    const secrets = await this.store.getMeetingSecrets(meetingId);
    if (!secrets) return null;
    if (tokenMatches(token, secrets.editorTokenHash)) return 'editor';
    if (tokenMatches(token, secrets.rapporteurTokenHash)) return 'rapporteur';
    if (tokenMatches(token, secrets.facilitatorTokenHash)) return 'facilitator';
    return null;
  }

  private async generate(meeting: StoredMeeting<MeetingState>) {
    const { state } = meeting;
    const caseIds = new Set([...state.spec.caseIds, ...state.groups.flatMap((g) => (g.caseId ? [g.caseId] : []))]);
    const cases = (await Promise.all([...caseIds].map((id) => this.store.getCase(id)))).filter((c) => c !== null).map(asCase);
    const programmeData = state.spec.programmeId ? await this.store.getProgramme(state.spec.programmeId) : null;
    return buildReportModel({ state, cases, programme: programmeData ? asProgramme(programmeData) : null });
  }

  /** The stored report, or a draft generated afresh from the meeting as it is now. */
  async load(meetingId: string): Promise<{ meeting: StoredMeeting<MeetingState>; document: ReportDocument; version: number } | null> {
    const meeting = await this.store.getMeeting<MeetingState>(meetingId);
    if (!meeting) return null;
    const stored = await this.store.getReport<ReportDocument>(meetingId);
    if (stored) return { meeting, document: stored.document, version: stored.version };
    return { meeting, document: draftDocument(meetingId, await this.generate(meeting)), version: 0 };
  }

  /** Display names anyone joined with, also of those removed since: the anonymity check looks for them. */
  private async participantNames(meetingId: string): Promise<string[]> {
    const names = new Set<string>();
    for (const { event } of await readMeetingLog(this.store, meetingId)) if (event.type === 'ParticipantJoined' && event.displayName) names.add(event.displayName);
    return [...names];
  }

  private async view(meeting: StoredMeeting<MeetingState>, document: ReportDocument, version: number, role: ReportRole | null): Promise<ReportView> {
    const draft = draftReason(document, isRunning(meeting.state)) ?? null;
    return {
      report: document,
      version,
      role,
      meeting: { id: meeting.id, status: meeting.state.status, title: document.titleBlock.title },
      findings: role ? checkAnonymity(document, await this.participantNames(meeting.id)) : [],
      draft,
      html: renderHtmlBody(document, { draft }),
    };
  }

  async get(meetingId: string, token: string | undefined): Promise<ReportResult<ReportView>> {
    const loaded = await this.load(meetingId);
    if (!loaded) return notFound();
    const role = await this.roleOf(meetingId, token);
    if (!role) return unauthorized();
    return { ok: true, value: await this.view(loaded.meeting, loaded.document, loaded.version, role) };
  }

  /** The report of unsaved edits, for the live preview. */
  async preview(meetingId: string, token: string | undefined, sections: readonly SectionEdit[]): Promise<ReportResult<string>> {
    const loaded = await this.load(meetingId);
    if (!loaded) return notFound();
    if (!(await this.roleOf(meetingId, token))) return unauthorized();
    const before = new Map(loaded.document.sections.map((s) => [s.id, s]));
    const document: ReportDocument = { ...loaded.document, sections: sections.map((s) => ({ ...s, kind: before.get(s.id)?.kind ?? 'custom' })) };
    return { ok: true, value: renderHtmlBody(document, { draft: draftReason(document, isRunning(loaded.meeting.state)) ?? null }) };
  }

  /** Edits or moves the report along its workflow, on the version the caller saw. */
  async act(
    meetingId: string,
    token: string | undefined,
    request: { version: number; name: string; action: ReportAction['type']; sections?: readonly SectionEdit[]; note?: string; acknowledgeFindings?: boolean },
  ): Promise<ReportResult<ReportView>> {
    const loaded = await this.load(meetingId);
    if (!loaded) return notFound();
    const role = await this.roleOf(meetingId, token);
    if (!role) return unauthorized();
    if (request.version !== loaded.version) {
      return fail(409, 'version_conflict', 'someone else changed the report; reload it', { version: loaded.version });
    }
    const action: ReportAction =
      request.action === 'edit'
        ? { type: 'edit', sections: request.sections ?? [] }
        : request.action === 'regenerate'
          ? { type: 'regenerate', model: await this.generate(loaded.meeting) }
          : request.action === 'return'
            ? { type: 'return', ...(request.note ? { note: request.note } : {}) }
            : request.action === 'approve'
              ? { type: 'approve', acknowledgeFindings: request.acknowledgeFindings === true }
              : { type: request.action };
    const { state } = loaded.meeting;
    const now = this.clock().toISOString();
    const outcome = applyReportAction(loaded.document, action, {
      role,
      name: request.name,
      now,
      meetingOver: state.status === 'closed' || state.status === 'reported',
      participantNames: await this.participantNames(meetingId),
    });
    if (!outcome.ok) {
      const { error } = outcome;
      const status = error.code === 'forbidden' ? 403 : error.code === 'invalid' ? 400 : error.code === 'anonymity_findings' ? 422 : 409;
      return fail(status, error.code, error.detail, error.code === 'anonymity_findings' ? { findings: error.findings } : {});
    }
    const document = outcome.document;
    const saved = await this.store.saveReport(meetingId, document, { status: document.status, approvedAt: document.approvedAt }, loaded.version);
    if (!saved.ok) return fail(409, 'version_conflict', 'someone else changed the report; reload it', { version: saved.version });
    // Edits are in the report's own history; the audit log keeps the workflow's steps.
    if (action.type !== 'edit') {
      await this.store.appendAudit({ id: `report-${meetingId}-${saved.version}`, at: now, actorId: null, actorRole: role, action: `report.${action.type}`, target: meetingId });
    }
    if (document.status === 'published' && state.status === 'closed') {
      await this.engine.execute({ meetingId, commandId: `report-published-${meetingId}-${saved.version}`, command: { type: 'MarkReported' }, actor: { role: 'system' } });
    }
    const meeting = (await this.store.getMeeting<MeetingState>(meetingId)) ?? loaded.meeting;
    return { ok: true, value: await this.view(meeting, document, saved.version, role) };
  }

  /**
   * The report in one format. With a valid token at any moment (a draft is marked as one);
   * without a token only once it is published.
   */
  async export(meetingId: string, token: string | undefined, format: ReportFormat): Promise<ReportResult<{ body: string | Uint8Array; filename: string }>> {
    const loaded = await this.load(meetingId);
    if (!loaded) return notFound();
    const role = await this.roleOf(meetingId, token);
    if (!role && loaded.document.status !== 'published') return unauthorized();
    return { ok: true, value: { body: await this.render(loaded.document, format, isRunning(loaded.meeting.state)), filename: `verslag-${meetingId}.${format}` } };
  }

  async render(document: ReportDocument, format: ReportFormat, meetingRunning = false): Promise<string | Uint8Array> {
    const draft = draftReason(document, meetingRunning) ?? null;
    if (format === 'md') return renderMarkdown(document, { draft });
    if (format === 'html') return renderHtml(document, { draft });
    if (!this.exporters) throw new Error(`exporting ${format} is not available here`);
    if (format === 'pdf') return this.exporters.pdf(renderHtml(document, { draft }));
    const title = document.titleBlock.title;
    return format === 'docx' ? this.exporters.docx(renderMarkdown(document, { draft }), document.lang, title) : this.exporters.odt(renderMarkdown(document, { draft }), document.lang, title);
  }

  /**
   * [RT-1] Retention: once a report has been approved `days` days ago, the meeting's raw
   * contributions are deleted; the report, stored apart, stays. Returns the meetings purged.
   */
  async sweepRetention(days: number): Promise<string[]> {
    const before = new Date(this.clock().getTime() - days * DAY_MS).toISOString();
    const due = await this.store.reportsApprovedBefore(before);
    for (const meetingId of due) {
      const meeting = await this.store.getMeeting<MeetingState>(meetingId);
      if (!meeting) continue;
      await this.store.purgeEvents(meetingId, { deleteTypes: RAW_CONTRIBUTION_EVENTS, stripFields: STRIPPED_FIELDS }, purgeContributions(meeting.state));
      await this.store.appendAudit({ id: `retention-${meetingId}`, at: this.clock().toISOString(), actorId: null, actorRole: 'system', action: 'retention.purge', target: meetingId });
    }
    return due;
  }
}

function isRunning(state: MeetingState): boolean {
  return state.status === 'open' || state.status === 'running' || state.status === 'draft';
}

function fail(status: ReportFailure['status'], error: string, message: string, extra: Record<string, unknown> = {}): { ok: false; failure: ReportFailure } {
  return { ok: false, failure: { status, error, message, ...extra } as ReportFailure };
}
const notFound = () => fail(404, 'not_found', 'meeting not found');
const unauthorized = () => fail(401, 'unauthorized', 'this link does not give access to the report');
