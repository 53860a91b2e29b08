import { type AccountRole, isAccountRole } from '@goedwerk/core';
import type { AccountRecord, AuditEntry, Store } from '@goedwerk/store';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';
import { type AttemptGuard, JoinGuard } from './join-guard.ts';
import { hashToken, isTokenShaped, newToken } from './secrets.ts';

/** What a signed-in person may see of their own account. */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: AccountRole;
}

export interface AccountOptions {
  /** A session ends after this long without a request. */
  readonly idleMinutes: number;
  /** …and after this long in any case. */
  readonly absoluteHours: number;
  readonly inviteDays: number;
}

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = { idleMinutes: 30, absoluteHours: 12, inviteDays: 7 };
export const MIN_PASSWORD_LENGTH = 12;

export type LoginOutcome =
  | { readonly ok: true; readonly sessionId: string; readonly account: AccountView }
  /** The same for an unknown address, a wrong password and a disabled account. */
  | { readonly ok: false; readonly reason: 'invalid' | 'throttled' };

// OWASP's argon2id settings (19 MiB, 2 passes, 1 lane).
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function viewOf(account: AccountRecord): AccountView {
  return { id: account.id, email: account.email, displayName: account.displayName, role: isAccountRole(account.role) ? account.role : 'facilitator' };
}

/**
 * Staff accounts: argon2id passwords, invitations, and server-side sessions whose opaque id
 * lives in a cookie and only its hash in the database. Login is throttled per address: five
 * failures in fifteen minutes, with a growing delay before each answer.
 */
