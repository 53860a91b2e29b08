import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide } from './decide.ts';
import { evolve } from './state.ts';
import { create, ctx, given, open, participant } from './test-fixtures.ts';
import { projectEvent, projectState, VIEW_ROLES } from './view.ts';

const alias = (id: string) => `alias-${[...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36)}`;

it('[VW-1] display names reach the facilitator only; the room sees presence', () => {
  const state = given(create, open);
  const decision = decide(state, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: 'Canary Name' }, ctx(participant('p-9')), 'meeting-1');
  assert.ok(decision.ok);
  const [event] = decision.events;
  assert.ok(event);
  const full = evolve(state, event);
  // [VW-8] the screen sees the arrival; phones see no arrival, the newcomer's own holds their own record
  const viewers: Viewer[] = [{ role: 'facilitator' }, { role: 'screen' }, { role: 'participant', participantId: 'p-9' }, { role: 'participant', participantId: 'p-1' }, { role: 'participant' }];
  for (const viewer of viewers) {
    const projected = projectEvent(event, viewer, full, alias);
    const after = projectState(full, viewer, alias);
    const own = ownRecord(full, viewer);
    const leaks = JSON.stringify([projected, after, own]).includes('Canary Name');
    assert.equal(leaks, viewer.role === 'facilitator', `${JSON.stringify(viewer)} ${leaks ? 'sees' : 'does not see'} the name`);
    assert.equal(projected !== null && 'participantId' in projected, viewer.role !== 'participant', `${JSON.stringify(viewer)}: presence`);
    assert.deepEqual(Object.keys(after.participants), viewer.role !== 'participant' || viewer.participantId === 'p-9' ? ['p-9'] : []);
    assert.equal(own?.id ?? null, viewer.participantId === 'p-9' ? 'p-9' : null);
  }
});

it('[VW-2] a projected state evolved with projected events equals the projection of the full state', () => {
  let full = given(create, open);
  assert.ok(full);
  let screen = projectState(full, { role: 'screen' }, alias);
  for (const [i, name] of ['A', 'B', 'C'].entries()) {
    const d = decide(full, { type: 'JoinMeeting', acceptConfidentiality: true, displayName: name }, ctx(participant(`p-${i}`)), 'meeting-1');
    assert.ok(d.ok);
    for (const e of d.events) {
      full = evolve(full, e);
      const seen = projectEvent(e, { role: 'screen' }, full, alias);
      if (seen) screen = evolve(screen, seen);
    }
  }
  assert.deepEqual(screen, projectState(full, { role: 'screen' }, alias));
});

import type { Actor } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { opinionShift, scaleSummary, tally } from './results.ts';
import { ownRecord, projectStep, resyncFor, sameSharedView, sharedViewer, type Viewer, viewerFor } from './view.ts';
import type { MeetingState } from './state.ts';

const join = (id: string): [MeetingCommand, Actor] => [{ type: 'JoinMeeting', acceptConfidentiality: true }, participant(id)];
const card = (id: string, text: string, by: string): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId: 'kaarten', contributionId: id, payload: { kind: 'card', text } },
  participant(by),
];
const vote = (id: string, optionId: string, by: string): [MeetingCommand, Actor] => [
  { type: 'SubmitContribution', stepId: 'voor', contributionId: id, payload: { kind: 'choice', optionId } },
  participant(by),
];

it('[VW-3] before a reveal others may count contributions but not read them; a group reads its own work', () => {
  const state = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [
    { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1'] }, { id: 'g2', name: 'Twee', memberIds: ['p-2'] }] },
  ], [{ type: 'GoToStep', stepId: 'kaarten' }], card('card-secret-1', 'Canary text', 'p-1'), [{ type: 'GoToStep', stepId: 'notitie' }], [
    { type: 'SubmitContribution', stepId: 'notitie', contributionId: 'note-g1-0001', payload: { kind: 'note', text: 'Group one note' } },
    participant('p-1'),
  ]) as MeetingState;
  const screen = JSON.stringify(projectState(state, { role: 'screen' }, alias));
  assert.doesNotMatch(screen, /Canary text|Group one note|card-secret-1/);
  assert.equal(Object.keys(projectState(state, { role: 'screen' }, alias).steps['kaarten']?.contributions ?? {}).length, 1, 'counted');
  const inG1 = JSON.stringify(projectState(state, viewerFor(state, participant('p-1')), alias));
  const inG2 = JSON.stringify(projectState(state, viewerFor(state, participant('p-2')), alias));
  assert.match(inG1, /Group one note/);
  assert.doesNotMatch(inG2, /Group one note/);
  assert.match(JSON.stringify(projectState(state, { role: 'facilitator' }, alias)), /Canary text/);
  const revealed = given(create, open, join('p-1'), [{ type: 'StartMeeting' }], [{ type: 'GoToStep', stepId: 'kaarten' }], card('card-secret-1', 'Canary text', 'p-1'), [
    { type: 'RevealResults', stepId: 'kaarten' },
  ]) as MeetingState;
  const shown = JSON.stringify(projectState(revealed, { role: 'participant' }, alias));
  assert.match(shown, /Canary text/);
  assert.doesNotMatch(shown, /card-secret-1/, 'the real contribution id stays with its author');
});

