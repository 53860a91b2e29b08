import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Actor, LiveCommand, MeetingEvent, MeetingState } from '@goedwerk/core';
import { loadDemo } from './demo.ts';
import { RAW_CONTRIBUTION_EVENTS, ReportService, type ReportView } from './reports.ts';
import { startTestServer, type TestServer } from './test-harness.ts';

const MEETING = 'goed-werk-hub-2014-01-23';

describe('the report over HTTP: read, edit, workflow, exports, retention', () => {
  let server: TestServer;
  let facilitatorToken = '';
  let rapporteurToken = '';
  let editorToken = '';
  let n = 0;

  async function run(command: LiveCommand, actor: Actor = { role: 'facilitator' }) {
    const outcome = await server.engine.execute({ meetingId: MEETING, commandId: `cmd-${n++}-abcdefgh`, command, actor });
    assert.notEqual(outcome.kind, 'rejected', JSON.stringify(outcome));
  }

  before(async () => {
    server = await startTestServer();
    await loadDemo(server.store, server.engine, server.content);
    const links = await server.engine.renewLinks(MEETING);
    const reportLinks = await server.engine.renewReportLinks(MEETING);
    assert.ok(links && reportLinks);
    facilitatorToken = links.facilitatorToken;
    ({ rapporteurToken, editorToken } = reportLinks);
    // Three participants (with names, as people type them) map their responsibilities.
    const people = ['Femke Bakker', 'Gijs Mulder', 'Hanna de Boer'].map((name, i) => ({ name, actor: { role: 'participant', participantId: `person-${i}-abcdefgh` } as Actor }));
    for (const p of people) await run({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: p.name }, p.actor);
    await run({ type: 'StartMeeting' });
    await run({ type: 'GoToStep', stepId: 'verantwoordelijkhedenkaart' });
    for (const [i, p] of people.entries()) {
      await run(
        {
          type: 'SubmitContribution',
          stepId: 'verantwoordelijkhedenkaart',
          contributionId: `map-${i}-abcdefgh`,
          payload: { kind: 'map', entries: [{ id: 'e1', fieldId: 'burgers-en-bedrijven', text: 'Snel antwoord op een vraag', weight: 4 }], tensions: [] },
        },
        p.actor,
      );
    }
  });
  after(() => server.close());

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const view = async (res: Response) => {
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as ReportView;
  };

  it('[API-12] the report needs one of the meeting\'s secret links; each link has its role', async () => {
    assert.equal((await call('GET', `/api/meetings/${MEETING}/report`)).status, 401);
    assert.equal((await call('GET', `/api/meetings/${MEETING}/report`, 'x'.repeat(43))).status, 401);
    assert.equal((await call('GET', `/api/meetings/${MEETING}/report.md`)).status, 401);
    assert.equal((await call('GET', `/api/meetings/nope/report`, facilitatorToken)).status, 404);
    const roles = await Promise.all([facilitatorToken, rapporteurToken, editorToken].map(async (t) => (await view(await call('GET', `/api/meetings/${MEETING}/report`, t))).role));
    assert.deepEqual(roles, ['facilitator', 'rapporteur', 'editor']);
  });

  it('[API-13] while the meeting runs the draft is generated afresh, marked as a draft, and grows with the meeting', async () => {
    const first = await view(await call('GET', `/api/meetings/${MEETING}/report`, rapporteurToken));
    assert.equal(first.version, 0);
    assert.equal(first.draft, 'running');
    assert.match(first.html, /Concept: de bijeenkomst is nog bezig\./);
    assert.match(first.html, /3 deelnemers brachten hun verantwoordelijkheden in kaart/);
    const md = await (await call('GET', `/api/meetings/${MEETING}/report.md`, rapporteurToken)).text();
    assert.match(md, /> \*\*Concept: de bijeenkomst is nog bezig\.\*\*/);
    for (const name of ['Femke', 'Gijs', 'Hanna']) assert.ok(!md.includes(name));
  });

  it('[API-14] the rapporteur edits on the version seen; a stale save, the editor editing and a submit before the end are refused', async () => {
    const current = await view(await call('GET', `/api/meetings/${MEETING}/report`, rapporteurToken));
    const sections = current.report.sections.map((s) => ({ id: s.id, title: s.title, markdown: s.markdown, included: true }));
    const closing = { id: 'tot-slot', title: 'Tot slot', markdown: 'Femke vond het een goede middag.', included: true };
    const saved = await view(await call('PUT', `/api/meetings/${MEETING}/report`, rapporteurToken, { version: 0, name: 'Rik Rapporteur', sections: [...sections, closing] }));
    assert.equal(saved.version, 1);
    assert.equal(saved.report.rapporteur, 'Rik Rapporteur');
    assert.deepEqual(saved.findings.map((f) => [f.kind, f.sectionId]), [['name', 'tot-slot']]);
    const stale = await call('PUT', `/api/meetings/${MEETING}/report`, rapporteurToken, { version: 0, name: 'Rik Rapporteur', sections });
    assert.equal(stale.status, 409);
    assert.deepEqual(await stale.json(), { error: 'version_conflict', message: 'someone else changed the report; reload it', version: 1 });
    assert.equal((await call('PUT', `/api/meetings/${MEETING}/report`, editorToken, { version: 1, name: 'Eef', sections })).status, 403);
    const early = await call('POST', `/api/meetings/${MEETING}/report/actions`, rapporteurToken, { version: 1, name: 'Rik Rapporteur', action: 'submit' });
    assert.equal(early.status, 409);
    assert.equal(((await early.json()) as { error: string }).error, 'meeting_not_over');
    const preview = await call('POST', `/api/meetings/${MEETING}/report/preview`, rapporteurToken, { sections: [{ id: 'x', title: 'Voorbeeld', markdown: 'Een <b>test</b>', included: true }] });
    assert.match(((await preview.json()) as { html: string }).html, /<h2 id="s-x">Voorbeeld<\/h2>\n<p>Een &lt;b&gt;test&lt;\/b&gt;<\/p>/);
  });

  it('[API-15] after the meeting: submit, the anonymity check stops approval until acknowledged, publish marks the meeting reported and opens the report to all', async () => {
    await run({ type: 'CloseMeeting' });
    const submitted = await view(await call('POST', `/api/meetings/${MEETING}/report/actions`, rapporteurToken, { version: 1, name: 'Rik Rapporteur', action: 'submit' }));
    assert.equal(submitted.report.status, 'in_review');
    const blocked = await call('POST', `/api/meetings/${MEETING}/report/actions`, editorToken, { version: 2, name: 'Eef Redacteur', action: 'approve' });
    assert.equal(blocked.status, 422);
    const body = (await blocked.json()) as { error: string; findings: { excerpt: string }[] };
    assert.equal(body.error, 'anonymity_findings');
    assert.match(body.findings[0]?.excerpt ?? '', /Femke vond het/);
    const approved = await view(await call('POST', `/api/meetings/${MEETING}/report/actions`, editorToken, { version: 2, name: 'Eef Redacteur', action: 'approve', acknowledgeFindings: true }));
    assert.equal(approved.report.status, 'approved');
    assert.equal(approved.draft, null);
    assert.equal((await call('GET', `/api/meetings/${MEETING}/report.html`)).status, 401, 'not public before publishing');
    const published = await view(await call('POST', `/api/meetings/${MEETING}/report/actions`, editorToken, { version: 3, name: 'Eef Redacteur', action: 'publish' }));
    assert.equal(published.report.status, 'published');
    assert.equal(published.meeting.status, 'reported');
    const html = await call('GET', `/api/meetings/${MEETING}/report.html`);
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(html.headers.get('content-disposition'), `attachment; filename="verslag-${MEETING}.html"`);
    const text = await html.text();
    assert.match(text, /<html lang="nl">/);
    assert.doesNotMatch(text, /Concept/);
    assert.match(text, /<h2>Verslag geschreven door Rik Rapporteur<\/h2>\n<p><strong>Redactie: Eef Redacteur<\/strong><\/p>/);
    assert.deepEqual(
      (await server.store.listAudit()).filter((e) => e.target === MEETING).map((e) => `${e.action}:${e.actorRole}`),
      ['report.publish:editor', 'report.approve:editor', 'report.submit:rapporteur'],
      'the workflow steps are in the audit log',
    );
    assert.deepEqual(
      published.report.history.map((h) => `${h.action}:${h.role}`),
      ['edit:rapporteur', 'submit:rapporteur', 'approve:editor', 'publish:editor'],
    );
  });

  it('[RT-1] retention: the raw contributions and names go once the approval is older than the period; the report stays', async () => {
    const countRaw = async () => (await server.store.eventsSince<MeetingEvent>(MEETING, 0)).filter((r) => (RAW_CONTRIBUTION_EVENTS as readonly string[]).includes(r.event.type)).length;
    assert.equal(await countRaw(), 3);
    const approvedAt = Date.parse((await server.store.getReport(MEETING))?.approvedAt ?? '');
    const at = (days: number) => new ReportService(server.store, server.content, server.engine, null, () => new Date(approvedAt + days * 86_400_000));
    assert.deepEqual(await at(29).sweepRetention(30), []);
    assert.equal(await countRaw(), 3);
    assert.ok((await at(31).sweepRetention(30)).includes(MEETING));
    assert.equal(await countRaw(), 0);
    const state = (await server.store.getMeeting<MeetingState>(MEETING))?.state;
    assert.deepEqual(Object.values(state?.steps ?? {}).flatMap((s) => Object.keys(s.contributions)), []);
    assert.equal(Object.keys(state?.participants ?? {}).length, 3, 'who took part stays, as pseudonymous ids');
    assert.doesNotMatch(JSON.stringify(await server.store.eventsSince(MEETING, 0)), /Femke|Gijs|Hanna/, 'the names people joined with are gone');
    const md = await (await call('GET', `/api/meetings/${MEETING}/report.md`)).text();
    assert.match(md, /3 deelnemers brachten hun verantwoordelijkheden in kaart/, 'the report keeps what it said');
    assert.deepEqual(await at(60).sweepRetention(30), [], 'purged once');
  });
});
