import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { type Actor, type Case, type ContributionPayload, decide, evolve, mapSummary, type MeetingCommand, type MeetingState, type MethodTemplate } from '@goedwerk/core';
import { buildReportModel } from '@goedwerk/report';
import { parse as parseYaml } from 'yaml';
import { ctx, testMethod, testSpec } from '../../core/src/test-fixtures.ts';
import { loadContent } from './content.ts';
import { HELD_MEETING_FILE, heldMeetingLog } from './held-meeting.ts';
import { programmeTrends, type ProgrammeTrends, type TensionCell } from './trends.ts';

/** Rules: docs/spec/programme.md (PG-1 … PG-6). */

type Script = {
  id: string;
  spec: { date: string; title: { nl: string; en: string } };
  steps: { id: string; contributions: { by: string }[]; lessons: unknown[] }[];
};
const SEED = 'goed-werk-hub-2014';
const SECOND = 'goed-werk-hub-2014-03-20';
const THIRD = 'voorkennis-2014-06-12';
const MAP = 'verantwoordelijkhedenkaart';

/** A copy of the seed script as a later meeting of the programme, changed by `edit`. */
function laterMeeting(seed: unknown, method: MethodTemplate, edit: (script: Script, step: (id: string) => Script['steps'][number]) => void): MeetingState {
  const script = structuredClone(seed) as Script;
  const step = (id: string) => {
    const found = script.steps.find((s) => s.id === id);
    assert.ok(found, id);
    return found;
  };
  edit(script, step);
  return heldMeetingLog(script, method).state;
}

const pid = (i: number) => `participant-${i}-abcdef`;
const as = (i: number): Actor => ({ role: 'participant', participantId: pid(i) });
const facilitator: Actor = { role: 'facilitator' };

