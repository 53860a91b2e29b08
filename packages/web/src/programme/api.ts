import type { FollowUp, Programme } from '@goedwerk/core';
import { mayProgramme, type ProgrammeOperation } from '@goedwerk/core/programme-policy';
import type { AccountFailure, AccountRole } from '../account/api.ts';

/**
 * The programme's changes, as staff make them: a same-origin request with the session cookie
 * (the browser adds the Origin header the server's CSRF check wants), never cached.
 */

/** Why a change was refused; `taken` is a programme id that exists already. */
export type ProgrammeFailure = AccountFailure | { readonly kind: 'taken' };

export class ProgrammeRequestError extends Error {
  constructor(readonly failure: ProgrammeFailure) {
    super(failure.kind);
  }
}

export const programmeFailureOf = (error: unknown): ProgrammeFailure => (error instanceof ProgrammeRequestError ? error.failure : { kind: 'network' });

/** Who may do what, from the core's one policy table: used only to offer the forms, the server decides. */
export const mayDo = (role: AccountRole, operation: ProgrammeOperation): boolean => mayProgramme(role, operation);

function failureFrom(status: number, code: string): ProgrammeFailure {
  if (status === 409 || code === 'taken') return { kind: 'taken' };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'forbidden' };
  if (status === 404) return { kind: 'not-found' };
  if (status === 400) return { kind: 'invalid' };
  return { kind: 'server', status };
}

async function post<T>(path: string, body: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ProgrammeRequestError({ kind: 'network' });
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: unknown } | null;
    throw new ProgrammeRequestError(failureFrom(response.status, typeof answer?.error === 'string' ? answer.error : ''));
  }
  return (await response.json()) as T;
}

const base = (programmeId: string) => `/api/programmes/${encodeURIComponent(programmeId)}`;

/** [PG-16] A follow-up agreed in one of the programme's meetings. */
export async function addFollowUp(programmeId: string, input: { meetingId: string; text: string; ownerRole: string; reviewDate?: string }): Promise<FollowUp> {
  return (await post<{ followUp: FollowUp }>(`${base(programmeId)}/follow-ups`, input)).followUp;
}

/** Marks a follow-up done or open again; answers the programme's follow-ups as they are now. */
export async function setFollowUpStatus(programmeId: string, followUpId: string, status: 'open' | 'done'): Promise<FollowUp[]> {
  return (await post<{ followUps: FollowUp[] }>(`${base(programmeId)}/follow-ups/${encodeURIComponent(followUpId)}`, { status })).followUps;
}

/** [PG-17] The lesson themes a person confirms (the whole list: a theme left out is no longer confirmed). */
export async function confirmThemes(programmeId: string, themes: readonly string[]): Promise<readonly string[]> {
  return (await post<{ programme: Programme }>(`${base(programmeId)}/themes`, { themes })).programme.confirmedThemes ?? [];
}

export interface NewProgramme {
  readonly id: string;
  readonly title: string;
  readonly theme?: string;
  readonly description?: string;
  readonly organiser?: string;
  readonly supportedBy?: string;
  readonly place?: string;
}

/** [PG-15] A programme manager starts a programme. */
export async function createProgramme(input: NewProgramme): Promise<Programme> {
  return (await post<{ programme: Programme }>('/api/programmes', input)).programme;
}
