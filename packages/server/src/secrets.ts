import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a link (facilitator console, presentation screen): 32 bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A random identifier for a new meeting. */
export function newMeetingId(): string {
  return randomBytes(12).toString('base64url');
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
