import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  agendaSteps,
  type ContributionPayload,
  type LiveCommand,
  type MeetingState,
  mapSummary,
  opinionShift,
  scaleSummary,
  type StepTemplate,
  tally,
} from '@goedwerk/core';
import WebSocket from 'ws';
import { LiveSession, type SocketLike } from '../../web/src/live/session.ts';
import { assertReportParts } from '../../report/src/test-report-parts.ts';
import { loadDemo } from '../src/demo.ts';
import { liveTicket, startTestServer, type TestServer } from '../src/test-harness.ts';
import { MemoryStorage, until } from './helpers.ts';

/**
 * [SC-1] The whole Goed Werk Hub meeting of the demo programme, run by a facilitator with 15
 * participants and a presentation screen over the real protocol: every round yields its
 * outputs, and the k-threshold and anonymity rules hold in every message anyone received.
 */
const MEETING = 'goed-werk-hub-2014-01-23';
const PARTICIPANTS = 15;
const K = 3;



const id = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

describe('a scripted Goed Werk Hub with 15 participants over the live protocol', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  let rawMessages = 0;
  let authorFieldsOnWire = 0;
  let kViolations = 0;

  function open(credential: ConstructorParameters<typeof LiveSession>[0]['credential'], watch: boolean) {
    const session = new LiveSession({
      url: server.wsUrl,
      ticket: () => liveTicket(server.url),
      meetingId: MEETING,
      credential,
      storage: new MemoryStorage(),
      outboxKey: 'outbox',
      createSocket: (url) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        ws.on('message', (data) => {
          rawMessages++;
          // Every step of this method is anonymous: no author may appear in any message, to anyone.
          authorFieldsOnWire += String(data).split('"authorId"').length - 1;
        });
        return ws as unknown as SocketLike;
      },
    });
    if (watch) session.subscribe(() => checkK(session));
    session.start();
    return session;
  }

  /** A non-facilitator may never read a distribution of fewer than k answers (outside its own group's shared work). */
  function checkK(session: LiveSession) {
    const state = session.state;
    if (!state) return;
    for (const { step } of agendaSteps(state.agenda)) {
      if (step.primitive !== 'choice' && step.primitive !== 'scale' && step.primitive !== 'map') continue;
      const contributions = Object.values(state.steps[step.id]?.contributions ?? {});
      const readable = contributions.filter((c) => c.payload !== null).length;
      if (readable > 0 && readable < K) kViolations++;
    }
  }

  before(async () => {
    server = await startTestServer();
    const [link] = await loadDemo(server.store, server.engine, server.content);
    assert.ok(link);
    (globalThis as { __links?: unknown }).__links = link;
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    assert.ok(method.rounds.every((r) => r.steps.every((s) => s.visibility === 'anonymous')), 'the method is anonymous throughout');
  });

  after(async () => {
    for (const s of sockets) s.terminate();
    await server.close();
  });

  it('[SC-1] runs every round and yields its outputs, with k and anonymity holding in every message', async () => {
    const link = (globalThis as { __links?: { facilitatorToken: string; screenToken: string } }).__links;
    assert.ok(link);
    const facilitator = open({ kind: 'facilitator', token: link.facilitatorToken }, false);
    const screen = open({ kind: 'screen', token: link.screenToken }, true);
    await until(() => facilitator.state !== null && screen.state !== null, 'facilitator and screen connected');
    const joinCode = facilitator.state?.joinCode;
    assert.ok(joinCode);
    const f = async (command: LiveCommand) => {
      const outcome = await facilitator.send(command);
      assert.ok(outcome.ok, `${command.type}: ${outcome.ok ? '' : outcome.code}`);
    };

    // Joining: fifteen phones, pseudonymous, after accepting the confidentiality rule.
    const people = Array.from({ length: PARTICIPANTS }, (_, i) => {
      const participantId = id(`p${i}`);
      const session = open({ kind: 'participant', participantId, secret: randomBytes(24).toString('base64url'), joinCode }, true);
      return { i, participantId, session, pairId: id('pair') };
    });
    await until(() => people.every((p) => p.session.connection === 'open'), 'everyone connected');
    await Promise.all(people.map((p) => p.session.send({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: `Deelnemer ${p.i + 1}` })));
    await f({ type: 'StartMeeting' });
    await until(() => Object.keys(facilitator.state?.participants ?? {}).length === PARTICIPANTS, 'fifteen joined');

    const state = () => facilitator.state as MeetingState;
    /** Waits until the facilitator's view has every committed event (broadcasts are batched). */
    const settled = async () => {
      const seq = (await server.store.getMeeting(MEETING))?.seq ?? 0;
      await until(() => facilitator.seq >= seq, 'the facilitator caught up');
    };
    const stepOf = (stepId: string) => agendaSteps(state().agenda).find((s) => s.step.id === stepId)?.step as StepTemplate;
    const goTo = (stepId: string) => f({ type: 'GoToStep', stepId });
    const contributions = (stepId: string) => Object.values(state().steps[stepId]?.contributions ?? {});
    const submitAll = async (stepId: string, payload: (p: (typeof people)[number]) => ContributionPayload | null, contributionId = (p: (typeof people)[number]) => id(`c${p.i}`)) => {
      await goTo(stepId);
      const results = await Promise.all(
        people.map(async (p) => {
          const body = payload(p);
          return body ? p.session.send({ type: 'SubmitContribution', stepId, contributionId: contributionId(p), payload: body }) : { ok: true };
        }),
      );
      assert.ok(results.every((r) => r.ok), `${stepId}: ${JSON.stringify(results.find((r) => !r.ok))}`);
    };
    let rounds = 0;

    // Round 1: opening — two info steps.
    await goTo('spelregels');
    await goTo('centrale-vragen');
    rounds++;

    // Round 2: the responsibility map, with tensions.
    const map = stepOf('verantwoordelijkhedenkaart');
    assert.equal(map.primitive, 'map');
    const fields = map.primitive === 'map' ? map.fields.map((x) => x.id) : [];
    await submitAll('verantwoordelijkhedenkaart', (p) => ({
      kind: 'map',
      entries: [
        { id: 'e1', fieldId: fields[p.i % 3] ?? 'x', text: `Verantwoordelijkheid ${p.i}a`, weight: 1 + (p.i % 5) },
        { id: 'e2', fieldId: fields[7] ?? 'x', text: `Verantwoordelijkheid ${p.i}b`, weight: 5 },
      ],
      tensions: [{ a: 'e1', b: 'e2' }],
    }));
    await f({ type: 'RevealResults', stepId: 'verantwoordelijkhedenkaart' });
    await settled();
    const summary = mapSummary(state(), 'verantwoordelijkhedenkaart');
    assert.ok(summary.shown);
    assert.equal(summary.value.tensions[0]?.count, 5, 'the most frequent tension');
    rounds++;

    // Round 3: the dilemma round in three groups of five, each with a case and a scribe.
    const caseIds = state().spec.caseIds;
    const groups = [0, 1, 2].map((g) => ({
      id: `groep-${g + 1}`,
      name: `Groep ${g + 1}`,
      memberIds: people.filter((p) => p.i % 3 === g).map((p) => p.participantId),
      caseId: caseIds[g] as string,
    }));
    await f({ type: 'FormGroups', groups });
    for (const g of groups) await f({ type: 'SetScribe', groupId: g.id, participantId: g.memberIds[0] as string });
    const scribes = people.filter((p) => p.i < 3);
    await goTo('casus-inbrengen');
    await goTo('dilemma-formuleren');
    const notes = await Promise.all(scribes.map((p) => p.session.send({ type: 'SubmitContribution', stepId: 'dilemma-formuleren', contributionId: id('note'), payload: { kind: 'note', text: `Moet ik A doen of B? (groep ${p.i + 1})` } })));
    assert.ok(notes.every((n) => n.ok), JSON.stringify(notes));
    await submitAll('keuze-vooraf', (p) => ({ kind: 'choice', optionId: p.i % 2 === 0 ? 'a' : 'b' }), (p) => p.pairId);
    await goTo('perspectieven');
    const grids = await Promise.all(scribes.map((p) => p.session.send({ type: 'SubmitContribution', stepId: 'perspectieven', contributionId: id('grid'), payload: { kind: 'grid', rows: [{ betrokkenen: 'Burgers', waarden: 'Openheid', normen: 'Ambtseed' }] } })));
    assert.ok(grids.every((n) => n.ok), JSON.stringify(grids));
    await submitAll('keuze-achteraf', (p) => ({ kind: 'choice', optionId: p.i < 6 ? 'b' : p.i % 2 === 0 ? 'a' : 'b' }), (p) => p.pairId);
    await submitAll('terugkoppeling', (p) => (p.i < 3 ? { kind: 'card', text: `Kern van groep ${p.i + 1}` } : null));
    for (const stepId of ['dilemma-formuleren', 'perspectieven', 'keuze-vooraf', 'keuze-achteraf', 'terugkoppeling']) await f({ type: 'RevealResults', stepId });
    await settled();
    const shift = opinionShift(state(), 'keuze-achteraf');
    assert.ok(shift?.shown);
    assert.equal(shift.value.pairs, PARTICIPANTS);
    assert.equal(shift.value.changed, 3, 'p0, p2 and p4 moved from A to B');
    assert.equal(contributions('dilemma-formuleren').length, 3, 'three groups worked their dilemma through');
    await until(() => (screen.state?.steps['perspectieven']?.contributions && Object.values(screen.state.steps['perspectieven'].contributions).every((c) => c.payload !== null)) === true, 'report-back on the screen');
    rounds++;

    // Round 4: the break.
    await goTo('pauze');
    rounds++;

    // Round 5: the leadership dialogue with reactions, themes and harvested lessons.
    await submitAll('praktijkvragen', (p) => ({ kind: 'card', text: `Vraag uit de praktijk ${p.i}` }));
    await f({ type: 'RevealResults', stepId: 'praktijkvragen' });
    await goTo('dialoog');
    await submitAll('lessen', (p) => (p.i < 6 ? { kind: 'card', text: `Les ${p.i}` } : null));
    await f({ type: 'RevealResults', stepId: 'lessen' });
    await until(() => people.every((p) => Object.keys(p.session.state?.steps['lessen']?.contributions ?? {}).length === 6), 'lessons on every phone');
    const seenByPhone = Object.keys(people[7]?.session.state?.steps['lessen']?.contributions ?? {});
    await Promise.all(people.slice(6).map((p) => p.session.send({ type: 'React', stepId: 'lessen', reactionId: id('r'), targetId: seenByPhone[0] as string })));
    await settled();
    const cardIds = contributions('lessen').map((c) => c.id);
    await f({ type: 'ClusterCards', stepId: 'lessen', clusters: [{ id: 'loslaten', title: 'Loslaten', contributionIds: cardIds.slice(0, 3) }, { id: 'emoties', title: 'Emoties', contributionIds: cardIds.slice(3) }] });
    for (const [n, title] of ['Probeer niet alles zelf op te lossen', 'Er zijn verschillende houdingen tegenover de top mogelijk', 'Stap af en toe uit de inhoud'].entries()) {
      await f({ type: 'HarvestLesson', lesson: { id: `les-${n + 1}`, title, text: '', stepId: 'lessen', sourceIds: cardIds.slice(n, n + 1) } });
    }
    await settled();
    assert.equal(state().lessons.length, 3);
    assert.equal(Object.keys(state().steps['lessen']?.reactions ?? {}).length, PARTICIPANTS - 6);
    rounds++;

    // Round 6: appreciation and honest feedback.
    await goTo('waarom-waardering');
    await submitAll('waardering-en-feedback', (p) => ({ kind: 'card', text: `Waardering ${p.i}`, fieldId: p.i % 2 === 0 ? 'waardering' : 'eerlijke-feedback' }));
    await settled();
    assert.equal(contributions('waardering-en-feedback').length, PARTICIPANTS);
    rounds++;

    // Round 7: the evaluation.
    const scale = stepOf('evaluatie-schalen');
    const items = scale.primitive === 'scale' ? scale.items : [];
    await submitAll('evaluatie-schalen', (p) => ({ kind: 'scale', values: Object.fromEntries(items.map((it) => [it.id, it.max === 10 ? 7 + (p.i % 3) : 4 + (p.i % 2)])) }));
    await submitAll('meenemen', (p) => ({ kind: 'card', text: `Ik neem mee: ${p.i}` }));
    await submitAll('belangstelling-vervolg', (p) => ({ kind: 'choice', optionId: p.i < 12 ? 'ja' : 'misschien' }));
    for (const stepId of ['evaluatie-schalen', 'belangstelling-vervolg']) await f({ type: 'RevealResults', stepId });
    await settled();
    const evaluation = scaleSummary(state(), 'evaluatie-schalen');
    assert.ok(evaluation.shown);
    assert.equal(evaluation.value['rapportcijfer']?.n, PARTICIPANTS);
    assert.deepEqual(tally(state(), 'belangstelling-vervolg'), { total: 15, shown: true, value: { ja: 12, misschien: 3, nee: 0 } });
    rounds++;

    // Round 8: closing with follow-up agreements, noted by the facilitator.
    await goTo('vervolgafspraken');
    await f({ type: 'SubmitContribution', stepId: 'vervolgafspraken', contributionId: id('agreement'), payload: { kind: 'note', text: 'Vervolg over drie maanden' } });
    await goTo('dank-en-verslag');
    await f({ type: 'CloseMeeting' });
    rounds++;

    // Everyone is back in step with the server.
    const final = await server.store.getMeeting<MeetingState>(MEETING);
    await until(() => [screen, ...people.map((p) => p.session)].every((s) => s.seq === final?.seq), 'every client at the final seq');
    console.log(`FIGURE scripted_rounds_completed=${rounds}`);
    console.log(`FIGURE k_threshold_violations=${kViolations}`);
    console.log(`FIGURE anon_author_fields_on_wire=${authorFieldsOnWire}`);
    console.log(`# messages checked: ${rawMessages}`);
    assert.equal(rounds, state().agenda.length);
    assert.equal(kViolations, 0);
    assert.equal(authorFieldsOnWire, 0);
    assert.doesNotMatch(JSON.stringify(final?.state.steps), /"authorId"/, 'no author stored for any step of this method');
    for (const s of [facilitator, screen, ...people.map((p) => p.session)]) s.stop();
  });

  it('[SC-2] the report of the meeting run live has every part of the seed report in order, its three dilemmas and lessons numbered, and no participant name', async () => {
    const links = await server.engine.renewReportLinks(MEETING);
    assert.ok(links);
    let version = 0;
    const loaded = await server.reports.load(MEETING);
    assert.ok(loaded);
    const sections = loaded.document.sections.map(({ id, title, markdown, included }) => ({ id, title, markdown, included }));
    const steps = [
      { token: links.rapporteurToken, name: 'Rianne Rapporteur', action: 'edit' as const, sections },
      { token: links.rapporteurToken, name: 'Rianne Rapporteur', action: 'submit' as const },
      { token: links.editorToken, name: 'Ed Redacteur', action: 'approve' as const },
    ];
    for (const { token, ...request } of steps) {
      const result = await server.reports.act(MEETING, token, { version, ...request });
      assert.ok(result.ok, JSON.stringify(result));
      version = result.value.version;
    }
    const exported = await server.reports.export(MEETING, links.editorToken, 'md');
    assert.ok(exported.ok);
    const md = String(exported.value.body);
    const names = Array.from({ length: PARTICIPANTS }, (_, i) => `Deelnemer ${i + 1}`);
    assertReportParts(md, { dilemmas: 3, lessons: 3, participantNames: names });
    assert.match(md, /Van de 15 deelnemers die vooraf en achteraf kozen, veranderden er 3 van keuze\./);
  });
});