it('[VW-4] a revealed distribution is shown only from k = 3 answers', () => {
  const base = [create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'NextStep' }], [{ type: 'RevealResults', stepId: 'voor' }]] as [MeetingCommand, Actor?][];
  const two = given(...base, vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'b', 'p-2')) as MeetingState;
  const seen = (s: MeetingState) => projectState(s, { role: 'screen' }, alias);
  assert.deepEqual(tally(seen(two), 'voor'), { total: 2, shown: false });
  assert.deepEqual(seen(two).steps['voor']?.summary, { total: 2 }, 'only how many answered');
  const three = given(...base, vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'b', 'p-2'), vote('vote-p3-0001', 'a', 'p-3')) as MeetingState;
  assert.deepEqual(tally(seen(three), 'voor'), { total: 3, shown: true, value: { a: 2, b: 1 } });
  assert.deepEqual(tally(seen(three), 'voor'), tally(three, 'voor'), 'the same figures as the facilitator sees');
});

it('[VW-5] new groups or a removal make non-facilitators resync from a snapshot; a reveal or a crossed k-threshold resync that step only', () => {
  const state = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'NextStep' }], [{ type: 'RevealResults', stepId: 'voor' }], vote('vote-p1-0001', 'a', 'p-1'), vote('vote-p2-0001', 'a', 'p-2'), vote('vote-p3-0001', 'a', 'p-3')) as MeetingState;
  const at = '2026-01-23T09:00:00.000Z';
  assert.deepEqual(resyncFor([{ type: 'ResultsRevealed', at, stepId: 'voor' }], state), { full: false, steps: ['voor'] });
  assert.deepEqual(resyncFor([{ type: 'ResultsHidden', at, stepId: 'voor' }], state), { full: false, steps: ['voor'] });
  assert.deepEqual(resyncFor([{ type: 'GroupsFormed', at, groups: [] }], state), { full: true, steps: [] });
  assert.deepEqual(resyncFor([{ type: 'ParticipantRemoved', at, participantId: 'p-1' }], state), { full: true, steps: [] });
  const third = { type: 'ContributionSubmitted', at, stepId: 'voor', contributionId: 'vote-p3-0001', proxy: false, payload: { kind: 'choice', optionId: 'a' } } as const;
  assert.deepEqual(resyncFor([third], state), { full: false, steps: ['voor'] }, 'an answer to a counted step (VW-7)');
  assert.deepEqual(resyncFor([{ type: 'StepActivated', at, stepId: 'na' }], state), { full: false, steps: [] });
  // A card step: only the answer that crosses k sends the step.
  const cards = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'GoToStep', stepId: 'kaarten' }], [{ type: 'RevealResults', stepId: 'kaarten' }], card('card-p1-0001', 'Een', 'p-1'), card('card-p2-0001', 'Twee', 'p-2')) as MeetingState;
  const submitted = (id: string, text: string) => ({ type: 'ContributionSubmitted', at, stepId: 'kaarten', contributionId: id, proxy: false, payload: { kind: 'card', text } }) as const;
  assert.deepEqual(resyncFor([submitted('card-p2-0001', 'Twee')], cards), { full: false, steps: [] }, 'two cards: below k');
  const threeCards = given(create, open, join('p-1'), join('p-2'), join('p-3'), [{ type: 'StartMeeting' }], [{ type: 'GoToStep', stepId: 'kaarten' }], [{ type: 'RevealResults', stepId: 'kaarten' }], card('card-p1-0001', 'Een', 'p-1'), card('card-p2-0001', 'Twee', 'p-2'), card('card-p3-0001', 'Drie', 'p-3')) as MeetingState;
  assert.deepEqual(resyncFor([submitted('card-p3-0001', 'Drie')], threeCards), { full: false, steps: ['kaarten'] }, 'the third card crosses k');
  assert.deepEqual(resyncFor([submitted('card-p2-0001', 'Twee'), submitted('card-p3-0001', 'Drie')], threeCards), { full: false, steps: ['kaarten'] }, 'two cards that cross k together');
  // The card step's runtime as the screen sees it once k is reached: the cards readable, the ids aliased.
  const step = projectStep(threeCards, 'kaarten', { role: 'screen' }, alias);
  assert.deepEqual(Object.values(step.contributions).map((c) => c.payload), [{ kind: 'card', text: 'Een' }, { kind: 'card', text: 'Twee' }, { kind: 'card', text: 'Drie' }]);
  assert.ok(Object.keys(step.contributions).every((id) => !id.startsWith('card-')), 'aliased ids');
  assert.deepEqual(step, projectState(threeCards, { role: 'screen' }, alias).steps['kaarten'], 'the same as in a snapshot');
});

