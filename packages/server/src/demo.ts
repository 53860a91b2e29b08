import type { Store } from '@goedwerk/store';
import type { ContentCatalog } from './content.ts';
import type { MeetingEngine } from './engine.ts';

export interface DemoLinks {
  readonly meetingId: string;
  readonly facilitatorToken: string;
  readonly screenToken: string;
}

/**
 * Loads the starter cases and the demo programmes with their meetings. Cases and programmes
 * are written again (content may have improved); a meeting that exists is left as it is.
 * Returns the secret links of the meetings it created, which exist nowhere else.
 */
export async function loadDemo(store: Store, engine: MeetingEngine, content: ContentCatalog): Promise<DemoLinks[]> {
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
  return created;
}

/** True when nothing has been stored yet: the first start on a new data folder. */
export async function isEmpty(store: Store): Promise<boolean> {
  const [programmes, cases] = await Promise.all([store.listProgrammes(), store.listCases()]);
  return programmes.length === 0 && cases.length === 0;
}
