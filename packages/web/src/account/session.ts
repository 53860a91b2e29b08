import { useEffect, useState, useSyncExternalStore } from 'react';
import { readJson, removeKey, writeJson } from '../live/storage.ts';
import { getSession, type Account } from './api.ts';

/**
 * Whether this browser is signed in, shared by the header and the account pages. The session
 * cookie is HttpOnly, so the page cannot see it; a hint in localStorage ("signed in here") saves
 * visitors who never signed in a request on every page, and tells the other tabs of the browser
 * when someone signs in or out. The server's answer always wins over the hint.
 */
export type SessionState =
  | { readonly state: 'unknown' }
  | { readonly state: 'signed-out' }
  | { readonly state: 'signed-in'; readonly account: Account }
  | { readonly state: 'failed' };

const HINT_KEY = 'goedwerk.account.signedIn';

let current: SessionState = { state: 'unknown' };
const listeners = new Set<() => void>();
let checking: Promise<void> | null = null;

function set(next: SessionState): void {
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => current);
}

export function signedIn(account: Account): void {
  writeJson(HINT_KEY, true);
  set({ state: 'signed-in', account });
}

export function signedOut(): void {
  removeKey(HINT_KEY);
  set({ state: 'signed-out' });
}

/** Asks the server who is signed in (one request at a time). */
export function checkSession(): Promise<void> {
  checking ??= getSession()
    .then(
      (account) => (account ? signedIn(account) : signedOut()),
      () => set({ state: 'failed' }),
    )
    .finally(() => {
      checking = null;
    });
  return checking;
}

/** For the header: asks the server only when this browser signed in before; follows the other tabs. */
export function useHeaderSession(): SessionState {
  const session = useSession();
  useEffect(() => {
    if (current.state === 'unknown') {
      if (readJson<boolean>(HINT_KEY) === true) void checkSession();
      else set({ state: 'signed-out' });
    }
    const follow = (event: StorageEvent) => {
      if (event.key !== HINT_KEY && event.key !== null) return;
      if (readJson<boolean>(HINT_KEY) === true) void checkSession();
      else if (current.state !== 'signed-out') set({ state: 'signed-out' });
    };
    window.addEventListener('storage', follow);
    return () => window.removeEventListener('storage', follow);
  }, []);
  return session;
}

/**
 * For a page that needs a session: asks the server on arrival (and on `retry`), and shows
 * 'unknown' until it has answered, so nobody sees a stale state.
 */
export function usePageSession(): [SessionState, () => void] {
  const session = useSession();
  const [attempt, setAttempt] = useState(0);
  const [checked, setChecked] = useState(-1);
  useEffect(() => {
    let live = true;
    void checkSession().then(() => {
      if (live) setChecked(attempt);
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  return [checked === attempt ? session : { state: 'unknown' }, () => setAttempt((n) => n + 1)];
}

/** A message for the login page after signing out (shown once, then forgotten). */
let farewell: { readonly kind: 'signed-out' } | { readonly kind: 'sessions-ended'; readonly count: number } | null = null;

export function leaveFarewell(message: NonNullable<typeof farewell>): void {
  farewell = message;
}

/** The message, if any (read in a state initializer, which StrictMode may run twice)… */
export function peekFarewell(): typeof farewell {
  return farewell;
}

/** …and forgotten once shown. */
export function forgetFarewell(): void {
  farewell = null;
}
