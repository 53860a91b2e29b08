import type { MeetingStatus, TextInLanguages } from '@goedwerk/core';
import type { AnonymityFinding, ReportDocument, ReportRole, SectionEdit } from '@goedwerk/report';

/** What `GET /api/meetings/:id/report` and every change answer: the report, who is asking, and its preview. */
export interface ReportView {
  readonly report: ReportDocument;
  readonly version: number;
  readonly role: ReportRole;
  readonly meeting: { readonly id: string; readonly status: MeetingStatus; readonly title: string | TextInLanguages };
  /** Passages that may identify someone (a participant's name, an e-mail address, a phone number). */
  readonly findings: readonly AnonymityFinding[];
  /** Why the exports are marked as a draft, or null once approved. */
  readonly draft: 'not_approved' | 'running' | null;
  /** The rendered <article> of the whole report; the renderer escapes every typed text. */
  readonly html: string;
}

export type WorkflowAction = 'submit' | 'return' | 'approve' | 'publish' | 'regenerate';

export const DOWNLOAD_FORMATS = ['pdf', 'docx', 'odt', 'html', 'md'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** Why a request about the report failed, in terms the page can translate. */
export type ReportFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'version_conflict'; readonly version?: number }
  | { readonly kind: 'wrong_status' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'meeting_not_over' }
  | { readonly kind: 'anonymity_findings'; readonly findings: readonly AnonymityFinding[] }
  | { readonly kind: 'invalid'; readonly message?: string }
  | { readonly kind: 'server'; readonly status: number };

export class ReportRequestError extends Error {
  constructor(readonly failure: ReportFailure) {
    super(failure.kind);
  }
}

type ErrorBody = { error?: unknown; message?: unknown; version?: unknown; findings?: unknown } | null;

function failureOf(status: number, body: ErrorBody): ReportFailure {
  const code = typeof body?.error === 'string' ? body.error : '';
  if (status === 401 || code === 'unauthorized') return { kind: 'unauthorized' };
  if (status === 404) return { kind: 'not-found' };
  switch (code) {
    case 'version_conflict':
      return typeof body?.version === 'number' ? { kind: 'version_conflict', version: body.version } : { kind: 'version_conflict' };
    case 'wrong_status':
      return { kind: 'wrong_status' };
    case 'forbidden':
      return { kind: 'forbidden' };
    case 'meeting_not_over':
      return { kind: 'meeting_not_over' };
    case 'anonymity_findings':
      return { kind: 'anonymity_findings', findings: Array.isArray(body?.findings) ? (body.findings as AnonymityFinding[]) : [] };
    case 'invalid':
      return typeof body?.message === 'string' ? { kind: 'invalid', message: body.message } : { kind: 'invalid' };
    default:
      return status === 403 ? { kind: 'forbidden' } : { kind: 'server', status };
  }
}

/**
 * The report's HTTP API for one meeting, with one of the meeting's secret links as the
 * Bearer token on every request. Responses are trusted to match the types (as in api.ts).
 */
export class ReportClient {
  private readonly base: string;

  constructor(
    readonly meetingId: string,
    private readonly token: string,
  ) {
    this.base = `/api/meetings/${encodeURIComponent(meetingId)}/report`;
  }

  private async request(path: string, init: { method?: string; body?: unknown; accept?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: init.accept ?? 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        signal: init.signal ?? null,
        cache: 'no-store',
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ReportRequestError({ kind: 'network' });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as ErrorBody;
      throw new ReportRequestError(failureOf(response.status, body));
    }
    return response;
  }

  private async json<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  load(signal?: AbortSignal): Promise<ReportView> {
    return this.json<ReportView>('', signal ? { signal } : {});
  }

  save(version: number, name: string, sections: readonly SectionEdit[]): Promise<ReportView> {
    return this.json<ReportView>('', { method: 'PUT', body: { version, name, sections } });
  }

  async preview(sections: readonly SectionEdit[], signal?: AbortSignal): Promise<string> {
    const { html } = await this.json<{ html: string }>('/preview', { method: 'POST', body: { sections }, ...(signal ? { signal } : {}) });
    return html;
  }

  act(version: number, name: string, action: WorkflowAction, extra: { note?: string; acknowledgeFindings?: boolean } = {}): Promise<ReportView> {
    return this.json<ReportView>('/actions', { method: 'POST', body: { version, name, action, ...extra } });
  }

  /** The report as a file, with the name the server gives it (Content-Disposition) or a sensible one. */
  async download(format: DownloadFormat): Promise<{ blob: Blob; filename: string }> {
    const response = await this.request(`.${format}`, { accept: '*/*' });
    const blob = await response.blob();
    const filename = filenameFrom(response.headers.get('content-disposition')) ?? `${this.meetingId}.${format}`;
    return { blob, filename };
  }
}

/** The file name of a Content-Disposition header (filename*=UTF-8'' first, then filename="…"). */
export function filenameFrom(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]+)"|filename\s*=\s*([^;\s]+)/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name.replace(/[/\\]/g, '_') : null;
}

/** Saves a blob through a temporary object URL and a download link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.className = 'gw-visually-hidden';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
