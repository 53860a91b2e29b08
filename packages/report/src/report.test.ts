import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Actor, type ContributionPayload, decide, evolve, type MeetingCommand, type MeetingState } from '@goedwerk/core';
import { ctx, testMethod, testSpec } from '../../core/src/test-fixtures.ts';
import { loadContent } from '../../server/src/content.ts';
import { applyReportAction, checkAnonymity, draftDocument, type ReportContext, type ReportDocument } from './document.ts';
import { markdownToHtml, renderHtml } from './html.ts';
import { escapeMarkdown, renderMarkdown } from './markdown.ts';
import { buildReportModel } from './model.ts';
import { roman } from './roman.ts';

async function demoMeeting() {
  const content = await loadContent();
  const demo = content.programmes[0];
  const meeting = demo?.meetings[0];
  assert.ok(demo && meeting);
  const method = content.methods.get(meeting.spec.methodId);
  assert.ok(method);
  const decision = decide(null, { type: 'CreateMeeting', spec: meeting.spec, method }, { now: '2014-01-23T09:00:00.000Z', actor: { role: 'system' }, newId: () => 'unused-in-create-meeting' }, meeting.id);
  assert.ok(decision.ok);
  const state = decision.events.reduce<MeetingState | null>((s, e) => evolve(s, e), null) as MeetingState;
  return { state, cases: content.cases, programme: demo.programme };
}

const NAMES = ['Anouk Jansen', 'Bram de Wit', 'Carla Smits', 'Daan Visser'];
const pid = (i: number) => `participant-${i}-abcdef`;
const as = (i: number): Actor => ({ role: 'participant', participantId: pid(i) });
const facilitator: Actor = { role: 'facilitator' };

