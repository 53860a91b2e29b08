import type { Credential, LiveCommand } from '@goedwerk/core';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { type CommandOutcome, LiveSession, type SocketLike } from './session.ts';
import { browserStorage } from './storage.ts';

/** The live endpoint of the server that served this page. */
export function liveUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws`;
}

/**
 * A fresh ticket for one live connection (POST /api/live/ticket; it carries the staff session, if
 * any, so that signing out closes the connection). Rejects on any failure: the session then
 * counts the attempt as failed and tries again after its backoff.
 */
export async function fetchLiveTicket(): Promise<string> {
  const response = await fetch('/api/live/ticket', { method: 'POST', headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`live ticket refused: ${response.status}`);
  const body = (await response.json()) as { ticket?: unknown };
  if (typeof body.ticket !== 'string') throw new Error('live ticket missing');
  return body.ticket;
}

/** A change counter per session, so React can tell that the (mutable) session changed. */
const versions = new WeakMap<LiveSession, number>();

/**
 * One live connection for as long as the component is shown: started on mount, stopped on
 * unmount, and made again when `attempt` changes (to try once more after a refusal). The
 * component re-renders after every change of the session (state, connection, outbox).
 */
export function useLiveSession(meetingId: string, credential: Credential | null, outboxKey: string, attempt = 0): LiveSession | null {
  const [session, setSession] = useState<LiveSession | null>(null);
  const credentialKey = credential === null ? '' : JSON.stringify(credential);
  useEffect(() => {
    if (credential === null) return undefined;
    const created = new LiveSession({
      url: liveUrl(),
      ticket: fetchLiveTicket,
      meetingId,
      credential,
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      storage: browserStorage(),
      outboxKey,
    });
    versions.set(created, 0);
    created.subscribe(() => versions.set(created, (versions.get(created) ?? 0) + 1));
    setSession(created);
    created.start();
    return () => {
      created.stop();
      setSession((current) => (current === created ? null : current));
    };
    // The credential is compared by value (credentialKey).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [meetingId, credentialKey, outboxKey, attempt]);

  const subscribe = useCallback((onChange: () => void) => (session ? session.subscribe(onChange) : () => undefined), [session]);
  useSyncExternalStore(subscribe, () => (session ? (versions.get(session) ?? 0) : -1));
  return session;
}

/** A rejected command, to show its reason; `null` once the next command succeeds or it is dismissed. */
export interface Rejection {
  readonly code: string;
  readonly command: LiveCommand['type'];
}

/** Sends commands through a session and remembers the last refusal, to show it to the person who acted. */
export function useCommands(session: LiveSession | null) {
  const [rejection, setRejection] = useState<Rejection | null>(null);
  const run = useCallback(
    async (command: LiveCommand): Promise<CommandOutcome | null> => {
      if (!session) return null;
      const outcome = await session.send(command);
      setRejection(outcome.ok ? null : { code: outcome.code, command: command.type });
      return outcome;
    },
    [session],
  );
  return { run, rejection, dismiss: () => setRejection(null) };
}
