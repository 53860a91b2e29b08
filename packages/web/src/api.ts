import { useEffect, useState } from 'react';

/** What went wrong with a request, in terms the interface can translate. */
export type LoadFailure = { kind: 'not-found' } | { kind: 'network' } | { kind: 'server'; status: number; code?: string };

/** The state of one GET request: a tagged union, switched over exhaustively by the pages. */
export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'failed'; failure: LoadFailure }
  | { state: 'loaded'; data: T };

class HttpFailure extends Error {
  constructor(readonly failure: LoadFailure) {
    super(failure.kind);
  }
}

/** GETs JSON from the same-origin API. The server's { error, message } body is kept as a code only. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new HttpFailure({ kind: 'network' });
  }
  if (response.status === 404) throw new HttpFailure({ kind: 'not-found' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    const code = typeof body?.error === 'string' ? body.error : undefined;
    throw new HttpFailure(code === undefined ? { kind: 'server', status: response.status } : { kind: 'server', status: response.status, code });
  }
  return (await response.json()) as T;
}

/**
 * Loads `path` when it changes. `retry` loads it again. The response is trusted to match the
 * API types: the server validates what it sends, and parsing here would pull zod into the bundle.
 */
export function useApi<T>(path: string): [Loadable<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; value: Loadable<T> }>({ key: '', value: { state: 'loading' } });
  const key = `${path}#${attempt}`;

  useEffect(() => {
    const controller = new AbortController();
    getJson<T>(path, controller.signal).then(
      (data) => setResult({ key, value: { state: 'loaded', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure: LoadFailure = error instanceof HttpFailure ? error.failure : { kind: 'network' };
        setResult({ key, value: { state: 'failed', failure } });
      },
    );
    return () => controller.abort();
  }, [path, key]);

  // A result for an earlier path is never shown for the new one.
  const value: Loadable<T> = result.key === key ? result.value : { state: 'loading' };
  return [value, () => setAttempt((n) => n + 1)];
}
