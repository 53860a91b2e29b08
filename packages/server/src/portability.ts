import { caseIndex } from './case-library.ts';
import {
  type Case,
  MeetingEvent,
  type MeetingState,
  ProgrammeExport,
  type Programme,
  replay,
} from '@goedwerk/core';
import type { Store } from '@goedwerk/store';
import { z } from 'zod';

/** Everything of one programme as one JSON document: the programme, its meetings' logs and their cases. */
export async function exportProgramme(store: Store, programmeId: string, now = new Date()): Promise<ProgrammeExport | null> {
  const programme = (await store.getProgramme(programmeId)) as Programme | null;
  if (programme === null) return null;
  const meetings = await store.listMeetings<MeetingState>({ programmeId });
  const caseIds = new Set(meetings.flatMap((m) => m.state.spec.caseIds));
  const cases = (await store.listCases()).filter((c) => caseIds.has(c.id)).map((c) => c.data as Case);
  return {
    format: 'goedwerk-programme',
    version: 1,
    exportedAt: now.toISOString(),
    programme,
    cases,
    meetings: await Promise.all(
      meetings.map(async (m) => ({ id: m.id, events: await store.eventsSince(m.id, 0, Number.MAX_SAFE_INTEGER) })),
    ),
  };
}

const ImportedLog = z.array(z.object({ seq: z.number().int().min(1), event: MeetingEvent }));

export interface ImportSummary {
  readonly programmeId: string;
  readonly cases: number;
  readonly meetingsImported: string[];
  readonly meetingsSkipped: string[];
}

/**
 * Reads an export back: validated whole before anything is written. Meetings that exist
 * already are skipped, never overwritten; cases and the programme are written again.
 */
export async function importProgramme(store: Store, data: unknown): Promise<ImportSummary> {
  const doc = ProgrammeExport.parse(data);
  const logs = doc.meetings.map((m) => {
    const events = ImportedLog.parse(m.events);
    events.forEach((e, i) => {
      if (e.seq !== i + 1) throw new Error(`meeting ${m.id}: events must be numbered 1, 2, 3… (found ${e.seq} at ${i + 1})`);
    });
    if (events[0]?.event.type !== 'MeetingCreated' || events[0].event.meetingId !== m.id) {
      throw new Error(`meeting ${m.id}: the log must start with its MeetingCreated event`);
    }
    const state = replay(events.map((e) => e.event));
    if (state === null) throw new Error(`meeting ${m.id} has no events`);
    if (state.spec.programmeId !== doc.programme.id) throw new Error(`meeting ${m.id} belongs to another programme`);
    return { id: m.id, events, state };
  });
  await store.putProgramme(doc.programme.id, doc.programme);
  for (const item of doc.cases) await store.putCase(item.id, item, caseIndex(item));
  const imported: string[] = [];
  const skipped: string[] = [];
  for (const log of logs) {
    if (await store.getMeeting(log.id)) {
      skipped.push(log.id);
      continue;
    }
    const meta = { programmeId: doc.programme.id, status: log.state.status, date: log.state.spec.date ?? null };
    await store.importMeeting(log.id, log.events, log.state, meta);
    imported.push(log.id);
  }
  return { programmeId: doc.programme.id, cases: doc.cases.length, meetingsImported: imported, meetingsSkipped: skipped };
}
