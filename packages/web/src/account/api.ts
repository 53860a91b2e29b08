import { type AccountRole, mayAccount } from '@goedwerk/core/account-policy';

export type { AccountRole };

/** The signed-in person, as `/api/auth/session` and a login answer it. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: AccountRole;
}

/** One row of the admin's list (`GET /api/accounts`). */
export interface AccountEntry extends Account {
  /** Invited and no password set yet. */
  readonly invited: boolean;
  readonly disabled: boolean;
}

/** The roles in the order the invite form offers them (most asked for first; the same roles as ACCOUNT_ROLES of the core). */
export const ROLES: readonly AccountRole[] = ['facilitator', 'programme_manager', 'rapporteur', 'editor', 'admin'];

/**
 * Who may do what, from the server's one policy table (ACCOUNT_POLICY, a zod-free module of the
 * core). Used only to offer the right links: the server decides.
 */
export const mayPrepareMeetings = (role: AccountRole) => mayAccount(role, 'meeting.prepare');
export const mayManageAccounts = (role: AccountRole) => mayAccount(role, 'account.invite');

/** Why an account request failed, in terms the pages translate. */
export type AccountFailure =
  | { readonly kind: 'network' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'invalid_credentials' }
  | { readonly kind: 'too_many_attempts' }
  | { readonly kind: 'weak_password' }
  | { readonly kind: 'unknown_invitation' }
  | { readonly kind: 'email_taken' }
  | { readonly kind: 'own_account' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'server'; readonly status: number };

export class AccountRequestError extends Error {
  constructor(readonly failure: AccountFailure) {
    super(failure.kind);
  }
}

export const failureOf = (error: unknown): AccountFailure => (error instanceof AccountRequestError ? error.failure : { kind: 'network' });

const CODES = ['invalid_credentials', 'too_many_attempts', 'weak_password', 'unknown_invitation', 'email_taken', 'own_account'] as const;

function failureFrom(status: number, code: string): AccountFailure {
  const known = CODES.find((c) => c === code);
  if (known) return { kind: known };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403) return { kind: 'forbidden' };
  if (status === 404) return { kind: 'not-found' };
  if (status === 400) return { kind: 'invalid' };
  return { kind: 'server', status };
}

/**
 * A same-origin request with the session cookie (the browser sends it and the Origin header,
 * which the server's CSRF check wants on every POST). Never cached.
 */
async function request(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: init.signal ?? null,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AccountRequestError({ kind: 'network' });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    throw new AccountRequestError(failureFrom(response.status, typeof body?.error === 'string' ? body.error : ''));
  }
  return response;
}

async function json<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/** The signed-in account, or null when there is no (valid) session. */
export async function getSession(signal?: AbortSignal): Promise<Account | null> {
  try {
    return (await json<{ account: Account }>('/api/auth/session', signal ? { signal } : {})).account;
  } catch (error) {
    if (error instanceof AccountRequestError && error.failure.kind === 'unauthorized') return null;
    throw error;
  }
}

/** Whether this server offers single sign-on through the organisation's provider. */
export async function authOptions(signal?: AbortSignal): Promise<{ sso: boolean }> {
  return json<{ sso: boolean }>('/api/auth/options', signal ? { signal } : {});
}

export async function login(email: string, password: string): Promise<Account> {
  return (await json<{ account: Account }>('/api/auth/login', { method: 'POST', body: { email, password } })).account;
}

export async function logout(): Promise<void> {
  await request('/api/auth/logout', { method: 'POST' });
}

export async function acceptInvitation(token: string, password: string): Promise<Account> {
  return (await json<{ account: Account }>('/api/auth/invitations/accept', { method: 'POST', body: { token, password } })).account;
}

export async function listAccounts(signal?: AbortSignal): Promise<readonly AccountEntry[]> {
  return (await json<{ accounts: AccountEntry[] }>('/api/accounts', signal ? { signal } : {})).accounts;
}

/** Invites someone; the invitation's path (`/invitation#token=…`) comes back this once. */
export function inviteAccount(input: { email: string; displayName: string; role: AccountRole }): Promise<{ account: Account; invitePath: string }> {
  return json('/api/accounts', { method: 'POST', body: input });
}

export async function disableAccount(id: string): Promise<void> {
  await request(`/api/accounts/${encodeURIComponent(id)}/disable`, { method: 'POST' });
}

/** Ends every session, the caller's own too; answers how many were ended. */
export async function endAllSessions(): Promise<number> {
  return (await json<{ ended: number }>('/api/auth/sessions/end-all', { method: 'POST' })).ended;
}

export interface PreparedMeeting {
  readonly meetingId: string;
  /** `/console/<id>#token=…` and `/screen/<id>#token=…`: the secret links, shown this once. */
  readonly consolePath: string;
  readonly screenPath: string;
}

/** The meeting is held in `language` (Dutch when left out): its title is stored in it and the report follows it. */
export function prepareMeeting(input: { methodId: string; title: string; language?: 'nl' | 'en'; date?: string; location?: string; programmeId?: string }): Promise<PreparedMeeting> {
  return json('/api/meetings', { method: 'POST', body: input });
}
