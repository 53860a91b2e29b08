import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT_ROLES, CASE_OPERATIONS, CASE_POLICY, type Case, type CaseOperation, type MeetingState } from '@goedwerk/core';
import { CaseLibrary } from './case-library.ts';
import { loadHeldMeeting } from './held-meeting.ts';
import { startTestServer, type TestServer } from './test-harness.ts';
import { staffCalls } from './test-staff.ts';

const draft = (title: string, situation = 'Een situatie waarin twee verantwoordelijkheden botsen.') => ({
  title: { nl: title },
  situation: { nl: situation },
  hornA: { nl: 'trouw aan de leiding' },
  hornB: { nl: 'trouw aan het vak' },
  themes: ['loyaliteit'],
  targetGroups: ['leidinggevenden'],
  prompts: [{ nl: 'Welke verantwoordelijkheden botsen hier?' }],
});

describe('the case library over HTTP: search, submission, review, from meeting to case, the policy table', () => {
  let server: TestServer;
  let staff: ReturnType<typeof staffCalls>;
  const ids = async (path: string, as?: string) => {
    const res = await staff.call('GET', path, as ? { as } : {});
    assert.equal(res.status, 200, path);
    return ((await res.json()) as { cases: Case[] }).cases.map((c) => c.id);
  };

  /** What the server asked the printer to print: the cards' HTML. */
  const printed: { html: string; options: unknown }[] = [];
  before(async () => {
    server = await startTestServer({
      exporters: {
        pdf: async (html, options) => {
          printed.push({ html, options });
          return new TextEncoder().encode('%PDF-1.7 test');
        },
        docx: async () => new Uint8Array(),
        odt: async () => new Uint8Array(),
        close: async () => undefined,
      },
    });
    staff = staffCalls(server);
    const library = new CaseLibrary(server.store);
    for (const c of server.content.cases) await library.put(c);
    for (const role of ACCOUNT_ROLES) await staff.signInAs(role);
  });
  after(() => server.close());

  it('[LB-30] a Dutch query finds the stemmed word; filters by theme and target group; facets come from the published library', async () => {
    const found = await ids(`/api/cases?q=${encodeURIComponent('verantwoordelijkheden')}`);
    assert.ok(found.length >= 1, 'a starter case says "verantwoordelijk" or "verantwoordelijkheid"');
    const body = (await (await staff.call('GET', '/api/cases')).json()) as { cases: Case[]; facets: { themes: string[]; targetGroups: string[] } };
    assert.equal(body.cases.length, server.content.cases.length);
    const theme = body.facets.themes[0];
    assert.ok(theme);
    const withTheme = await ids(`/api/cases?theme=${theme}`);
    assert.deepEqual(withTheme, body.cases.filter((c) => c.themes.includes(theme)).map((c) => c.id).sort());
    assert.equal((await staff.call('GET', '/api/cases?theme=Not%20a%20slug')).status, 400);
    assert.equal((await staff.call('GET', '/api/cases?scope=review')).status, 401, 'what waits for review is not public');
  });

  it('[LB-31] a submitted case is invisible in the library (list, search, by id) until a reviewer publishes it', async () => {
    const made = await staff.call('POST', '/api/cases', { as: 'facilitator', body: draft('Melden of zwijgen over een collega', 'Een collega neemt het niet nauw met de verantwoordelijkheden van het team.') });
    assert.equal(made.status, 201);
    const submitted = ((await made.json()) as { case: Case }).case;
    assert.equal(submitted.status, 'submitted');
    let visible = 0;
    for (const as of [undefined, 'facilitator', 'rapporteur']) {
      if ((await ids('/api/cases', as)).includes(submitted.id)) visible++;
      if ((await ids('/api/cases?q=verantwoordelijk', as)).includes(submitted.id)) visible++;
      if ((await staff.call('GET', `/api/cases/${submitted.id}`, as ? { as } : {})).status !== 404) visible++;
    }
    console.log(`FIGURE unreviewed_cases_visible=${visible}`);
    assert.equal(visible, 0);
    assert.ok((await ids('/api/cases?scope=review', 'editor')).includes(submitted.id), 'the reviewer sees it waiting');
    assert.equal((await staff.call('GET', `/api/cases/${submitted.id}`, { as: 'editor' })).status, 200);
    const published = await staff.call('POST', `/api/cases/${submitted.id}/review`, { as: 'editor', body: { action: 'publish' } });
    assert.equal(published.status, 200);
    assert.ok((await ids('/api/cases?q=verantwoordelijkheden')).includes(submitted.id), 'published: now anyone finds it');
    assert.equal((await staff.call('POST', `/api/cases/${submitted.id}/review`, { as: 'editor', body: { action: 'publish' } })).status, 409, 'not twice');
    const archived = await staff.call('POST', `/api/cases/${submitted.id}/review`, { as: 'programme_manager', body: { action: 'archive' } });
    assert.equal(archived.status, 200);
    assert.ok(!(await ids('/api/cases')).includes(submitted.id), 'archived cases leave the library');
  });

  it('[LB-32] a participant submits a case from the meeting with the secret their browser holds; no author is kept', async () => {
    const method = server.content.methods.get('dilemmamethode');
    assert.ok(method);
    const meeting = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Beraad' }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
    await server.engine.execute({ meetingId: meeting.meetingId, commandId: 'open-abcdefgh', command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    await server.engine.execute({ meetingId: meeting.meetingId, commandId: 'join-abcdefgh', command: { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Canary Pieters' }, actor: { role: 'participant', participantId: 'person-abcdefgh' } });
    const secret = 'a'.repeat(32);
    const body = { participantId: 'person-abcdefgh', secret, case: draft('Een dilemma uit de zaal') };
    const res = await staff.call('POST', `/api/meetings/${meeting.meetingId}/cases`, { body });
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    const stored = (await server.store.getCase(id)) as Case;
    assert.equal(stored.status, 'submitted');
    assert.equal(stored.sourceMeetingId, meeting.meetingId);
    assert.equal(stored.anonymisation, 'to_check');
    assert.ok(!JSON.stringify(stored).includes('person-abcdefgh') && !JSON.stringify(stored).includes('Canary'), 'no participant id or name with the case');
    assert.equal((await staff.call('POST', `/api/meetings/${meeting.meetingId}/cases`, { body: { ...body, secret: 'b'.repeat(32) } })).status, 404, 'a wrong secret submits nothing');
    assert.equal((await staff.call('POST', `/api/meetings/${meeting.meetingId}/cases`, { body: { ...body, participantId: 'nobody-abcdefgh' } })).status, 404);
    assert.equal((await staff.call('POST', `/api/cases/${id}/review`, { as: 'editor', body: { action: 'publish' } })).status, 422, 'not published before its anonymity is checked');
    const { id: _, status: __, ...fields } = stored;
    assert.equal((await staff.call('PUT', `/api/cases/${id}`, { as: 'editor', body: { ...fields, anonymisation: 'checked' } })).status, 200);
    assert.equal((await staff.call('POST', `/api/cases/${id}/review`, { as: 'editor', body: { action: 'publish' } })).status, 200);
  });

  it('[LB-35] a dilemma worked on in a meeting becomes a draft case with the group\'s hindsight and the lessons, after consent', async () => {
    const held = await loadHeldMeeting(server.store, server.content);
    const meeting = await server.store.getMeeting<MeetingState>(held.meetingId);
    const group = meeting?.state.groups[0];
    assert.ok(group);
    const listed = await staff.call('GET', `/api/meetings/${held.meetingId}/groups`, { as: 'facilitator' });
    assert.equal(listed.status, 200);
    const groups = ((await listed.json()) as { groups: { id: string; dilemma: { hornA: string } | null; members?: unknown }[] }).groups;
    assert.equal(groups.length, meeting?.state.groups.length);
    assert.equal(groups[0]?.dilemma?.hornA, group.dilemma?.hornA);
    assert.ok(groups.every((g) => g.members === undefined), 'who sat where is not listed');
    assert.equal((await staff.call('GET', `/api/meetings/${held.meetingId}/groups`)).status, 401);
    const path = `/api/meetings/${held.meetingId}/groups/${group.id}/case`;
    assert.equal((await staff.call('POST', path, { as: 'facilitator', body: { consent: false } })).status, 422, 'no consent, no case');
    const res = await staff.call('POST', path, { as: 'facilitator', body: { consent: true } });
    assert.equal(res.status, 201);
    const made = ((await res.json()) as { case: Case }).case;
    assert.equal(made.status, 'draft');
    assert.equal(made.sourceMeetingId, held.meetingId);
    assert.equal(made.consent, 'given');
    assert.equal(made.anonymisation, 'to_check');
    assert.ok(made.hindsight?.nl, 'the hindsight comes with it');
    assert.equal(made.prompts.length, Math.min(10, meeting?.state.lessons.length ?? 0), 'the harvested lessons as questions for a next conversation');
    assert.ok(made.prompts.length > 0);
    const names = Object.values(meeting?.state.participants ?? {}).flatMap((p) => (p.displayName ? [p.displayName] : []));
    assert.ok(names.length > 0);
    for (const name of names) assert.ok(!JSON.stringify(made).includes(name), `${name} is not in the draft`);
    assert.ok(!(await ids('/api/cases')).includes(made.id), 'a draft is not in the library');
    assert.equal((await staff.call('POST', `/api/meetings/${held.meetingId}/groups/no-such-group/case`, { as: 'facilitator', body: { consent: true } })).status, 404);
  });

  it('[LB-36] the library exported as JSON imports again exactly; anyone gets the published cases, reviewers every case', async () => {
    const publicExport = await staff.call('GET', '/api/cases/export.json');
    assert.equal(publicExport.status, 200);
    assert.match(publicExport.headers.get('content-disposition') ?? '', /attachment; filename="dilemmabank.json"/);
    const document = (await publicExport.json()) as { format: string; cases: Case[] };
    assert.equal(document.format, 'goedwerk-case-library');
    assert.ok(document.cases.every((c) => c.status === 'published'));
    assert.deepEqual(document.cases.map((c) => c.id), await ids('/api/cases'));
    assert.equal((await staff.call('GET', '/api/cases/export.json?scope=all')).status, 401);
    const all = (await (await staff.call('GET', '/api/cases/export.json?scope=all', { as: 'editor' })).json()) as { cases: Case[] };
    assert.ok(all.cases.some((c) => c.status !== 'published'), 'cases under review come with it');
    // Into a fresh library: the same cases, byte for byte.
    const other = await startTestServer();
    try {
      const otherStaff = staffCalls(other);
      await otherStaff.signInAs('programme_manager');
      const broken = { ...all, cases: [...all.cases, { id: 'Kapot', title: {} }] };
      const imported = await otherStaff.call('POST', '/api/cases/import', { as: 'programme_manager', body: broken });
      assert.equal(imported.status, 200);
      const result = (await imported.json()) as { imported: number; errors: { index?: number; reason: string }[] };
      assert.equal(result.imported, all.cases.length);
      assert.equal(result.errors.length, 1);
      assert.equal(result.errors[0]?.index, all.cases.length);
      const back = (await (await otherStaff.call('GET', '/api/cases/export.json?scope=all', { as: 'programme_manager' })).json()) as { cases: Case[] };
      assert.deepEqual(back.cases, all.cases);
    } finally {
      await other.close();
    }
  });

  it('[LB-37] case cards: the library\'s cases with a QR code to each case; a meeting\'s cases with its join link, for its facilitator only', async () => {
    const two = (await ids('/api/cases')).slice(0, 2);
    printed.length = 0;
    const res = await staff.call('GET', `/api/cases/cards.pdf?ids=${two.join(',')}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(printed.length, 1);
    assert.deepEqual(printed[0]?.options, { preferCssPageSize: true }, 'the cards set their own A6 page');
    for (const id of two) assert.ok(printed[0]?.html.includes(`${server.url}/library/${id}`), `the QR code of ${id} leads to the case`);
    const method = server.content.methods.get('goed-werk-hub');
    assert.ok(method);
    const meeting = await server.engine.createMeeting({ methodId: method.id, title: { nl: 'Op papier' }, facilitators: [], centralQuestions: [], caseIds: [two[0] ?? ''] }, method);
    await server.engine.execute({ meetingId: meeting.meetingId, commandId: 'open-cards123', command: { type: 'OpenMeeting' }, actor: { role: 'system' } });
    const state = (await server.store.getMeeting<MeetingState>(meeting.meetingId))?.state;
    assert.ok(state?.joinToken);
    assert.equal((await staff.call('GET', `/api/cases/cards.pdf?meeting=${meeting.meetingId}`)).status, 404, 'not without the console token: the join link is the facilitator\'s to hand out');
    printed.length = 0;
    const forMeeting = await staff.call('GET', `/api/cases/cards.pdf?meeting=${meeting.meetingId}`, { headers: { authorization: `Bearer ${meeting.facilitatorToken}` } });
    assert.equal(forMeeting.status, 200);
    assert.ok(printed[0]?.html.includes(`${server.url}/j/${state.joinToken}`), 'the QR code joins the meeting to vote');
    assert.equal((await staff.call('GET', '/api/cases/cards.pdf?ids=no-such-case')).status, 404);
  });

  it('[LB-34] every role × case operation follows the one policy table; without a session every staff operation is 401', async () => {
    const submitted = async () => ((await (await staff.call('POST', '/api/cases', { as: 'admin', body: draft(`Te beoordelen ${Math.random()}`) })).json()) as { case: Case }).case.id;
    const held = (await server.store.listMeetings<MeetingState>()).find((m) => m.state.groups.length > 0);
    assert.ok(held);
    const attempt: Record<CaseOperation, (as?: string) => Promise<Response>> = {
      'case.submit': (as) => staff.call('POST', '/api/cases', { ...(as ? { as } : {}), body: draft('Ingediend') }),
      'case.review': async (as) => staff.call('POST', `/api/cases/${await submitted()}/review`, { ...(as ? { as } : {}), body: { action: 'return' } }),
      'case.edit': async (as) => staff.call('PUT', `/api/cases/${await submitted()}`, { ...(as ? { as } : {}), body: draft('Bewerkt') }),
      'case.archive': async (as) => staff.call('POST', `/api/cases/${await submitted()}/review`, { ...(as ? { as } : {}), body: { action: 'archive' } }),
      'case.fromMeeting': (as) => staff.call('POST', `/api/meetings/${held.id}/groups/${held.state.groups[0]?.id}/case`, { ...(as ? { as } : {}), body: { consent: true } }),
      'case.import': (as) => staff.call('POST', '/api/cases/import', { ...(as ? { as } : {}), body: { format: 'goedwerk-case-library', version: 1, cases: [] } }),
      'case.exportAll': (as) => staff.call('GET', '/api/cases/export.json?scope=all', { ...(as ? { as } : {}) }),
    };
    let cells = 0;
    let unexpectedAllows = 0;
    for (const operation of CASE_OPERATIONS) {
      assert.equal((await attempt[operation]()).status, 401, `${operation} without a session`);
      for (const role of ACCOUNT_ROLES) {
        const status = (await attempt[operation](role)).status;
        const expected = (CASE_POLICY[operation] as readonly string[]).includes(role);
        cells++;
        if (!expected && status < 400) unexpectedAllows++;
        assert.equal(status < 400, expected, `${role} ${operation}: ${status}`);
        if (!expected) assert.equal(status, 403);
      }
    }
    console.log(`FIGURE case_policy_cells_tested=${cells}`);
    console.log(`FIGURE case_policy_unexpected_allows=${unexpectedAllows}`);
    assert.equal(cells, ACCOUNT_ROLES.length * CASE_OPERATIONS.length);
  });
});
