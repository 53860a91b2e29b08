import type { LogRecord, MeetingEvent } from '@goedwerk/core';
import type { Store } from '@goedwerk/store';

const PAGE = 5000;

/** A meeting's whole event log, read page by page. */
export async function readMeetingLog(store: Store, meetingId: string): Promise<LogRecord[]> {
  const log: LogRecord[] = [];
  for (let after = 0; ; ) {
    const batch = await store.eventsSince<MeetingEvent>(meetingId, after, PAGE);
    log.push(...batch);
    if (batch.length < PAGE) return log;
    after = batch.at(-1)?.seq ?? after;
  }
}
