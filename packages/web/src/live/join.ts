import type { JoinResponse } from '@goedwerk/core';

export type JoinLookup =
  | { ok: true; meeting: JoinResponse }
  | { ok: false; reason: 'unknown' | 'throttled' | 'network' | 'server' };

/** Asks the server where a join code or a join link's token leads (POST /api/join). */
export async function lookUpJoin(body: { code: string } | { token: string }): Promise<JoinLookup> {
  let response: Response;
  try {
    response = await fetch('/api/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, reason: 'network' };
  }
  if (response.ok) return { ok: true, meeting: (await response.json()) as JoinResponse };
  if (response.status === 404 || response.status === 400) return { ok: false, reason: 'unknown' };
  if (response.status === 429) return { ok: false, reason: 'throttled' };
  return { ok: false, reason: 'server' };
}
