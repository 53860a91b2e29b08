import { caseIndex } from './case-library.ts';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '@goedwerk/store';
import type { ContentCatalog } from './content.ts';
import type { MeetingEngine } from './engine.ts';
import { HELD_MEETING_ID, heldMeetingFiles, loadHeldMeetings } from './held-meeting.ts';
import { ReportService } from './reports.ts';

export interface DemoLinks {
  readonly meetingId: string;
  readonly facilitatorToken: string;
  readonly screenToken: string;
  /** For a meeting that has a report: the rapporteur's and the editor's links. */
  readonly rapporteurToken?: string;
  readonly editorToken?: string;
}

/** Who wrote and edited the demo reports: invented people, none of them a participant. */
export const DEMO_RAPPORTEUR = 'Jorien Kamphuis';
export const DEMO_EDITOR = 'Tom Brouwer';

/** The rapporteur's closing paragraph of each demo report, by meeting id. */
const DEMO_CLOSINGS: Readonly<Record<string, string>> = {
  [HELD_MEETING_ID]:
    'De vijftien deelnemers waren betrokken en spraken vrijuit. Afgaande op hun reacties is deze eerste Goed Werk Hub voor ' +
    'leidinggevenden in het openbaar bestuur geslaagd; er komt een vervolg.',
  'goed-werk-hub-2014-05':
    'Voor het eerst zaten teamleiders en beleidsadviseurs samen aan tafel, en dat bleek een vruchtbare combinatie: wat de een ' +
    'als loyaliteit ziet, ervaart de ander soms als een dichte deur. De zestien deelnemers waardeerden de openheid, maar ' +
    'hadden graag meer tijd gehad voor de dilemma\'s. Die tijd krijgt de volgende bijeenkomst.',
  'goed-werk-hub-2014-10':
    'In deze derde Goed Werk Hub kwam de uitvoering zelf aan het woord. De veertien deelnemers lieten zien hoeveel beroepseer ' +
    'er zit in werk dat van buiten vaak onzichtbaar blijft, en hoe dun de lijn is tussen regels volgen en mensen recht doen. ' +
    'Zij gaven de bijeenkomst de hoogste waardering tot nu toe en willen hun eigen leidinggevenden bij een volgende keer betrekken.',
};

/** The closing paragraph of a demo report: the meeting's own, or a plain one. */
function demoClosing(meetingId: string) {
  const markdown = DEMO_CLOSINGS[meetingId] ?? 'De deelnemers waren betrokken en spraken vrijuit; er komt een vervolg.';
  return { id: 'tot-slot', title: 'Tot slot', markdown, included: true };
}

/**
 * The held-meeting scripts to load: every `*.yaml` in a folder, or one file, or the files given.
 * A path that does not exist gives none (a demo without meetings as held).
 */
async function heldScripts(held: string | readonly string[]): Promise<readonly string[]> {
  if (typeof held !== 'string') return held;
  if (!existsSync(held)) return [];
  return statSync(held).isDirectory() ? heldMeetingFiles(held) : [held];
}

/**
 * Loads the starter cases and the demo programmes with their meetings, then the meetings as held
 * (`held`: by default every script in the content's `demo/` folder). Cases and programmes are
 * written again (content may have improved); a meeting that exists is left as it is.
 * Returns the secret links of the meetings it created, which exist nowhere else.
 */
export async function loadDemo(
  store: Store,
  engine: MeetingEngine,
  content: ContentCatalog,
  held: string | readonly string[] = join(content.dir, 'demo'),
): Promise<DemoLinks[]> {
  for (const item of content.cases) await store.putCase(item.id, item, caseIndex(item));
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
  // [HM-10] every meeting as held in content/demo, each with its report written, approved and published
  for (const loaded of await loadHeldMeetings(store, content, await heldScripts(held))) {
    if (loaded.created) created.push(await reportHeldMeeting(loaded.meetingId, store, engine, content));
  }
  return created;
}

/**
 * A demo meeting as held gets links and its report: written by the rapporteur (the generated
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
  sections.splice(programmeAt < 0 ? sections.length : programmeAt, 0, demoClosing(meetingId));
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