it('[VW-6] a group does not read its own votes before the reveal: distributions follow k, also within a group', () => {
  const state = given(create, open, join('p-1'), join('p-2'), [{ type: 'StartMeeting' }], [
    { type: 'FormGroups', groups: [{ id: 'g1', name: 'Een', memberIds: ['p-1', 'p-2'] }] },
  ], [{ type: 'GoToStep', stepId: 'groepskeuze' }], [
    { type: 'SubmitContribution', stepId: 'groepskeuze', contributionId: 'vote-p1-0001', payload: { kind: 'choice', optionId: 'a' } },
    participant('p-1'),
  ]) as MeetingState;
  assert.equal(state.steps['groepskeuze']?.contributions['vote-p1-0001']?.groupId, 'g1');
  const seen = projectState(state, viewerFor(state, participant('p-2')), alias);
  assert.deepEqual(seen.steps['groepskeuze']?.contributions, {});
  assert.deepEqual(seen.steps['groepskeuze']?.summary, { total: 1 }, 'counted, not read');
});

it('[VW-7] participants and the screen see a counted step as counts: no entry per answer, and events plus the steps Resync names keep their view equal to the projection', () => {
  let full = given(create, open) as MeetingState;
  const viewers = [{ role: 'screen' }, { role: 'participant' }] as const;
  const views = viewers.map((v) => projectState(full, v, alias));
  const bytesPerVote: number[] = [];
  const run = (command: MeetingCommand, actor: Actor = { role: 'facilitator' }) => {
    const decision = decide(full, command, ctx(actor), 'meeting-1');
    assert.ok(decision.ok, command.type);
    for (const e of decision.events) full = evolve(full, e);
    const resync = resyncFor(decision.events, full);
    for (const [i, viewer] of viewers.entries()) {
      let view = views[i] as MeetingState;
      const seen = decision.events.flatMap((e) => projectEvent(e, viewer, full, alias) ?? []);
      if (resync.full) view = projectState(full, viewer, alias);
      else {
        for (const e of seen) view = evolve(view, e);
        const steps = Object.fromEntries(resync.steps.map((id) => [id, projectStep(full, id, viewer, alias)]));
        view = { ...view, steps: { ...view.steps, ...steps } };
        if (command.type === 'SubmitContribution' && viewer.role === 'participant') bytesPerVote.push(JSON.stringify({ events: seen, steps }).length);
      }
      views[i] = view;
      assert.deepEqual(view, projectState(full, viewer, alias), `${viewer.role} after ${command.type}`);
    }
  };
  const people = Array.from({ length: 40 }, (_, i) => `p-${String(i).padStart(2, '0')}`);
  for (const p of people) run({ type: 'JoinMeeting', acceptConfidentiality: true }, participant(p));
  run({ type: 'StartMeeting' });
  run({ type: 'GoToStep', stepId: 'voor' });
  for (const [i, p] of people.entries()) {
    run({ type: 'SubmitContribution', stepId: 'voor', contributionId: `vote-${p}-voor`, payload: { kind: 'choice', optionId: i % 3 === 0 ? 'b' : 'a' } }, participant(p));
    if (i === 1) run({ type: 'RevealResults', stepId: 'voor' });
  }
  assert.deepEqual(views[1]?.steps['voor']?.contributions, {}, 'no entry per answer');
  assert.deepEqual(tally(views[1] as MeetingState, 'voor'), { total: 40, shown: true, value: { a: 26, b: 14 } });
  // What a participant receives for one vote does not grow with the number of votes before it.
  assert.ok(Math.max(...bytesPerVote.slice(5)) - Math.min(...bytesPerVote.slice(5)) <= 8, `bytes per vote: ${bytesPerVote.join(', ')}`);
  assert.ok(Math.max(...bytesPerVote) < 400, `a vote costs a participant at most a few hundred bytes (${Math.max(...bytesPerVote)})`);

  // The paired vote after: its opinion shift reaches the room once both steps are readable.
  run({ type: 'GoToStep', stepId: 'na' });
  for (const [i, p] of people.entries()) run({ type: 'SubmitContribution', stepId: 'na', contributionId: `vote-${p}-voor`, payload: { kind: 'choice', optionId: i % 2 === 0 ? 'b' : 'a' } }, participant(p));
  assert.equal(opinionShift(views[0] as MeetingState, 'na')?.shown, false, 'not before the reveal');
  run({ type: 'RevealResults', stepId: 'na' });
  assert.deepEqual(opinionShift(views[0] as MeetingState, 'na'), opinionShift(full, 'na'));
  run({ type: 'HideResults', stepId: 'voor' });
  assert.equal(opinionShift(views[0] as MeetingState, 'na')?.shown, false, 'hiding the earlier step hides the shift');

  // A scale and a dot vote: the same figures as the facilitator's.
  run({ type: 'GoToStep', stepId: 'schaal' });
  run({ type: 'RevealResults', stepId: 'schaal' });
  for (const [i, p] of people.slice(0, 5).entries()) run({ type: 'SubmitContribution', stepId: 'schaal', contributionId: `scale-${p}`, payload: { kind: 'scale', values: { nuttig: 1 + (i % 5) } } }, participant(p));
  assert.deepEqual(scaleSummary(views[1] as MeetingState, 'schaal'), scaleSummary(full, 'schaal'));
  run({ type: 'GoToStep', stepId: 'stippen' });
  for (const p of people.slice(0, 4)) run({ type: 'SubmitContribution', stepId: 'stippen', contributionId: `dots-${p}`, payload: { kind: 'dots', optionIds: ['x', 'z'] } }, participant(p));
  assert.equal(tally(views[1] as MeetingState, 'stippen').shown, false, 'not before the reveal');
  run({ type: 'RevealResults', stepId: 'stippen' });
  assert.deepEqual(tally(views[1] as MeetingState, 'stippen'), { total: 4, shown: true, value: { x: 4, y: 0, z: 4 } });
  // A removal sends a whole snapshot, still with counts only.
  run({ type: 'RemoveParticipant', participantId: 'p-00' });
  assert.doesNotMatch(JSON.stringify(views), /vote-p-|scale-p-|dots-p-/, 'no contribution id of a counted step reaches the room');
});

