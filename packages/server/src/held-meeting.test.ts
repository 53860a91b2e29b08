import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import {
  agendaSteps,
  evolve,
  type MeetingEvent,
  type MeetingState,
  type MethodTemplate,
  opinionShift,
  replay,
  scaleSummary,
  stepRuntime,
  tally,
} from '@goedwerk/core';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite } from '@goedwerk/store';
import { TEST_CHECKPOINTS } from './test-harness.ts';
import { parse as parseYaml } from 'yaml';
import { buildReportModel, checkAnonymity, draftDocument, type ReportDocument, renderMarkdown } from '@goedwerk/report';
import { type ContentCatalog, loadContent } from './content.ts';
import { loadDemo } from './demo.ts';
import { MeetingEngine } from './engine.ts';
import {
  HELD_MEETING_FILE,
  HELD_MEETING_ID,
  HeldMeetingCommandError,
  heldMeetingFiles,
  heldMeetingLog,
  heldMeetingStart,
  loadHeldMeeting,
} from './held-meeting.ts';

/** The meeting of 23 January 2014 as held, run from its script (docs/spec/held-meeting.md). */
describe('the meeting as held', () => {
  let content: ContentCatalog;
  let method: MethodTemplate;
  let script: unknown;
  let events: MeetingEvent[];
  let state: MeetingState;

  const names = () => (script as { participants: { name: string }[] }).participants.map((p) => p.name);
  const contributionsOf = (stepId: string) => Object.values(stepRuntime(state, stepId).contributions);
  const steps = () => agendaSteps(state.agenda).map((s) => s.step);

  before(async () => {
    content = await loadContent();
    const found = content.methods.get('goed-werk-hub');
    assert.ok(found);
    method = found;
    script = parseYaml(await readFile(HELD_MEETING_FILE, 'utf8'));
    ({ events, state } = heldMeetingLog(script, method));
    console.log(`FIGURE held_meeting_events=${events.length}`);
  });

  it('[HM-1] the script runs to a closed meeting with the programme meeting\'s spec and 15 participants', () => {
    assert.equal(state.id, HELD_MEETING_ID);
    assert.equal(state.status, 'closed');
    assert.deepEqual(replay(events), state);
    const programme = content.programmes.find((p) => p.programme.id === 'routekaart-goed-werk');
    const prepared = programme?.meetings.find((m) => m.id === 'goed-werk-hub-2014-01-23');
    assert.ok(prepared);
    assert.deepEqual(state.spec, { ...prepared.spec, programmeId: 'routekaart-goed-werk' });
    assert.deepEqual(state.spec.caseIds, ['rapport-in-de-la', 'groen-licht-of-niet', 'kinderbijslag-stroomlijnen', 'de-baas-aanspreken', 'omgaan-met-voorkennis']);
    assert.equal(state.method.id, 'goed-werk-hub');
    const participants = Object.values(state.participants);
    assert.equal(participants.length, 15);
    assert.ok(participants.every((p) => p.displayName !== undefined && p.displayName.length > 0));
    assert.equal(new Set(participants.map((p) => p.displayName)).size, 15);
    assert.equal(state.locked, true);
  });

  it('[HM-2] five groups of three, each with its case in order I–V, a scribe and a dilemma', () => {
    assert.equal(state.groups.length, 5);
    assert.deepEqual(state.groups.map((g) => g.caseId), state.spec.caseIds);
    for (const g of state.groups) {
      assert.equal(g.memberIds.length, 3, g.id);
      assert.ok(g.scribeId !== undefined && g.memberIds.includes(g.scribeId), `${g.id} has a scribe among its members`);
      assert.ok(g.dilemma && g.dilemma.hornA.length > 0 && g.dilemma.hornB.length > 0, `${g.id} has a dilemma`);
    }
    assert.equal(new Set(state.groups.flatMap((g) => g.memberIds)).size, 15, 'everyone is in one group');
    const formedAt = events.findIndex((e) => e.type === 'GroupsFormed');
    const firstGroupStep = steps().find((s) => s.scope === 'group')?.id;
    const activated = events.findIndex((e) => e.type === 'StepActivated' && e.stepId === firstGroupStep);
    assert.ok(activated >= 0 && formedAt === activated + 1, 'groups are formed as group work begins');
  });

  it('[HM-3] every input step has contributions, made while the step was current and open, notes following their template', () => {
    for (const step of steps()) {
      if (step.primitive === 'info') continue;
      assert.ok(contributionsOf(step.id).length > 0, `${step.id} has contributions`);
      assert.equal(stepRuntime(state, step.id).inputOpen, false, `${step.id} is closed for input`);
    }
    // Each contribution lands while its step is current and open.
    let before: MeetingState | null = null;
    for (const event of events) {
      if (event.type === 'ContributionSubmitted') {
        assert.ok(before);
        assert.equal(before.currentStepId, event.stepId);
        assert.equal(stepRuntime(before, event.stepId).inputOpen, true, `${event.stepId} was open`);
      }
      before = evolve(before, event);
    }
    // Group work: one note or grid per group, every member chooses before and after.
    for (const step of steps()) {
      if (step.scope !== 'group' || step.primitive === 'info') continue;
      const byGroup = new Map<string, number>();
      for (const c of contributionsOf(step.id)) byGroup.set(c.groupId ?? '', (byGroup.get(c.groupId ?? '') ?? 0) + 1);
      const expected = step.primitive === 'choice' ? 3 : 1;
      assert.deepEqual([...byGroup.keys()].sort(), state.groups.map((g) => g.id).sort(), `${step.id}: every group`);
      assert.ok([...byGroup.values()].every((n) => n === expected), `${step.id}: ${expected} per group`);
    }
    const shift = opinionShift(state, 'keuze-achteraf');
    assert.ok(shift?.shown);
    assert.equal(shift.value.pairs, 15);
    assert.ok(shift.value.changed > 0 && shift.value.changed < 15, `some opinions shift (${shift.value.changed})`);
    // Notes follow their step's template: each labelled line starts a line of the note.
    for (const step of steps()) {
      if (step.primitive !== 'note' || !step.template) continue;
      const labels = step.template.nl.split('\n').filter((l) => l.includes('…')).map((l) => l.slice(0, l.indexOf('…')).trim());
      assert.ok(labels.length > 0);
      for (const c of contributionsOf(step.id)) {
        assert.ok(c.payload?.kind === 'note');
        const lines = c.payload.text.split('\n');
        for (const label of labels) assert.ok(lines.some((l) => l.startsWith(`${label} `)), `${step.id}: a line starts with "${label}"`);
      }
    }
    const toets = contributionsOf('toets-en-terugblik').map((c) => (c.payload?.kind === 'note' ? c.payload.text : ''));
    assert.equal(toets.length, 5);
  });

  it('[HM-4] three lessons in the seed\'s order, with sources; questions, lessons and appreciation clustered', () => {
    assert.equal(state.lessons.length, 3);
    const [first, second, third] = state.lessons;
    assert.match(first?.title ?? '', /niet alles zelf/i);
    assert.match(second?.title ?? '', /top/i);
    assert.match(third?.title ?? '', /uit de inhoud/i);
    assert.match(third?.title ?? '', /emoties/i);
    const lessonCards = new Set(contributionsOf('lessen').map((c) => c.id));
    for (const lesson of state.lessons) {
      assert.equal(lesson.stepId, 'lessen');
      assert.ok(lesson.text.length > 80, `${lesson.id} has a text`);
      assert.ok(lesson.sourceIds.length > 0 && lesson.sourceIds.every((id) => lessonCards.has(id)), `${lesson.id} cites lesson cards`);
    }
    const questions = contributionsOf('praktijkvragen').map((c) => (c.payload?.kind === 'card' ? c.payload.text.toLowerCase() : ''));
    for (const topic of ['klagen', 'zelf', 'cynisme', 'weerstand', 'reorganisatie', 'ziekteverzuim', 'voorbeeld']) {
      assert.ok(questions.some((q) => q.includes(topic)), `a practice question about ${topic}`);
    }
    for (const stepId of ['praktijkvragen', 'lessen', 'waardering-en-feedback']) {
      const runtime = stepRuntime(state, stepId);
      assert.ok(runtime.clusters.length >= 2, `${stepId} is clustered`);
      assert.ok(Object.keys(runtime.reactions).length > 0, `${stepId} has reactions`);
    }
    const fields = new Set(contributionsOf('waardering-en-feedback').map((c) => (c.payload?.kind === 'card' ? c.payload.fieldId : undefined)));
    assert.deepEqual([...fields].sort(), ['eerlijke-feedback', 'waardering']);
  });

  it('[HM-5] the same script gives an identical log, on an afternoon clock', () => {
    const again = heldMeetingLog(structuredClone(script), method);
    assert.deepEqual(again.events, events);
    assert.equal(JSON.stringify(again.events), JSON.stringify(events));
    assert.equal(events[0]?.at, '2014-01-23T12:30:00.000Z', '13:30 in Utrecht');
    // Every command of this script gives one event, each at least a second after the one before.
    const times = events.map((e) => Date.parse(e.at));
    for (let i = 1; i < times.length; i++) assert.ok((times[i] ?? 0) - (times[i - 1] ?? 0) >= 1000, `event ${i + 1} is a second later at least`);
    assert.ok((times.at(-1) ?? 0) < Date.parse('2014-01-23T17:00:00.000Z'), 'closed before 18:00');
    assert.equal(events.at(-1)?.type, 'MeetingClosed');
    // Each step's commands fall within its time box.
    const boxes = new Map(steps().map((s) => [s.id, (s.timeboxMinutes ?? 5) * 60_000]));
    let current: { id: string; from: number } | null = null;
    for (const e of events) {
      if (e.type === 'MeetingStarted' || e.type === 'StepActivated') current = { id: e.stepId, from: Date.parse(e.at) };
      else if (current && e.type !== 'MeetingClosed') assert.ok(Date.parse(e.at) - current.from < (boxes.get(current.id) ?? 0), `${e.type} within ${current.id}`);
    }
    assert.match(state.joinCode ?? '', /^[A-HJKMNP-Z2-9]{8}$/);
  });

  it('[HM-6] anonymous steps carry no author, and no name reaches contributions or the report', () => {
    const anonymous = new Set(steps().filter((s) => s.visibility === 'anonymous').map((s) => s.id));
    for (const e of events) {
      if (e.type === 'ContributionSubmitted' && anonymous.has(e.stepId)) assert.equal(e.authorId, undefined, `${e.stepId} stores no author`);
    }
    for (const stepId of anonymous) for (const c of contributionsOf(stepId)) assert.equal(c.authorId, undefined);
    const ids = Object.keys(state.participants);
    for (const e of events) {
      if (e.type === 'ContributionSubmitted') assert.ok(ids.every((id) => !e.contributionId.includes(id)), 'a contribution id names nobody');
    }
    const namesUsed = names();
    for (const e of events) {
      if (e.type === 'ParticipantJoined') continue;
      const text = JSON.stringify(e);
      for (const name of namesUsed) assert.ok(!text.includes(name), `${e.type} does not contain ${name}`);
      // Not even the surname alone, in a contribution.
      if (e.type === 'ContributionSubmitted') {
        for (const name of namesUsed) assert.ok(!text.includes(name.split(' ').at(-1) ?? name), `${e.type} does not contain ${name}`);
      }
    }
    // The generated report: the finished meeting with its lessons, and nobody named in it.
    const programme = content.programmes.find((p) => p.programme.id === state.spec.programmeId)?.programme ?? null;
    for (const lang of ['nl', 'en'] as const) {
      const doc = draftDocument(state.id, buildReportModel({ state, cases: content.cases, programme }, lang));
      const report = renderMarkdown(doc);
      assert.match(report, /Goed Werk Hub, Utrecht/);
      for (const lesson of state.lessons) assert.ok(report.includes(lesson.title), `the ${lang} report has lesson ${lesson.id}`);
      for (const name of namesUsed) assert.ok(!report.includes(name), `the ${lang} report does not name ${name}`);
      assert.deepEqual(checkAnonymity(doc, namesUsed), [], `the ${lang} report passes the anonymity check`);
    }
    // Paired choices share one id per participant: fifteen pairs, without an author.
    const beforeIds = new Set(contributionsOf('keuze-vooraf').map((c) => c.id));
    assert.ok(contributionsOf('keuze-achteraf').every((c) => beforeIds.has(c.id)));
  });

  it('[HM-7] fifteen evaluations with an average mark, interest in a follow-up and agreements', () => {
    const scale = steps().find((s) => s.id === 'evaluatie-schalen');
    assert.ok(scale?.primitive === 'scale');
    const summary = scaleSummary(state, 'evaluatie-schalen');
    assert.ok(summary.shown);
    assert.equal(summary.total, 15);
    for (const item of scale.items) assert.equal(summary.value[item.id]?.n, 15, `${item.id} answered by all`);
    const mark = summary.value['rapportcijfer']?.mean ?? 0;
    console.log(`FIGURE held_meeting_average_mark=${mark.toFixed(2)}`);
    assert.ok(mark >= 7 && mark <= 9, `average mark ${mark}`);
    const interest = tally(state, 'belangstelling-vervolg');
    assert.ok(interest.shown);
    assert.equal(interest.total, 15);
    assert.ok((interest.value['ja'] ?? 0) > 10);
    const [agreements] = contributionsOf('vervolgafspraken');
    assert.ok(agreements?.payload?.kind === 'note' && agreements.payload.text.startsWith('Afspraak: '));
  });

  it('[HM-8] loadHeldMeeting writes the log into the embedded database once, and reads back the same', async () => {
    const store = await openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS });
    try {
      const loaded = await loadHeldMeeting(store, content);
      assert.deepEqual(loaded, { meetingId: HELD_MEETING_ID, created: true, events: events.length });
      const stored = await store.getMeeting<MeetingState>(HELD_MEETING_ID);
      assert.ok(stored);
      assert.equal(stored.seq, events.length);
      assert.deepEqual(stored.state, state);
      const log = await store.eventsSince<MeetingEvent>(HELD_MEETING_ID, 0, Number.MAX_SAFE_INTEGER);
      assert.deepEqual(log.map((r) => r.seq), events.map((_, i) => i + 1));
      assert.deepEqual(log.map((r) => r.event), events);
      assert.deepEqual(replay(log.map((r) => r.event)), stored.state);
      const listed = await store.listMeetings<MeetingState>({ programmeId: 'routekaart-goed-werk' });
      assert.deepEqual(listed.map((m) => [m.id, m.state.status]), [[HELD_MEETING_ID, 'closed']]);
      assert.equal(await store.findMeetingByJoin({ code: state.joinCode ?? '' }), null, 'a closed meeting takes nobody in');
      const again = await loadHeldMeeting(store, content);
      assert.deepEqual(again, { meetingId: HELD_MEETING_ID, created: false, events: events.length });
      assert.equal((await store.getMeeting(HELD_MEETING_ID))?.seq, events.length);
    } finally {
      await store.close();
    }
  });

  it('[HM-9] a script that does not fit, or a command the core refuses, gives a readable error', () => {
    type Raw = { steps: { id: string; contributions: { by: string; payload: { kind: string } }[] }[] };
    const unknownStep = structuredClone(script) as Raw;
    const first = unknownStep.steps[0];
    assert.ok(first);
    first.id = 'bestaat-niet';
    assert.throws(() => heldMeetingLog(unknownStep, method), /steps\.0\.id: method goed-werk-hub has no step bestaat-niet/);

    const badPayload = structuredClone(script) as Raw;
    const card = badPayload.steps[1]?.contributions[0];
    assert.ok(card);
    card.payload.kind = 'kaartje';
    assert.throws(() => heldMeetingLog(badPayload, method), /is not valid:\n.*steps\.1\.contributions\.0\.payload/);

    const tooManyCards = structuredClone(script) as Raw;
    const meenemen = tooManyCards.steps.find((s) => s.id === 'meenemen');
    assert.ok(meenemen);
    const own = meenemen.contributions.filter((c) => c.by === 'deelnemer-01');
    meenemen.contributions.push(...own, ...own);
    assert.throws(() => heldMeetingLog(tooManyCards, method), /does not fit method goed-werk-hub:\n.*deelnemer-01 gives 6 contributions to meenemen, at most 3/);

    const notScribe = structuredClone(script) as Raw;
    const note = notScribe.steps.find((s) => s.id === 'dilemma-formuleren')?.contributions[0];
    assert.ok(note);
    note.by = 'deelnemer-01'; // a member of group 1, whose scribe is deelnemer-02
    assert.throws(
      () => heldMeetingLog(notScribe, method),
      (error: unknown) =>
        error instanceof HeldMeetingCommandError &&
        error.error.code === 'not_scribe' &&
        error.message.includes('SubmitContribution dilemma-formuleren by deelnemer-01'),
    );
  });
});