/** [AC-2] five failed logins per account in fifteen minutes, then a pause. */
export const LOGIN_LIMIT = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export class AccountService {
  private readonly guard: AttemptGuard;
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: AccountOptions = DEFAULT_ACCOUNT_OPTIONS,
    private readonly clock: () => Date = () => new Date(),
    private readonly delay: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    /** Where failed logins are counted: by default this process's memory; the app passes one all nodes share. */
    guard?: AttemptGuard,
  ) {
    this.guard = guard ?? new JoinGuard(LOGIN_LIMIT, LOGIN_WINDOW_MS, () => this.clock().getTime());
  }

  /** [AC-11] who did what, outside the meetings' own logs; never contribution text */
  async audit(actor: { id: string | null; role: string }, action: string, target: string | null = null): Promise<void> {
    await this.store.appendAudit({ id: randomBytes(12).toString('base64url'), at: this.clock().toISOString(), actorId: actor.id, actorRole: actor.role, action, target });
  }

  auditEntries(): Promise<AuditEntry[]> {
    return this.store.listAudit({ limit: 500 });
  }

  /** [AC-12] Everything kept about a person's own account (AVG art. 15 and 20), as data. */
  async exportOwnData(accountId: string): Promise<unknown> {
    const account = await this.store.getAccount(accountId);
    if (!account) return null;
    return {
      format: 'goedwerk-account-data',
      version: 1,
      exportedAt: this.clock().toISOString(),
      account: { id: account.id, email: account.email, displayName: account.displayName, role: account.role, createdAt: account.createdAt, disabledAt: account.disabledAt, hasPassword: account.passwordHash !== null },
      actions: (await this.store.listAudit({ actorId: accountId, limit: 10_000 })).map(({ at, action, target }) => ({ at, action, target })),
    };
  }

  /** [AC-12] Erasure on request: the account and its sessions go; the audit log keeps only its id. */
  erase(accountId: string): Promise<boolean> {
    return this.store.deleteAccount(accountId);
  }

  hashPassword(password: string): Promise<string> {
    return hash(password, ARGON2);
  }

  /** [AC-2] same answer, and about the same work, for an unknown address and a wrong password */
  async login(email: string, password: string): Promise<LoginOutcome> {
    const key = email.trim().toLowerCase();
    if (!(await this.guard.allows(key))) return { ok: false, reason: 'throttled' };
    const account = await this.store.findAccountByEmail(key);
    const stored = account?.passwordHash ?? (await (this.dummyHash ??= this.hashPassword(randomBytes(16).toString('hex'))));
    const matches = await verify(stored, password).catch(() => false);
    if (!account || !account.passwordHash || account.disabledAt || !matches) {
      const failures = await this.guard.fail(key);
      await this.delay(failures * 200);
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, sessionId: await this.startSession(account.id), account: viewOf(account) };
  }

  /** After single sign-on: a session for the active account with this e-mail address, if any. */
  async signInByEmail(email: string): Promise<{ sessionId: string; account: AccountView } | null> {
    const account = await this.store.findAccountByEmail(email.trim().toLowerCase());
    if (!account || account.disabledAt) return null;
    return { sessionId: await this.startSession(account.id), account: viewOf(account) };
  }

  private async startSession(accountId: string): Promise<string> {
    const sessionId = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.options.absoluteHours * 3_600_000).toISOString();
    await this.store.createSession({ idHash: hashToken(sessionId), accountId, expiresAt, lastSeenAt: now.toISOString() });
    return sessionId;
  }

  /** [AC-3] The account behind a session id, while the session is open, not idle too long and not expired. */
  async session(sessionId: string | undefined): Promise<AccountView | null> {
    if (!isTokenShaped(sessionId)) return null;
    const idHash = hashToken(sessionId);
    const session = await this.store.getSession(idHash);
    if (!session || session.revokedAt) return null;
    const now = this.clock();
    const idleSince = Date.parse(session.lastSeenAt) + this.options.idleMinutes * 60_000;
    if (now.getTime() >= Date.parse(session.expiresAt) || now.getTime() >= idleSince) {
      await this.store.revokeSessions({ idHash }, now.toISOString());
      return null;
    }
    const account = await this.store.getAccount(session.accountId);
    if (!account || account.disabledAt) return null;
    // Written at most once a minute, so a busy page does not write on every request.
    if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) await this.store.touchSession(idHash, now.toISOString());
    return viewOf(account);
  }

  async logout(sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.store.revokeSessions({ idHash: hashToken(sessionId) }, this.clock().toISOString());
  }

  /** An account without a password yet, and the token of its invitation link (shown once). */
  async invite(input: { email: string; displayName: string; role: AccountRole }): Promise<{ account: AccountView; inviteToken: string } | null> {
    const inviteToken = newToken();
    const id = randomBytes(12).toString('base64url');
    const inviteExpiresAt = new Date(this.clock().getTime() + this.options.inviteDays * 86_400_000).toISOString();
    const email = input.email.trim().toLowerCase();
    const created = await this.store.createAccount({ id, email, displayName: input.displayName.trim(), role: input.role, inviteTokenHash: hashToken(inviteToken), inviteExpiresAt });
    if (!created) return null;
    return { account: { id, email, displayName: input.displayName.trim(), role: input.role }, inviteToken };
  }

  /** Sets the password of an invited account and signs it in; null when the link is unknown or expired. */
  async acceptInvite(inviteToken: string, password: string): Promise<{ sessionId: string; account: AccountView } | null> {
    if (!isTokenShaped(inviteToken)) return null;
    const account = await this.store.findAccountByInvite(hashToken(inviteToken));
    if (!account || account.disabledAt || !account.inviteExpiresAt || Date.parse(account.inviteExpiresAt) <= this.clock().getTime()) return null;
    await this.store.updateAccount(account.id, { passwordHash: await this.hashPassword(password), inviteTokenHash: null, inviteExpiresAt: null });
    return { sessionId: await this.startSession(account.id), account: viewOf(account) };
  }

  /** The first admin, with a password: for the first run and the demo. Null when the address is taken. */
  async createAdmin(email: string, displayName: string, password: string): Promise<AccountView | null> {
    const invited = await this.invite({ email, displayName, role: 'admin' });
    if (!invited) return null;
    await this.store.updateAccount(invited.account.id, { passwordHash: await this.hashPassword(password), inviteTokenHash: null, inviteExpiresAt: null });
    return invited.account;
  }

  async disable(accountId: string): Promise<boolean> {
    const now = this.clock().toISOString();
    const done = await this.store.updateAccount(accountId, { disabledAt: now });
    if (done) await this.store.revokeSessions({ accountId }, now);
    return done;
  }

  endAllSessions(): Promise<number> {
    return this.store.revokeSessions('all', this.clock().toISOString());
  }

  async list(): Promise<(AccountView & { invited: boolean; disabled: boolean })[]> {
    return (await this.store.listAccounts()).map((a) => ({ ...viewOf(a), invited: a.passwordHash === null, disabled: a.disabledAt !== null }));
  }
}

/** A readable random password for a demo admin: 20 characters from an unambiguous alphabet. */
export function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
