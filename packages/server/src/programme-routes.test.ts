import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCOUNT_ROLES, type MeetingState, PROGRAMME_OPERATIONS, PROGRAMME_POLICY, type ProgrammeOperation, type ProgrammeResponse } from '@goedwerk/core';
import { startTestServer, type TestServer } from './test-harness.ts';
import { staffCalls } from './test-staff.ts';

describe('programmes over HTTP: made by programme managers, follow-ups carried to the next meeting, the policy table', () => {
  let server: TestServer;
  let staff: ReturnType<typeof staffCalls>;
  let firstMeeting = '';

  before(async () => {
    server = await startTestServer();
    staff = staffCalls(server);
    for (const role of ACCOUNT_ROLES) await staff.signInAs(role);
  });
  after(() => server.close());

  it('[PG-15] a programme manager starts a programme with theme, sponsor and place, and changes it', async () => {
    const body = { id: 'integriteit-2027', title: 'Integriteit in de uitvoering', theme: 'Moreel beraad in teams', supportedBy: 'Ministerie van BZK', place: 'Zwolle' };
    const made = await staff.call('POST', '/api/programmes', { as: 'programme_manager', body });
    assert.equal(made.status, 201);
    assert.equal((await staff.call('POST', '/api/programmes', { as: 'programme_manager', body })).status, 409, 'an id is taken once');
    const read = (await (await staff.call('GET', '/api/programmes/integriteit-2027')).json()) as ProgrammeResponse;
    assert.deepEqual([read.programme.title.nl, read.programme.theme?.nl, read.programme.supportedBy?.nl, read.programme.place], ['Integriteit in de uitvoering', 'Moreel beraad in teams', 'Ministerie van BZK', 'Zwolle']);
    const changed = await staff.call('PUT', '/api/programmes/integriteit-2027', { as: 'programme_manager', body: { title: 'Integriteit in de uitvoering 2027', place: 'Deventer' } });
    assert.equal(changed.status, 200);
    const again = (await (await staff.call('GET', '/api/programmes/integriteit-2027')).json()) as ProgrammeResponse;
    assert.equal(again.programme.place, 'Deventer');
    assert.equal(again.programme.theme, undefined, 'a field left empty is removed');
  });

  it('[PG-16] follow-ups agreed in a meeting have an owner role and a review date; they belong to the meeting\'s programme', async () => {
    const prepared = await staff.call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Eerste bijeenkomst', programmeId: 'integriteit-2027', date: '2027-01-20' } });
    assert.equal(prepared.status, 201);
    firstMeeting = ((await prepared.json()) as { meetingId: string }).meetingId;
    const add = (text: string, reviewDate?: string) =>
      staff.call('POST', '/api/programmes/integriteit-2027/follow-ups', { as: 'facilitator', body: { meetingId: firstMeeting, text, ownerRole: 'teamleider', ...(reviewDate ? { reviewDate } : {}) } });
    assert.equal((await add('Elk kwartaal een dilemma bespreken in het teamoverleg', '2027-04-01')).status, 201);
    assert.equal((await add('Een vertrouwenspersoon uitnodigen')).status, 201);
    const closed = await add('Al gedaan');
    const closedId = ((await closed.json()) as { followUp: { id: string } }).followUp.id;
    assert.equal((await staff.call('POST', `/api/programmes/integriteit-2027/follow-ups/${closedId}`, { as: 'facilitator', body: { status: 'done' } })).status, 200);
    const other = await staff.call('POST', '/api/programmes/routekaart-goed-werk/follow-ups', { as: 'facilitator', body: { meetingId: firstMeeting, text: 'x', ownerRole: 'y' } });
    assert.equal(other.status, 404, 'a meeting of another programme');
    const read = (await (await staff.call('GET', '/api/programmes/integriteit-2027')).json()) as ProgrammeResponse;
    assert.deepEqual(read.followUps.map((f) => [f.text, f.ownerRole, f.reviewDate, f.status]), [
      ['Elk kwartaal een dilemma bespreken in het teamoverleg', 'teamleider', '2027-04-01', 'open'],
      ['Een vertrouwenspersoon uitnodigen', 'teamleider', null, 'open'],
      ['Al gedaan', 'teamleider', null, 'done'],
    ]);
  });

  it('[PG-14] the next meeting prepared in the programme opens with the open follow-ups', async () => {
    const prepared = await staff.call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Tweede bijeenkomst', programmeId: 'integriteit-2027', date: '2027-05-20' } });
    assert.equal(prepared.status, 201);
    const { meetingId } = (await prepared.json()) as { meetingId: string };
    const meeting = await server.store.getMeeting<MeetingState>(meetingId);
    const opening = meeting?.state.agenda[0];
    assert.equal(opening?.id, 'afspraken-vorige-keer');
    const step = opening?.steps[0];
    assert.ok(step && step.primitive === 'info' && step.body);
    assert.match(step.body.nl, /Elk kwartaal een dilemma bespreken in het teamoverleg \(eigenaar: teamleider; terugkijken op: 2027-04-01\)/);
    assert.match(step.body.nl, /Een vertrouwenspersoon uitnodigen/);
    assert.doesNotMatch(step.body.nl, /Al gedaan/, 'what is done is not carried');
    assert.match(step.body.en, /owner: teamleider/);
    const outside = await staff.call('POST', '/api/meetings', { as: 'facilitator', body: { methodId: 'goed-werk-hub', title: 'Los beraad' } });
    const alone = await server.store.getMeeting<MeetingState>(((await outside.json()) as { meetingId: string }).meetingId);
    assert.notEqual(alone?.state.agenda[0]?.id, 'afspraken-vorige-keer', 'a meeting outside a programme carries nothing');
  });

  it('[PG-18] every role × programme operation follows the one policy table; without a session every operation is 401', async () => {
    let n = 0;
    const fresh = () => `p-${++n}`;
    const followUp = async () =>
      ((await (await staff.call('POST', '/api/programmes/integriteit-2027/follow-ups', { as: 'admin', body: { meetingId: firstMeeting, text: 'x', ownerRole: 'y' } })).json()) as { followUp: { id: string } }).followUp.id;
    const attempt: Record<ProgrammeOperation, (as?: string) => Promise<Response>> = {
      'programme.create': (as) => staff.call('POST', '/api/programmes', { ...(as ? { as } : {}), body: { id: fresh(), title: 'Nieuw' } }),
      'programme.edit': (as) => staff.call('PUT', '/api/programmes/integriteit-2027', { ...(as ? { as } : {}), body: { title: 'Integriteit in de uitvoering 2027' } }),
      'followUp.add': (as) => staff.call('POST', '/api/programmes/integriteit-2027/follow-ups', { ...(as ? { as } : {}), body: { meetingId: firstMeeting, text: 'x', ownerRole: 'y' } }),
      'followUp.close': async (as) => staff.call('POST', `/api/programmes/integriteit-2027/follow-ups/${await followUp()}`, { ...(as ? { as } : {}), body: { status: 'done' } }),
      'themes.confirm': (as) => staff.call('POST', '/api/programmes/integriteit-2027/themes', { ...(as ? { as } : {}), body: { themes: ['tegenspraak'] } }),
    };
    let cells = 0;
    let unexpectedAllows = 0;
    for (const operation of PROGRAMME_OPERATIONS) {
      assert.equal((await attempt[operation]()).status, 401, `${operation} without a session`);
      for (const role of ACCOUNT_ROLES) {
        const status = (await attempt[operation](role)).status;
        const expected = (PROGRAMME_POLICY[operation] as readonly string[]).includes(role);
        cells++;
        if (!expected && status < 400) unexpectedAllows++;
        assert.equal(status < 400, expected, `${role} ${operation}: ${status}`);
        if (!expected) assert.equal(status, 403);
      }
    }
    console.log(`FIGURE programme_policy_cells_tested=${cells}`);
    console.log(`FIGURE programme_policy_unexpected_allows=${unexpectedAllows}`);
    assert.equal(cells, ACCOUNT_ROLES.length * PROGRAMME_OPERATIONS.length);
  });
});