/** Every meeting as held in content/demo: run through the core, then loaded and reported by the demo. */
describe('every meeting as held in content/demo', () => {
  type Script = { id: string; participants: { name: string }[]; spec: { methodId: string; date: string; caseIds: string[] } };
  /** Amsterdam's wall clock at an instant, by the time-zone database (independent of the script runner's own rule). */
  const amsterdam = (at: string) => {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
  };
  /** A name and each capitalised part of it that could identify someone on its own. */
  const nameParts = (name: string) => [name, ...name.split(/\s+/).filter((part) => part.length >= 4 && /^\p{Lu}/u.test(part))];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('[HM-10] every meeting in content/demo runs through the core and is reported, with its own average mark and no participant name', async () => {
    const content = await loadContent();
    const files = await heldMeetingFiles();
    assert.ok(files.length >= 3, `at least three meetings as held (${files.length})`);
    const scripts = await Promise.all(files.map(async (file) => ({ file, script: parseYaml(await readFile(file, 'utf8')) as Script })));
    const marks = new Map<string, number>();
    for (const { file, script } of scripts) {
      const method = content.methods.get(script.spec.methodId);
      assert.ok(method, `${file}: a known method`);
      // A refused command throws a HeldMeetingCommandError here.
      const { events, state } = heldMeetingLog(script, method);
      assert.equal(state.id, script.id, file);
      assert.equal(state.status, 'closed', file);
      assert.deepEqual(replay(events), state, `${file}: the state is what the log replays to`);
      // The afternoon of its own date, in summer time or winter time.
      assert.equal(events[0]?.at, heldMeetingStart(script.spec.date), file);
      assert.deepEqual(amsterdam(events[0]?.at ?? ''), { date: script.spec.date, time: '13:30' }, `${file}: starts at 13:30 in Amsterdam`);
      const end = amsterdam(events.at(-1)?.at ?? '');
      assert.ok(end.date === script.spec.date && end.time < '18:00', `${file}: closes the same afternoon (${end.date} ${end.time})`);
      // Everyone answers every item of the evaluation.
      const participants = Object.keys(state.participants).length;
      assert.ok(participants >= 12 && participants <= 18, `${file}: ${participants} participants`);
      const scale = agendaSteps(state.agenda).map((s) => s.step).find((s) => s.id === 'evaluatie-schalen');
      assert.ok(scale?.primitive === 'scale');
      const summary = scaleSummary(state, scale.id);
      assert.ok(summary.shown, file);
      assert.equal(summary.total, participants, `${file}: everyone evaluates`);
      for (const item of scale.items) assert.equal(summary.value[item.id]?.n, participants, `${file}: ${item.id} answered by all`);
      const mark = summary.value['rapportcijfer']?.mean ?? 0;
      assert.ok(mark >= 6 && mark <= 9.5, `${file}: average mark ${mark}`);
      marks.set(script.id, mark);
      console.log(`FIGURE held_meeting_average_mark[${script.id}]=${mark.toFixed(2)}`);
    }
    const distinct = <T>(values: T[]) => new Set(values).size;
    assert.equal(distinct(scripts.map(({ script }) => script.id)), scripts.length, 'one id per meeting');
    assert.equal(distinct(scripts.map(({ script }) => script.spec.date)), scripts.length, 'one date per meeting');
    assert.equal(distinct(scripts.map(({ script }) => [...script.spec.caseIds].sort().join())), scripts.length, 'each meeting its own mix of cases');
    assert.equal(distinct([...marks.values()].map((m) => m.toFixed(1))), scripts.length, `the average marks differ: ${[...marks.values()].join(', ')}`);

    const store = await openPglite({ dataDir: 'memory://', checkpoints: TEST_CHECKPOINTS });
    try {
      const links = await loadDemo(store, new MeetingEngine(store, new MemoryBus()), content);
      const listed = await store.listMeetings<MeetingState>({ programmeId: 'routekaart-goed-werk' });
      for (const { file, script } of scripts) {
        assert.ok(links.some((l) => l.meetingId === script.id && l.editorToken), `${file}: the demo prints its links`);
        assert.equal((await store.getMeeting<MeetingState>(script.id))?.state.status, 'reported', `${file}: reported`);
        assert.ok(listed.some((m) => m.id === script.id), `${file}: in the programme`);
        const report = await store.getReport<ReportDocument>(script.id);
        assert.equal(report?.document.status, 'published', `${file}: the report is published`);
        const md = renderMarkdown(report.document);
        const shown = /gemiddeld een (\d+),(\d)\.$/m.exec(md);
        assert.ok(shown, `${file}: the report gives the average mark`);
        assert.ok(Math.abs(Number(`${shown[1]}.${shown[2]}`) - (marks.get(script.id) ?? 0)) <= 0.05, `${file}: the report's mark is the meeting's`);
        const names = script.participants.map((p) => p.name);
        assert.deepEqual(checkAnonymity(report.document, names), [], `${file}: the report passes the anonymity check`);
        for (const part of names.flatMap(nameParts)) {
          assert.doesNotMatch(md, new RegExp(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`, 'u'), `${file}: the report does not name "${part}"`);
        }
      }
    } finally {
      await store.close();
    }
  });
});
