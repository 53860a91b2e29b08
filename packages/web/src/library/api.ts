import type { Case, CaseDraft, CaseListResponse } from '@goedwerk/core';
import { mayCase } from '@goedwerk/core/case-policy';
import { useEffect, useState } from 'react';
import type { AccountRole } from '../account/api.ts';

/*
 * The case library's requests from the browser: putting a case forward (staff, or a participant
 * from a meeting) and the reviewers' work. Reading the library goes through `useApi` (api.ts).
 */

/** Who may do what, from the one policy table of the core (zod-free). Used only to offer the right links: the server decides. */
export const maySubmitCases = (role: AccountRole) => mayCase(role, 'case.submit');
export const mayReviewCases = (role: AccountRole) => mayCase(role, 'case.review');
export const mayArchiveCases = (role: AccountRole) => mayCase(role, 'case.archive');
export const mayEditCases = (role: AccountRole) => mayCase(role, 'case.edit');

/** Why a case request failed, in terms the pages translate (the server's error codes, and the transport's). */
export type CaseFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not_found' }
  /** The server's schema refused a field; `field` is its path (`title.nl`, `prompts.0.nl`), or '' when unknown. */
  | { readonly kind: 'invalid_case'; readonly field: string }
  | { readonly kind: 'anonymity_unchecked' }
  | { readonly kind: 'no_consent' }
  | { readonly kind: 'wrong_status' }
  | { readonly kind: 'server'; readonly status: number };

export class CaseRequestError extends Error {
  constructor(readonly failure: CaseFailure) {
    super(failure.kind);
  }
}

export const caseFailureOf = (error: unknown): CaseFailure => (error instanceof CaseRequestError ? error.failure : { kind: 'network' });

function failureFrom(status: number, body: { error?: unknown; message?: unknown } | null): CaseFailure {
  const code = typeof body?.error === 'string' ? body.error : '';
  switch (code) {
    case 'anonymity_unchecked':
    case 'no_consent':
    case 'wrong_status':
      return { kind: code };
    case 'invalid_case': {
      // "title.nl: Too small…": the part before the colon names the field.
      const message = typeof body?.message === 'string' ? body.message : '';
      const colon = message.indexOf(':');
      return { kind: 'invalid_case', field: colon > 0 ? message.slice(0, colon) : '' };
    }
  }
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'forbidden' };
  if (status === 404) return { kind: 'not_found' };
  if (status === 400) return { kind: 'invalid_case', field: '' };
  return { kind: 'server', status };
}

/** A same-origin request with the session cookie (and the Origin header the server's CSRF check wants). Never cached. */
async function request<T>(path: string, method: 'GET' | 'POST' | 'PUT', body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new CaseRequestError({ kind: 'network' });
  }
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
    throw new CaseRequestError(failureFrom(response.status, parsed));
  }
  return (await response.json()) as T;
}

/** A signed-in staff member puts a case forward; it waits for review. */
export async function submitCase(draft: CaseDraft): Promise<Case> {
  return (await request<{ case: Case }>('/api/cases', 'POST', draft)).case;
}

/** A participant puts a case forward from a meeting, proven by the secret this browser holds for it. */
export async function submitCaseFromMeeting(meetingId: string, participant: { participantId: string; secret: string }, draft: CaseDraft): Promise<void> {
  await request(`/api/meetings/${encodeURIComponent(meetingId)}/cases`, 'POST', { ...participant, case: draft });
}

/** The cases waiting for review (drafts and submitted cases), for a reviewer. */
export async function casesToReview(signal?: AbortSignal): Promise<CaseListResponse> {
  return request<CaseListResponse>('/api/cases?scope=review', 'GET', undefined, signal);
}

/** A case's fields as a draft to send back: everything but its id and status, which are the server's. */
export function draftOf(item: Case): CaseDraft {
  const { id: _id, status: _status, ...fields } = item;
  return fields;
}

/** Stores a reviewer's change to a case (its status stays). */
export async function editCase(id: string, draft: CaseDraft): Promise<Case> {
  return (await request<{ case: Case }>(`/api/cases/${encodeURIComponent(id)}`, 'PUT', draft)).case;
}

export type ReviewAction = 'publish' | 'return' | 'archive' | 'restore';

export async function reviewCase(id: string, action: ReviewAction): Promise<Case> {
  return (await request<{ case: Case }>(`/api/cases/${encodeURIComponent(id)}/review`, 'POST', { action })).case;
}

/** How many cases wait for review, for a reviewer's link; null while unknown or when it could not be asked. */
export function useReviewCount(enabled: boolean): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) {
      setCount(null);
      return undefined;
    }
    const controller = new AbortController();
    casesToReview(controller.signal).then(
      (data) => setCount(data.cases.length),
      () => undefined,
    );
    return () => controller.abort();
  }, [enabled]);
  return count;
}

/** Words typed as a list ("Goed werk, loyaliteit") as the slugs the library filters on ("goed-werk", "loyaliteit"). */
export function slugsOf(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((word) =>
      word
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80)
        .replace(/-+$/g, ''),
    )
    .filter((slug) => slug !== '');
}
