/**
 * What the browser keeps per meeting in localStorage: the secret links' tokens, the
 * participant's pseudonymous identity and their own answers. Storage can be blocked (private
 * mode, strict settings); then everything still works for this visit, it is just not kept.
 */

export function readJson<T>(key: string): T | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not kept, but the page keeps working.
  }
}

export function removeKey(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** localStorage, or an in-memory stand-in when it is blocked (the session's outbox needs one). */
export function browserStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const probe = '__goedwerk_probe__';
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    const map = new Map<string, string>();
    return {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
  }
}

/** `bytes` random bytes as URL-safe base64 without padding (4 characters per 3 bytes). */
export function randomId(bytes: number): string {
  const data = new Uint8Array(bytes);
  crypto.getRandomValues(data);
  let binary = '';
  for (const b of data) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh id for a contribution (22 characters). */
export const newContributionId = () => randomId(16);

const SECRET = /^[A-Za-z0-9_-]{20,128}$/;

/**
 * The token of a secret link (`/console/…#token=…`, `/screen/…#token=…`): taken from the address
 * on the first visit, kept per meeting, and removed from the address bar so it does not stay in
 * view, in the history or on a shared screenshot.
 */
export function takeLinkToken(meetingId: string, kind: 'facilitator' | 'screen'): string | null {
  const key = `goedwerk.${kind}.${meetingId}`;
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    if (SECRET.test(fromHash)) writeJson(key, fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  const stored = readJson<string>(key);
  return typeof stored === 'string' && SECRET.test(stored) ? stored : null;
}

export function forgetLinkToken(meetingId: string, kind: 'facilitator' | 'screen'): void {
  removeKey(`goedwerk.${kind}.${meetingId}`);
}

/** A participant's pseudonymous identity in one meeting, made by this browser. */
export interface ParticipantIdentity {
  readonly participantId: string;
  readonly secret: string;
  /** From the join page; a returning participant is admitted without it. */
  readonly joinCode?: string;
  /** Set once the meeting has them as a participant. */
  readonly joined?: boolean;
  /** Set when the facilitator removed them. */
  readonly removed?: boolean;
}

const identityKey = (meetingId: string) => `goedwerk.participant.${meetingId}`;

export function loadIdentity(meetingId: string): ParticipantIdentity | null {
  const found = readJson<ParticipantIdentity>(identityKey(meetingId));
  return found && typeof found.participantId === 'string' && typeof found.secret === 'string' ? found : null;
}

export function saveIdentity(meetingId: string, identity: ParticipantIdentity): void {
  writeJson(identityKey(meetingId), identity);
}

/** The identity for a meeting the visitor just found by code or link: the existing one, or a new one. */
export function identityForJoin(meetingId: string, joinCode: string): ParticipantIdentity {
  const existing = loadIdentity(meetingId);
  const identity: ParticipantIdentity = existing
    ? { ...existing, joinCode }
    : { participantId: randomId(18), secret: randomId(32), joinCode };
  saveIdentity(meetingId, identity);
  return identity;
}