it('[VW-8] a participant sees no arrival: the shared view holds nobody, a join leaves it as it was, and snapshot + own record equal their projection', () => {
  const start = given(create, open, join('p-1'), join('p-2'));
  assert.ok(start);
  let full = start;
  const shared: Viewer = { role: 'participant' };
  const me: Viewer = viewerFor(full, participant('p-7'));
  assert.deepEqual(me, { role: 'participant', participantId: 'p-7' });
  assert.deepEqual(sharedViewer(me), shared);
  assert.deepEqual(projectState(full, shared, alias).participants, {}, 'a shared participant view names nobody');
  assert.deepEqual(Object.keys(projectState(full, { role: 'screen' }, alias).participants), ['p-1', 'p-2'], 'the screen counts everyone');
  // The phone connects before it joins: a shared snapshot, and no own record yet.
  let phone = projectState(full, shared, alias);
  assert.equal(ownRecord(full, me), null);
  const before = full;
  for (const who of ['p-3', 'p-7', 'p-4']) {
    const d = decide(full, { type: 'JoinMeeting', acceptConfidentiality: true }, ctx(participant(who)), 'meeting-1');
    assert.ok(d.ok);
    for (const e of d.events) {
      full = evolve(full, e);
      assert.equal(projectEvent(e, me, full, alias), null, `${who}'s arrival is no event for a phone`);
    }
    // [VW-8] the phone's own record comes on its own once its arrival is committed
    const own = ownRecord(full, me);
    assert.equal(own?.id ?? null, who === 'p-3' ? null : 'p-7');
    if (own) phone = { ...phone, participants: { ...phone.participants, [own.id]: own } };
  }
  assert.deepEqual(phone, projectState(full, me, alias), 'the shared view and the own record are the projection of the phone');
  assert.deepEqual(Object.keys(phone.participants), ['p-7']);
  // Three joins later the shared snapshot is the same: one made for the first newcomer serves the next.
  assert.ok(sameSharedView(before, full, shared));
  assert.deepEqual(projectState(before, shared, alias), projectState(full, shared, alias));
  assert.ok(!sameSharedView(before, full, me), 'a view with its own record is not shared');
  assert.ok(!sameSharedView(before, full, { role: 'screen' }), 'the screen counts arrivals');
  const startDecision = decide(full, { type: 'StartMeeting' }, ctx(), 'meeting-1');
  assert.ok(startDecision.ok);
  const started = startDecision.events.reduce((s, e) => evolve(s, e), full);
  assert.ok(!sameSharedView(full, started, shared), 'a change they see is not the same view');
});
