import { existsSync } from 'node:fs';
import type { Store } from '@goedwerk/store';
import type { ContentCatalog } from './content.ts';
import type { MeetingEngine } from './engine.ts';
import { join } from 'node:path';
import { HELD_MEETING_ID, loadHeldMeeting } from './held-meeting.ts';
import { ReportService } from './reports.ts';

export interface DemoLinks {
  readonly meetingId: string;
  readonly facilitatorToken: string;
  readonly screenToken: string;
  /** For a meeting that has a report: the rapporteur's and the editor's links. */
  readonly rapporteurToken?: string;
  readonly editorToken?: string;
}

/** Who wrote and edited the demo report: invented people, none of them a participant. */
export const DEMO_RAPPORTEUR = 'Jorien Kamphuis';
export const DEMO_EDITOR = 'Tom Brouwer';
const DEMO_CLOSING = {
  id: 'tot-slot',
  title: 'Tot slot',
  markdown:
    'De vijftien deelnemers waren betrokken en spraken vrijuit. Afgaande op hun reacties is deze eerste Goed Werk Hub voor ' +
    'leidinggevenden in het openbaar bestuur geslaagd; er komt een vervolg.',
  included: true,
};

/**
 * Loads the starter cases and the demo programmes with their meetings. Cases and programmes
 * are written again (content may have improved); a meeting that exists is left as it is.
 * Returns the secret links of the meetings it created, which exist nowhere else.
 */
export async function loadDemo(store: Store, engine: MeetingEngine, content: ContentCatalog, heldFile = join(content.dir, 'demo', `${HELD_MEETING_ID}.yaml`)): Promise<DemoLinks[]> {
  for (const item of content.cases) await store.putCase(item.id, item);
  const created: DemoLinks[] = [];
  for (const { programme, meetings } of content.programmes) {
    await store.putProgramme(programme.id, programme);
    for (const meeting of meetings) {
      if (await store.getMeeting(meeting.id)) continue;
      const method = content.methods.get(meeting.spec.methodId);
      if (!method) throw new Error(`demo meeting ${meeting.id} names unknown method ${meeting.spec.methodId}`);
      const spec = { ...meeting.spec, programmeId: programme.id };
      const { facilitatorToken, screenToken, outcome } = await engine.createMeeting(spec, method, meeting.id);
      if (outcome.kind === 'rejected') throw new Error(`demo meeting ${meeting.id}: ${outcome.error.detail}`);
      if (meeting.status === 'open') {
        const opened = await engine.execute({
          meetingId: meeting.id,
          commandId: `demo-open-${meeting.id}`,
          command: { type: 'OpenMeeting' },
          actor: { role: 'system' },
        });
        if (opened.kind === 'rejected') throw new Error(`demo meeting ${meeting.id}: ${opened.error.detail}`);
      }
      created.push({ meetingId: meeting.id, facilitatorToken, screenToken });
    }
  }
  const held = existsSync(heldFile) ? await loadHeldMeeting(store, content, heldFile) : null;
  if (held?.created) created.push(await reportHeldMeeting(held.meetingId, store, engine, content));
  return created;
}

/**
 * The demo meeting as held gets links and its report: written by the rapporteur (the generated
 * draft with a closing paragraph), approved and published by the editor, through the real workflow.
 */
async function reportHeldMeeting(meetingId: string, store: Store, engine: MeetingEngine, content: ContentCatalog): Promise<DemoLinks> {
  const links = await engine.renewLinks(meetingId);
  const reportLinks = await engine.renewReportLinks(meetingId);
  if (!links || !reportLinks) throw new Error(`demo meeting ${meetingId} was not stored`);
  const reports = new ReportService(store, content, engine, null);
  const loaded = await reports.load(meetingId);
  if (!loaded) throw new Error(`demo meeting ${meetingId} was not stored`);
  const sections = loaded.document.sections.map(({ id, title, markdown, included }) => ({ id, title, markdown, included }));
  const programmeAt = sections.findIndex((s) => s.id === 'programme');
  sections.splice(programmeAt < 0 ? sections.length : programmeAt, 0, DEMO_CLOSING);
  const steps = [
    { token: reportLinks.rapporteurToken, name: DEMO_RAPPORTEUR, action: 'edit' as const, sections },
    { token: reportLinks.rapporteurToken, name: DEMO_RAPPORTEUR, action: 'submit' as const },
    { token: reportLinks.editorToken, name: DEMO_EDITOR, action: 'approve' as const },
    { token: reportLinks.editorToken, name: DEMO_EDITOR, action: 'publish' as const },
  ];
  let version = loaded.version;
  for (const { token, ...request } of steps) {
    const result = await reports.act(meetingId, token, { version, ...request });
    if (!result.ok) throw new Error(`demo report of ${meetingId}: ${request.action} refused: ${result.failure.message}`);
    version = result.value.version;
  }
  return { meetingId, ...links, ...reportLinks };
}

/** True when nothing has been stored yet: the first start on a new data folder. */
export async function isEmpty(store: Store): Promise<boolean> {
  const [programmes, cases] = await Promise.all([store.listProgrammes(), store.listCases()]);
  return programmes.length === 0 && cases.length === 0;
}
