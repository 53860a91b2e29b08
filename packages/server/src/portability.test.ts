import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite, type Store } from '@goedwerk/store';
import { loadContent } from './content.ts';
import { loadDemo } from './demo.ts';
import { MeetingEngine } from './engine.ts';
import { exportProgramme, importProgramme } from './portability.ts';
import { TEST_CHECKPOINTS } from './test-harness.ts';

/** The demo programme's meetings: three as held and one open. */
const ALL_DEMO_MEETINGS = ['goed-werk-hub-2014', 'goed-werk-hub-2014-01-23', 'goed-werk-hub-2014-05', 'goed-werk-hub-2014-10'];

let source: Store;
let target: Store;
before(async () => {
  [source, target] = await Promise.all([openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS }), openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS })]);
});
after(async () => {
  await Promise.all([source.close(), target.close()]);
});

it('[EX-1] a programme exported from one database and imported into another is the same', async () => {
  const content = await loadContent();
  const engine = new MeetingEngine(source, new MemoryBus());
  await loadDemo(source, engine, content);
  await engine.execute({ meetingId: 'goed-werk-hub-2014-01-23', commandId: 'cmd-start-0001', command: { type: 'StartMeeting' }, actor: { role: 'facilitator' } });

  const doc = await exportProgramme(source, 'routekaart-goed-werk');
  assert.ok(doc);
  assert.deepEqual(doc.meetings.map((m) => m.id).sort(), ALL_DEMO_MEETINGS);
  assert.equal(doc.cases.length, 5);
  // Through JSON text, as the CLI writes and reads it.
  const summary = await importProgramme(target, JSON.parse(JSON.stringify(doc)));
  assert.deepEqual(summary.meetingsImported.sort(), ALL_DEMO_MEETINGS);
  assert.deepEqual(await target.getMeeting('goed-werk-hub-2014-01-23'), await source.getMeeting('goed-werk-hub-2014-01-23'));
  assert.deepEqual(await target.getMeeting('goed-werk-hub-2014'), await source.getMeeting('goed-werk-hub-2014'));
  assert.deepEqual(await target.getProgramme('routekaart-goed-werk'), await source.getProgramme('routekaart-goed-werk'));
  assert.equal((await target.listCases()).length, 5);

  const again = await importProgramme(target, doc);
  assert.deepEqual(again.meetingsSkipped.sort(), ALL_DEMO_MEETINGS, 'an existing meeting is never overwritten');
});

it('[EX-2] a tampered export is refused before anything is written', async () => {
  const doc = await exportProgramme(source, 'routekaart-goed-werk');
  assert.ok(doc);
  const fresh = await openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS });
  try {
    const gap = structuredClone(doc);
    gap.meetings[0]?.events.splice(1, 1);
    await assert.rejects(importProgramme(fresh, gap), /numbered/);
    const bad = structuredClone(doc);
    (bad.meetings[0]?.events[1] as { event: { type: string } }).event.type = 'EverythingDeleted';
    await assert.rejects(importProgramme(fresh, bad));
    await assert.rejects(importProgramme(fresh, { format: 'something-else' }));
    assert.equal(await fresh.getProgramme('routekaart-goed-werk'), null);
  } finally {
    await fresh.close();
  }
});