/** Runs commands through the core, as the server does, failing loudly on a refusal. */
function run(commands: [MeetingCommand, Actor][], from: MeetingState | null = null): MeetingState {
  let state = from;
  commands.forEach(([command, actor], i) => {
    const decision = decide(state, command, ctx(actor, new Date(Date.UTC(2026, 0, 23, 9, 0, i)).toISOString()), 'meeting-1');
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.detail}`);
    state = decision.events.reduce<MeetingState | null>((s, e) => evolve(s, e), state);
  });
  assert.ok(state);
  return state;
}

const submit = (stepId: string, i: number, payload: ContributionPayload, contributionId = `${stepId}-${i}-contribution`): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId, contributionId, payload },
  as(i),
];

/** A meeting of the small test method with four participants who did every kind of step. */
function heldTestMeeting(options: { proxyFirstCard?: boolean; voters?: number } = {}): MeetingState {
  const voters = options.voters ?? 4;
  const commands: [MeetingCommand, Actor][] = [
    [{ type: 'CreateMeeting', spec: { ...testSpec, kThreshold: 3 }, method: testMethod }, { role: 'system' }],
    [{ type: 'OpenMeeting' }, facilitator],
    ...NAMES.map((displayName, i): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true, displayName }, as(i)]),
    [{ type: 'StartMeeting' }, facilitator],
    [{ type: 'GoToStep', stepId: 'voor' }, facilitator],
    ...[0, 1, 2, 3].slice(0, voters).map((i) => submit('voor', i, { kind: 'choice', optionId: i < 3 ? 'a' : 'b' }, `vote-${i}-abcdefgh`)),
    [{ type: 'GoToStep', stepId: 'na' }, facilitator],
    ...[0, 1, 2, 3].slice(0, voters).map((i) => submit('na', i, { kind: 'choice', optionId: i < 2 ? 'a' : 'b' }, `vote-${i}-abcdefgh`)),
    [{ type: 'GoToStep', stepId: 'kaarten' }, facilitator],
    options.proxyFirstCard
      ? [{ type: 'SubmitContribution', stepId: 'kaarten', contributionId: 'card-0-abcdefgh', payload: { kind: 'card', text: 'Eerlijk zijn over twijfel', fieldId: 'kern' }, proxy: true }, facilitator]
      : submit('kaarten', 0, { kind: 'card', text: 'Eerlijk zijn over twijfel', fieldId: 'kern' }, 'card-0-abcdefgh'),
    submit('kaarten', 1, { kind: 'card', text: 'Loyaliteit heeft grenzen <script>', fieldId: 'kern' }, 'card-1-abcdefgh'),
    [{ type: 'GoToStep', stepId: 'schaal' }, facilitator],
    ...[0, 1, 2].map((i) => submit('schaal', i, { kind: 'scale', values: { nuttig: 3 + (i % 2) } })),
    [{ type: 'GoToStep', stepId: 'kaart' }, facilitator],
    ...[0, 1, 2].map((i) =>
      submit('kaart', i, {
        kind: 'map',
        entries: [
          { id: 'e1', fieldId: 'burgers', text: 'Goede dienstverlening', weight: 5 },
          { id: 'e2', fieldId: 'gezin', text: 'Op tijd thuis', weight: 3 },
        ],
        tensions: [{ a: 'e1', b: 'e2' }],
      }),
    ),
    [{ type: 'HarvestLesson', lesson: { id: 'les-een', title: 'Niet alles zelf oplossen', text: 'Laat ruimte aan het team.', sourceIds: [] } }, facilitator],
    [{ type: 'HarvestLesson', lesson: { id: 'les-twee', title: 'Benoem emoties', text: '', sourceIds: [] } }, facilitator],
    [{ type: 'CloseMeeting' }, facilitator],
  ];
  return run(commands);
}

it('[RP-1] Roman numerals number the dilemmas', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 9, 14, 40, 2014].map(roman), ['I', 'II', 'III', 'IV', 'V', 'IX', 'XIV', 'XL', 'MMXIV']);
  assert.throws(() => roman(0));
});

it('[RP-2] the draft of the demo meeting follows the seed report: title block, questions, dilemmas I–V, programme', async () => {
  const input = await demoMeeting();
  const model = buildReportModel(input, 'nl');
  const nl = renderMarkdown(draftDocument(input.state.id, model));
  assert.match(nl, /^\*Verslag bijeenkomst\*\n\n# Professionaliteit en moraliteit\n/);
  assert.match(nl, /\*\*Datum\*\* 23 januari 2014/);
  assert.match(nl, /\*\*Locatie\*\* /);
  assert.match(nl, /De centrale vragen waren:\n\n1\. .+\n2\. /);
  const numbers = [...nl.matchAll(/^### \*([IVX]+) /gm)].map((m) => m[1]);
  assert.deepEqual(numbers, ['I', 'II', 'III', 'IV', 'V']);
  const order = ['Situatie', 'Wat er werd gedaan', 'Gevolg', 'Met de wijsheid van nu'].map((label) => nl.indexOf(`**${label}.**`));
  assert.ok(order.every((at, i) => at > 0 && (i === 0 || at > (order[i - 1] ?? 0))), `dilemma fields in order: ${order}`);
  assert.match(nl, /\n---\n\nDeze bijeenkomst maakt deel uit van Routekaart/);
  const en = renderMarkdown(draftDocument(input.state.id, buildReportModel(input, 'en')));
  assert.match(en, /^\*Meeting report\*/);
  assert.match(en, /\*\*Date\*\* 23 January 2014/);
});

it('[RP-3] text is escaped: markup typed by a user stays text', () => {
  assert.equal(escapeMarkdown('**vet** <b>x</b> [link](javascript:alert(1))'), '\\*\\*vet\\*\\* \\<b\\>x\\</b\\> \\[link\\](javascript:alert(1))');
  assert.equal(escapeMarkdown('1. geen lijst'), '1\\. geen lijst');
  assert.equal(escapeMarkdown('- geen lijst'), '\\- geen lijst');
  assert.equal(escapeMarkdown('# geen kop'), '\\# geen kop');
  assert.equal(escapeMarkdown('twee\nregels'), 'twee regels');
  // A character reference typed by someone is shown as typed, not decoded.
  assert.equal(escapeMarkdown('Tom &amp; Jerry'), 'Tom \\&amp; Jerry');
  assert.match(markdownToHtml(escapeMarkdown('Tom &amp; Jerry &lt;b&gt;')), /<p>Tom &amp;amp; Jerry &amp;lt;b&amp;gt;<\/p>/);
});

describe('a report from what happened in the meeting', () => {
  const state = heldTestMeeting();
  const model = buildReportModel({ state, cases: [], programme: null });
  const md = renderMarkdown(draftDocument(state.id, model));

  it('[RP-4] each kind of step reports: cards as points, choice as a distribution with shift and chart, scale in figures, map fields and tensions, lessons numbered', () => {
    assert.match(md, /^## Dilemma$/m);
    assert.match(md, /Van de 4 antwoorden gingen er 3 naar ‘A’ \(75%\) en 1 naar ‘B’ \(25%\)\./);
    assert.match(md, /Van de 4 deelnemers die vooraf en achteraf kozen, veranderde er één van keuze\./);
    assert.match(md, /\| Keuze \| Aantal \|\n\| --- \| ---: \|\n\| A \| 2 \|\n\| B \| 2 \|/);
    assert.equal(Object.keys(model.charts).length, 2);
    assert.match(md, /3 deelnemers vulden de evaluatie in\./);
    assert.match(md, /\| Nuttig \| 3 \| 3,3 \(1–5\) \|/);
    assert.match(md, /- Burgers: 3 keer genoemd, gemiddeld gewicht 5,0 van 5 \(bijvoorbeeld: Goede dienstverlening\)/);
    assert.match(md, /- Burgers tegenover Gezin \(3 deelnemers\)/);
    assert.match(md, /## Lessen\n\n### \*I Niet alles zelf oplossen\*\n\nLaat ruimte aan het team\.\n\n### \*II Benoem emoties\*/);
    assert.match(md, /- Loyaliteit heeft grenzen \\<script\\>/);
  });

  it('[RP-5] no distribution from fewer than k answers: only how many answered', () => {
    const few = heldTestMeeting({ voters: 2 });
    const text = renderMarkdown(draftDocument(few.id, buildReportModel({ state: few, cases: [], programme: null })));
    assert.match(text, /2 antwoorden; te weinig om een verdeling te tonen\./);
    assert.doesNotMatch(text, /naar ‘A’/);
    assert.doesNotMatch(text, /\| Keuze \| Aantal \|/);
  });

  it('[RP-6] Chatham House: no participant name in the report, and an entry made by proxy reads like any other', () => {
    for (const name of NAMES) for (const part of name.split(' ')) if (part.length > 3) assert.ok(!md.includes(part), `${part} is in the report`);
    const proxied = heldTestMeeting({ proxyFirstCard: true });
    const proxiedMd = renderMarkdown(draftDocument(proxied.id, buildReportModel({ state: proxied, cases: [], programme: null })));
    assert.equal(proxiedMd, md);
  });

  it('[RP-7] the HTML export is accessible: language, one h1, section headings, header cells, charts as SVG figures; typed HTML stays text', () => {
    const html = renderHtml(draftDocument(state.id, model), { draft: 'not_approved' });
    assert.match(html, /^<!doctype html>\n<html lang="nl">/);
    assert.equal(html.match(/<h1>/g)?.length, 1);
    assert.match(html, /<h2 id="s-round-dilemma">Dilemma<\/h2>/);
    assert.match(html, /<th scope="col">Keuze<\/th>/);
    assert.match(html, /<figure class="chart">\n<figcaption id="chart-voor-caption">Voor \(4 antwoorden\)<\/figcaption>\n<svg role="img" aria-labelledby="chart-voor-caption"/);
    assert.match(html, /Loyaliteit heeft grenzen &lt;script&gt;/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /class="draft-mark" role="note"><strong>Concept: dit verslag is nog niet goedgekeurd\.<\/strong>/);
  });
});

describe('the workflow: draft → in review → approved → published', () => {
  const state = heldTestMeeting();
  const doc0 = draftDocument(state.id, buildReportModel({ state, cases: [], programme: null }));
  const c = (role: ReportContext['role'], over: Partial<ReportContext> = {}): ReportContext => ({
    role,
    name: role === 'editor' ? 'Eva Redacteur' : 'Ruud Rapporteur',
    now: '2026-01-24T10:00:00.000Z',
    meetingOver: true,
    participantNames: NAMES,
    ...over,
  });
  const ok = (doc: ReportDocument, action: Parameters<typeof applyReportAction>[1], context: ReportContext) => {
    const out = applyReportAction(doc, action, context);
    assert.ok(out.ok, out.ok ? '' : `${out.error.code}: ${out.error.detail}`);
    return out.document;
  };
  const refused = (doc: ReportDocument, action: Parameters<typeof applyReportAction>[1], context: ReportContext) => {
    const out = applyReportAction(doc, action, context);
    assert.ok(!out.ok);
    return out.error.code;
  };

  it('[RP-8] the rapporteur edits, reorders, drops and adds sections; the editor approves and publishes; who did what is kept', () => {
    const edited = ok(
      doc0,
      {
        type: 'edit',
        sections: [
          ...doc0.sections.map((s) => ({ id: s.id, title: s.title, markdown: s.id === 'round-werk' ? 'Herschreven tekst.' : s.markdown, included: s.id !== 'introduction' })).reverse(),
          { id: 'slot', title: 'Tot slot', markdown: 'Een afsluitende alinea.', included: true },
        ],
      },
      c('rapporteur'),
    );
    assert.equal(edited.sections.at(-1)?.kind, 'custom');
    assert.equal(edited.sections[1]?.id, 'round-werk');
    const md = renderMarkdown(edited);
    assert.ok(md.indexOf('## Werk') < md.indexOf('## Dilemma'));
    assert.match(md, /## Tot slot\n\nEen afsluitende alinea\./);
    assert.equal(refused(edited, { type: 'approve' }, c('editor')), 'wrong_status');
    assert.equal(refused(edited, { type: 'submit' }, c('rapporteur', { meetingOver: false })), 'meeting_not_over');
    assert.equal(refused(edited, { type: 'submit' }, c('editor')), 'forbidden');
    const inReview = ok(edited, { type: 'submit' }, c('rapporteur'));
    assert.equal(refused(inReview, { type: 'edit', sections: [] }, c('rapporteur')), 'wrong_status');
    assert.equal(refused(inReview, { type: 'approve' }, c('rapporteur')), 'forbidden');
    const approved = ok(inReview, { type: 'approve' }, c('editor'));
    const published = ok(approved, { type: 'publish' }, c('editor'));
    assert.equal(published.status, 'published');
    assert.deepEqual(
      published.history.map((h) => [h.action, h.role, h.name]),
      [
        ['edit', 'rapporteur', 'Ruud Rapporteur'],
        ['submit', 'rapporteur', 'Ruud Rapporteur'],
        ['approve', 'editor', 'Eva Redacteur'],
        ['publish', 'editor', 'Eva Redacteur'],
      ],
    );
    assert.match(renderMarkdown(published), /## Verslag geschreven door Ruud Rapporteur\n\n\*\*Redactie: Eva Redacteur\*\*/);
    assert.equal(ok(approved, { type: 'return', note: 'nog een correctie' }, c('editor')).status, 'draft');
    const withdrawn = ok(published, { type: 'return', note: 'een fout na publicatie' }, c('editor'));
    assert.deepEqual([withdrawn.status, withdrawn.publishedAt, withdrawn.editor], ['draft', null, null]);
    assert.equal(refused(withdrawn, { type: 'return' }, c('editor')), 'wrong_status');
  });

  it('[RP-9] the anonymity check flags a participant name, an e-mail address and a phone number before approval', () => {
    const leaky = ok(
      doc0,
      { type: 'edit', sections: [{ id: 'slot', title: 'Tot slot', markdown: 'Bram vertelde het. Mail a.b@example.nl of bel 06-12345678. Van der Berg niet; de wit-gele map ook niet.', included: true }] },
      c('rapporteur'),
    );
    const findings = checkAnonymity(leaky, NAMES);
    assert.deepEqual(findings.map((f) => f.kind).sort(), ['email', 'name', 'phone']);
    assert.ok(findings.some((f) => f.kind === 'name' && f.excerpt.includes('Bram')));
    const inReview = ok(leaky, { type: 'submit' }, c('rapporteur'));
    assert.equal(refused(inReview, { type: 'approve' }, c('editor')), 'anonymity_findings');
    const approved = ok(inReview, { type: 'approve', acknowledgeFindings: true }, c('editor'));
    assert.match(approved.history.at(-1)?.note ?? '', /3 flagged/);
    assert.deepEqual(checkAnonymity(doc0, NAMES), []);
  });
});