/** Runs commands through the core, failing loudly on a refusal. */
function run(meetingId: string, commands: [MeetingCommand, Actor][]): MeetingState {
  let state: MeetingState | null = null;
  commands.forEach(([command, actor], i) => {
    const decision = decide(state, command, ctx(actor, new Date(Date.UTC(2014, 5, 12, 13, 0, i)).toISOString()), meetingId);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.detail}`);
    state = decision.events.reduce<MeetingState | null>((s, e) => evolve(s, e), state);
  });
  assert.ok(state);
  return state;
}

/**
 * A third meeting, of the small test method, on one case: four vote before and after (two change
 * their mind) and three map a tension between "Burgers" and "Gezin".
 */
function voorkennisMeeting(kThreshold = 3): MeetingState {
  const spec = { ...testSpec, programmeId: 'routekaart-goed-werk', date: '2014-06-12', title: { nl: 'Voorkennis en zwijgplicht' }, caseIds: ['omgaan-met-voorkennis'], kThreshold };
  const submit = (stepId: string, i: number, payload: ContributionPayload, id = `${stepId}-${i}-contribution`): [MeetingCommand, Actor] => [{ type: 'SubmitContribution', stepId, contributionId: id, payload }, as(i)];
  const map: ContributionPayload = {
    kind: 'map',
    entries: [
      { id: 'e1', fieldId: 'burgers', text: 'Burgers die op ons rekenen', weight: 4 },
      { id: 'e2', fieldId: 'gezin', text: 'Thuis op tijd', weight: 3 },
    ],
    tensions: [{ a: 'e1', b: 'e2' }],
  };
  return run(THIRD, [
    [{ type: 'CreateMeeting', spec, method: testMethod }, { role: 'system' }],
    [{ type: 'OpenMeeting' }, facilitator],
    ...[0, 1, 2, 3].map((i): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true, displayName: `Deelnemer ${i}` }, as(i)]),
    [{ type: 'StartMeeting' }, facilitator],
    [{ type: 'GoToStep', stepId: 'voor' }, facilitator],
    ...[0, 1, 2, 3].map((i) => submit('voor', i, { kind: 'choice', optionId: i < 3 ? 'a' : 'b' }, `vote-${i}-abcdefgh`)),
    [{ type: 'GoToStep', stepId: 'na' }, facilitator],
    ...[0, 1, 2, 3].map((i) => submit('na', i, { kind: 'choice', optionId: i < 1 ? 'a' : 'b' }, `vote-${i}-abcdefgh`)),
    [{ type: 'GoToStep', stepId: 'kaart' }, facilitator],
    ...[0, 1, 2].map((i) => submit('kaart', i, map)),
    [{ type: 'CloseMeeting' }, facilitator],
  ]);
}

describe('programme trends', () => {
  let method: MethodTemplate;
  let cases: readonly Case[];
  let seedScript: unknown;
  let seed: MeetingState;
  let second: MeetingState;
  let third: MeetingState;
  let draft: MeetingState;
  let empty: MeetingState;
  let trends: ProgrammeTrends;

  before(async () => {
    const content = await loadContent();
    const found = content.methods.get('goed-werk-hub');
    assert.ok(found);
    method = found;
    cases = content.cases;
    seedScript = parseYaml(await readFile(HELD_MEETING_FILE, 'utf8'));
    seed = heldMeetingLog(seedScript, method).state;
    // Two months later: five maps, two evaluations (below k), one member of group 5 does not choose again, new lessons.
    second = laterMeeting(seedScript, method, (script, step) => {
      script.id = SECOND;
      script.spec.date = '2014-03-20';
      script.spec.title = { nl: 'Loyaliteit en tegenspraak', en: 'Loyalty and dissent' };
      step(MAP).contributions = step(MAP).contributions.slice(0, 5);
      step('evaluatie-schalen').contributions = step('evaluatie-schalen').contributions.slice(0, 2);
      step('keuze-achteraf').contributions = step('keuze-achteraf').contributions.filter((c) => c.by !== 'deelnemer-15');
      step('lessen').lessons = [
        { id: 'les-1', title: 'Neem je verantwoordelijkheid', text: '  Wie zich verantwoordelijk voelt, spreekt de top aan.  ' },
        { id: 'les-2', title: 'Loyaliteit is geen zwijgen', text: 'Tegenspraak hoort bij loyaliteit aan de organisatie.' },
      ];
    });
    third = voorkennisMeeting();
    draft = run('nog-in-concept', [[{ type: 'CreateMeeting', spec: { ...testSpec, date: '2014-02-01' }, method: testMethod }, { role: 'system' }]]);
    empty = run('zonder-bijdragen', [
      [{ type: 'CreateMeeting', spec: { ...testSpec, date: '2014-02-02' }, method: testMethod }, { role: 'system' }],
      [{ type: 'OpenMeeting' }, facilitator],
      [{ type: 'StartMeeting' }, facilitator],
      [{ type: 'CloseMeeting' }, facilitator],
    ]);
    // Given out of order on purpose.
    trends = programmeTrends(
      [
        { id: THIRD, state: third },
        { id: 'nog-in-concept', state: draft },
        { id: SECOND, state: second },
        { id: 'zonder-bijdragen', state: empty },
        { id: SEED, state: seed },
      ],
      cases,
      'nl',
    );
  });

  it('[PG-1] only held meetings count, in date order', () => {
    assert.equal(draft.status, 'draft');
    assert.equal(empty.status, 'closed');
    assert.deepEqual(
      trends.meetings.map((m) => [m.meetingId, m.date, m.dateText, m.title, m.status]),
      [
        [SEED, '2014-01-23', '23 januari 2014', 'Professionaliteit en moraliteit', 'closed'],
        [SECOND, '2014-03-20', '20 maart 2014', 'Loyaliteit en tegenspraak', 'closed'],
        [THIRD, '2014-06-12', '12 juni 2014', 'Voorkennis en zwijgplicht', 'closed'],
      ],
    );
    assert.deepEqual(trends.evaluation.map((e) => e.meetingId), [SEED, SECOND, THIRD]);
    assert.deepEqual(trends.lessonTexts.map((e) => e.meetingId), [SEED, SECOND, THIRD]);
    assert.deepEqual(programmeTrends([{ id: 'nog-in-concept', state: draft }, { id: 'zonder-bijdragen', state: empty }], cases, 'nl').meetings, []);
  });

  it('[PG-2] the evaluation per meeting: respondents and the average mark as the report gives it, hidden below k', () => {
    const [first, later, small] = trends.evaluation;
    assert.ok(first && later && small);
    assert.equal(first.stepId, 'evaluatie-schalen');
    assert.equal(first.respondents, 15);
    assert.equal(first.shown, true);
    assert.ok(Math.abs((first.mark ?? 0) - 121 / 15) < 1e-9, `mark ${first.mark}`); // 8.07
    assert.equal(first.markText, '8,1');
    assert.equal(first.text, '15 deelnemers vulden de evaluatie in; zij gaven de bijeenkomst gemiddeld een 8,1.');
    // The same sentence as the meeting's report.
    const report = buildReportModel({ state: seed, cases, programme: null }, 'nl');
    const paragraphs = report.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    assert.ok(paragraphs.includes(first.text));
    assert.deepEqual(
      first.items.map((i) => [i.itemId, i.n, i.meanText, i.min, i.max]),
      [
        ['nuttig', 15, '4,5', 1, 5], // 67 / 15 = 4.47
        ['vrijuit-spreken', 15, '4,7', 1, 5],
        ['herkenbare-casussen', 15, '4,3', 1, 5],
        ['reflectie-waarden-normen', 15, '4,2', 1, 5],
        ['rapportcijfer', 15, '8,1', 1, 10],
      ],
    );
    assert.equal(first.items[0]?.label, 'De bijeenkomst was nuttig voor mijn werk.');

    // Two answers with k = 3: how many, and nothing else.
    assert.deepEqual(
      { respondents: later.respondents, shown: later.shown, mark: later.mark, markText: later.markText, items: later.items, text: later.text },
      { respondents: 2, shown: false, mark: null, markText: null, items: [], text: '2 antwoorden; te weinig om een verdeling te tonen.' },
    );
    // The test method's scale has no mark item: no evaluation step.
    assert.deepEqual([small.stepId, small.respondents, small.shown, small.text], [null, 0, false, '']);

    const en = programmeTrends([{ id: SEED, state: seed }], cases, 'en').evaluation[0];
    assert.deepEqual([en?.markText, en?.dateText, en?.title], ['8.1', '23 January 2014', 'Professionalism and morality']);
  });

  it('[PG-3] tensions: a fields × fields matrix summed over meetings, each cell with its meetings; a map below k adds nothing', () => {
    const { fields, cells, pairs, hidden } = trends.tensions;
    const methodFields = ['burgers-en-bedrijven', 'collega-leidinggevenden', 'medewerkers', 'organisatie', 'jezelf-en-je-vak', 'besluiten-en-procesgang', 'maatschappelijke-meerwaarde', 'gezin-en-priveleven'];
    assert.deepEqual(fields.map((f) => f.id), [...methodFields, 'burgers', 'gezin']);
    assert.equal(fields[4]?.label, 'Jezelf en je vak');
    const cell = (a: string, b: string): TensionCell | undefined => cells[fields.findIndex((f) => f.id === a)]?.[fields.findIndex((f) => f.id === b)];

    // Five in January, two in March: seven, with both meetings.
    assert.deepEqual(cell('jezelf-en-je-vak', 'organisatie'), { count: 7, meetings: [{ meetingId: SEED, count: 5 }, { meetingId: SECOND, count: 2 }] });
    assert.deepEqual(cell('organisatie', 'jezelf-en-je-vak'), cell('jezelf-en-je-vak', 'organisatie'), 'the matrix is symmetric');
    assert.deepEqual(cell('medewerkers', 'organisatie'), { count: 6, meetings: [{ meetingId: SEED, count: 5 }, { meetingId: SECOND, count: 1 }] });
    assert.deepEqual(cell('burgers', 'gezin'), { count: 3, meetings: [{ meetingId: THIRD, count: 3 }] });
    assert.deepEqual(cell('collega-leidinggevenden', 'gezin-en-priveleven'), { count: 0, meetings: [] });
    assert.equal(cells.length, 10);
    assert.ok(cells.every((row) => row.length === 10));

    // Every tension the meetings' maps give is in the matrix once.
    const perMeeting = [seed, second].map((s) => mapSummary(s, MAP)).concat([mapSummary(third, 'kaart')]);
    const named = perMeeting.reduce((sum, s) => sum + (s.shown ? s.value.tensions.reduce((n, t) => n + t.count, 0) : 0), 0);
    assert.equal(named, 20 + 7 + 3);
    const upper = cells.reduce((sum, row, i) => sum + row.slice(i).reduce((n, c) => n + c.count, 0), 0);
    assert.equal(upper, named);

    assert.deepEqual(pairs[0], { a: 'jezelf-en-je-vak', b: 'organisatie', count: 7, meetings: [{ meetingId: SEED, count: 5 }, { meetingId: SECOND, count: 2 }], text: 'Jezelf en je vak tegenover Onderdelen van de organisatie of het ministerie (7 deelnemers)' });
    // Most first; equal counts in the order of the fields.
    assert.deepEqual(
      pairs.slice(0, 4).map((p) => [p.a, p.b, p.count]),
      [
        ['jezelf-en-je-vak', 'organisatie', 7],
        ['medewerkers', 'organisatie', 6],
        ['besluiten-en-procesgang', 'burgers-en-bedrijven', 3], // 2 + 1
        ['burgers', 'gezin', 3],
      ],
    );
    assert.deepEqual(hidden, []);

    // Two maps in March, with k = 3: March adds nothing and says how many answered.
    const fewMaps = laterMeeting(seedScript, method, (script, step) => {
      script.id = SECOND;
      script.spec.date = '2014-03-20';
      step(MAP).contributions = step(MAP).contributions.slice(0, 2);
    });
    const small = programmeTrends([{ id: SEED, state: seed }, { id: SECOND, state: fewMaps }], cases, 'nl').tensions;
    assert.equal(small.pairs[0]?.count, 5);
    assert.deepEqual(small.pairs[0]?.meetings, [{ meetingId: SEED, count: 5 }]);
    assert.deepEqual(small.hidden, [{ meetingId: SECOND, stepId: MAP, total: 2, text: '2 antwoorden; te weinig om een verdeling te tonen.' }]);
    // The meeting's own k: with k = 5, three maps are too few.
    const strict = programmeTrends([{ id: THIRD, state: voorkennisMeeting(5) }], cases, 'nl').tensions;
    assert.deepEqual([strict.pairs, strict.hidden.map((h) => [h.stepId, h.total])], [[], [['kaart', 3]]]);
  });

  it('[PG-4] cases: how many meetings used each, and the opinion shift per paired step, whole and per group\'s case', () => {
    const { used, shifts } = trends.cases;
    assert.deepEqual(
      used.map((c) => [c.caseId, c.meetings, c.meetingIds]),
      [
        ['omgaan-met-voorkennis', 3, [SEED, SECOND, THIRD]],
        ['rapport-in-de-la', 2, [SEED, SECOND]],
        ['groen-licht-of-niet', 2, [SEED, SECOND]],
        ['kinderbijslag-stroomlijnen', 2, [SEED, SECOND]],
        ['de-baas-aanspreken', 2, [SEED, SECOND]],
      ],
    );
    assert.equal(used[0]?.title, cases.find((c) => c.id === 'omgaan-met-voorkennis')?.title.nl);

    // January, the whole step: 15 chose twice, 7 changed; five cases, so no one case.
    const whole = shifts.find((s) => s.meetingId === SEED && s.groupId === null);
    assert.ok(whole?.shift.shown);
    assert.deepEqual([whole.stepId, whole.caseId, whole.shift.value.pairs, whole.shift.value.changed], ['keuze-achteraf', null, 15, 7]);
    assert.equal(whole.text, 'Van de 15 deelnemers die vooraf en achteraf kozen, veranderden er 7 van keuze.');
    const report = buildReportModel({ state: seed, cases, programme: null }, 'nl');
    assert.ok(report.sections.flatMap((s) => s.blocks).some((b) => b.kind === 'paragraph' && b.text === whole.text), 'the sentence of the report');
    // Per group, each on its own case: 1 + 1 + 2 + 1 + 2 = 7.
    const groups = shifts.filter((s) => s.meetingId === SEED && s.groupId !== null);
    assert.deepEqual(
      groups.map((s) => [s.groupId, s.caseId, s.shift.total, s.shift.shown ? s.shift.value.changed : null]),
      [
        ['groep-1', 'rapport-in-de-la', 3, 1],
        ['groep-2', 'groen-licht-of-niet', 3, 1],
        ['groep-3', 'kinderbijslag-stroomlijnen', 3, 2],
        ['groep-4', 'de-baas-aanspreken', 3, 1],
        ['groep-5', 'omgaan-met-voorkennis', 3, 2],
      ],
    );
    assert.equal(groups[2]?.text, 'Van de 3 deelnemers die vooraf en achteraf kozen, veranderden er 2 van keuze.');

    // June, a plenary paired step on one case: the whole step is that case's.
    const june = used[0]?.shifts.find((s) => s.meetingId === THIRD);
    assert.ok(june?.shift.shown);
    assert.deepEqual([june.stepId, june.groupId, june.shift.value.pairs, june.shift.value.changed], ['na', null, 4, 2]);
    assert.deepEqual(used[0]?.shifts.map((s) => [s.meetingId, s.groupId]), [[SEED, 'groep-5'], [SECOND, 'groep-5'], [THIRD, null]]);
    // k = 5 and four pairs: only how many.
    const strict = programmeTrends([{ id: THIRD, state: voorkennisMeeting(5) }], cases, 'nl').cases.shifts;
    assert.deepEqual(strict.map((s) => [s.shift, s.text]), [[{ total: 4, shown: false }, '4 antwoorden; te weinig om een verdeling te tonen.']]);
  });

  it('[PG-5] one group below k hides every group\'s shift of that step, the whole step stays', () => {
    const march = trends.cases.shifts.filter((s) => s.meetingId === SECOND);
    const whole = march.find((s) => s.groupId === null);
    assert.ok(whole?.shift.shown);
    assert.deepEqual([whole.shift.value.pairs, whole.shift.value.changed], [14, 6]);
    assert.deepEqual(
      march.filter((s) => s.groupId !== null).map((s) => [s.groupId, s.shift]),
      [
        ['groep-1', { total: 3, shown: false }],
        ['groep-2', { total: 3, shown: false }],
        ['groep-3', { total: 3, shown: false }],
        ['groep-4', { total: 3, shown: false }],
        ['groep-5', { total: 2, shown: false }],
      ],
    );
    assert.ok(march.filter((s) => s.groupId !== null).every((s) => / te weinig /.test(s.text)));
  });

  it('[PG-6] the harvested lessons per meeting, with title and text', () => {
    const [first, later, small] = trends.lessonTexts;
    assert.deepEqual(first?.lessons.map((l) => l.title), [
      'Wil niet alles zelf oplossen',
      'Tegenover de top zijn verschillende houdingen mogelijk',
      'Stap soms uit de inhoud en benoem de emoties',
    ]);
    assert.match(first?.lessons[0]?.text ?? '', /^Bij conflicten in je team /);
    assert.deepEqual(later?.lessons, [
      { lessonId: 'les-1', title: 'Neem je verantwoordelijkheid', text: 'Wie zich verantwoordelijk voelt, spreekt de top aan.' },
      { lessonId: 'les-2', title: 'Loyaliteit is geen zwijgen', text: 'Tegenspraak hoort bij loyaliteit aan de organisatie.' },
    ]);
    assert.deepEqual([small?.meetingId, small?.lessons], [THIRD, []]);
  });
});
