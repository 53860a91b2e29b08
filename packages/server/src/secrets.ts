import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@goedwerk/core/constants';
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';


/** An 8-character join code: 31^8 ≈ 8.5 × 10^11 codes, and guessing is rate-limited. */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/**
 * A stable stand-in for a contribution id, so other participants cannot address the real one.
 * One-way is all it needs: the ids are long random strings made by the clients, so the alias
 * (keyed by the meeting, stable across restarts and renewed links) does not give them away.
 */
export function contributionAlias(meetingId: string, contributionId: string): string {
  return `c-${createHmac('sha256', meetingId).update(contributionId).digest('base64url').slice(0, 16)}`;
}

/** A random secret for a link (facilitator console, presentation screen): 32 bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A random identifier for a new meeting. */
export function newMeetingId(): string {
  return randomBytes(12).toString('base64url');
}

/** Whether a presented secret (link token, session id, invitation) has the shape ours have. */
export function isTokenShaped(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{20,64}$/.test(value);
}

/** Tokens are stored as SHA-256 hashes only; they are long and random, so no slow hash is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The bearer token of a secret link (console, rapporteur or editor) in an Authorization header, if well formed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,64})$/.exec(header) : null;
  return match?.[1];
}
