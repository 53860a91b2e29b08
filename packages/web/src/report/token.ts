import { readJson, removeKey, writeJson } from '../live/storage.ts';

const SECRET = /^[A-Za-z0-9_-]{20,128}$/;
const tokenKey = (meetingId: string) => `goedwerk.report.${meetingId}`;
const NAME_KEY = 'goedwerk.report.name';

/**
 * The token of the secret link the report was opened with (`/report/…#token=…`): the console's,
 * a rapporteur's or an editor's. Taken from the address on arrival, kept per meeting, and removed
 * from the address bar (as the console does) so it does not stay in view or in the history.
 */
export function takeReportToken(meetingId: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    if (SECRET.test(fromHash)) writeJson(tokenKey(meetingId), fromHash);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  const stored = readJson<string>(tokenKey(meetingId));
  return typeof stored === 'string' && SECRET.test(stored) ? stored : null;
}

export function forgetReportToken(meetingId: string): void {
  removeKey(tokenKey(meetingId));
}

/** The name the writer or editor gave last time, for the history and the credits. */
export function loadReportName(): string {
  const name = readJson<string>(NAME_KEY);
  return typeof name === 'string' ? name : '';
}

export function saveReportName(name: string): void {
  if (name.trim()) writeJson(NAME_KEY, name.trim());
  else removeKey(NAME_KEY);
}
