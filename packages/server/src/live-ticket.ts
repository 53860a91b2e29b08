import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * [AC-15] Short-lived tickets for the live socket (decision 14). A client asks for one with
 * `POST /api/live/ticket` — a POST, so the CSRF check applies — and opens `/ws?ticket=…` with it
 * within 30 seconds; each ticket opens one socket. The ticket is signed, not stored: any node with
 * the same key (GOEDWERK_SECRET) accepts it, and the only memory is the nonces already redeemed.
 *
 * Layout (base64url of the bytes): version (1) ‖ expiry in ms since 1970 (6, big-endian) ‖
 * nonce (16) ‖ SHA-256 hash of the caller's staff session (32, only when signed in) ‖
 * HMAC-SHA256 of everything before it (32).
 */

/** How long a ticket may wait before the socket is opened with it. */
export const TICKET_TTL_SECONDS = 30;

const VERSION = 1;
const NONCE_BYTES = 16;
const HASH_BYTES = 32;
const MAC_BYTES = 32;
const HEADER_BYTES = 1 + 6 + NONCE_BYTES;
const SHORT = HEADER_BYTES + MAC_BYTES;
const LONG = HEADER_BYTES + HASH_BYTES + MAC_BYTES;
/** Longer than any ticket this module makes (116 characters). */
const MAX_TICKET_CHARS = 160;
/** Remembered redeemed nonces at most: 30 s of 3,000 sockets a second. Beyond it tickets are refused. */
const DEFAULT_MAX_REMEMBERED = 100_000;
/** Separates this use of GOEDWERK_SECRET from any later one. */
const KEY_LABEL = 'goedwerk live ticket v1';

export type Redemption =
  | { readonly ok: true; readonly sessionHash: string | null }
  | { readonly ok: false; readonly reason: 'malformed' | 'forged' | 'expired' | 'reused' | 'busy' };

/**
 * The signing key: derived from the deployment's shared secret when there is one (so several
 * nodes accept each other's tickets), else 32 random bytes for this process only.
 */
export function ticketKey(secret: string | undefined): Buffer {
  return secret ? createHmac('sha256', secret).update(KEY_LABEL).digest() : randomBytes(32);
}

/** Issues and redeems live tickets with one key; remembers redeemed nonces until they expire. */
export class LiveTickets {
  /** Nonce (hex) → expiry in ms, in the order redeemed. */
  private readonly redeemed = new Map<string, number>();

  constructor(
    private readonly key: Buffer,
    private readonly maxRemembered = DEFAULT_MAX_REMEMBERED,
  ) {}

  /** A ticket valid for TICKET_TTL_SECONDS from `now`, bound to a staff session's hash (or to none). */
  issueTicket(sessionHash: string | null, now: Date): string {
    if (sessionHash !== null && !/^[0-9a-f]{64}$/.test(sessionHash)) throw new Error('a session hash is 64 hexadecimal characters');
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(VERSION, 0);
    header.writeUIntBE(now.getTime() + TICKET_TTL_SECONDS * 1000, 1, 6);
    randomBytes(NONCE_BYTES).copy(header, 7);
    const body = sessionHash === null ? header : Buffer.concat([header, Buffer.from(sessionHash, 'hex')]);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /**
   * Checks a presented ticket: its shape, its signature (in constant time), its expiry and that
   * this node has not redeemed it before; a good ticket is used up by this call.
   */
  redeemTicket(ticket: string, now: Date): Redemption {
    if (ticket.length > MAX_TICKET_CHARS || !/^[A-Za-z0-9_-]+$/.test(ticket)) return { ok: false, reason: 'malformed' };
    const bytes = Buffer.from(ticket, 'base64url');
    // Only the one spelling of the bytes: a ticket cannot be presented again in another form.
    if ((bytes.length !== SHORT && bytes.length !== LONG) || bytes.toString('base64url') !== ticket) return { ok: false, reason: 'malformed' };
    const body = bytes.subarray(0, bytes.length - MAC_BYTES);
    const presented = bytes.subarray(bytes.length - MAC_BYTES);
    if (!timingSafeEqual(presented, this.mac(body)) || body.readUInt8(0) !== VERSION) return { ok: false, reason: 'forged' };
    const expiresAt = body.readUIntBE(1, 6);
    const at = now.getTime();
    if (expiresAt <= at) return { ok: false, reason: 'expired' };
    const nonce = body.subarray(7, HEADER_BYTES).toString('hex');
    this.prune(at);
    if (this.redeemed.has(nonce)) return { ok: false, reason: 'reused' };
    // Full of unexpired nonces: refuse rather than forget one (forgetting would allow a replay).
    if (this.redeemed.size >= this.maxRemembered) return { ok: false, reason: 'busy' };
    this.redeemed.set(nonce, expiresAt);
    return { ok: true, sessionHash: body.length > HEADER_BYTES ? body.subarray(HEADER_BYTES).toString('hex') : null };
  }

  /** How many redeemed nonces are remembered now (for tests). */
  get remembered(): number {
    return this.redeemed.size;
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }

  /**
   * Forgets expired nonces. Redemption order is nearly expiry order, so dropping from the front
   * until an unexpired one is cheap; when the map is full, one full pass makes sure.
   */
  private prune(at: number): void {
    for (const [nonce, expiresAt] of this.redeemed) {
      if (expiresAt > at) break;
      this.redeemed.delete(nonce);
    }
    if (this.redeemed.size < this.maxRemembered) return;
    for (const [nonce, expiresAt] of this.redeemed) if (expiresAt <= at) this.redeemed.delete(nonce);
  }
}
