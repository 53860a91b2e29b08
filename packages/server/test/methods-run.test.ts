import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { agendaSteps, type ContributionPayload, type LiveCommand, type MeetingState, type StepTemplate } from '@goedwerk/core';
import WebSocket from 'ws';
import { LiveSession, type SocketLike } from '../../web/src/live/session.ts';
import { liveTicket, startTestServer, type TestServer } from '../src/test-harness.ts';
import { MemoryStorage, until } from './helpers.ts';



/** A valid answer to any step with input, as a participant would give it. */
export function samplePayload(step: StepTemplate, n: number): ContributionPayload | null {
  switch (step.primitive) {
    case 'info':
      return null;
    case 'choice':
      if (step.dots !== undefined) return { kind: 'dots', optionIds: step.options.slice(0, Math.min(step.dots, 2)).map((o) => o.id) };
      return { kind: 'choice', optionId: step.options[n % step.options.length]?.id ?? '', ...(step.allowReason ? { reason: 'Omdat het ertoe doet' } : {}) };
    case 'cards':
      return { kind: 'card', text: `Kaart ${n}`, ...(step.fields?.[0] ? { fieldId: step.fields[n % step.fields.length]?.id ?? step.fields[0].id } : {}) };
    case 'note':
      return { kind: 'note', text: `Notitie ${n}` };
    case 'scale':
      return { kind: 'scale', values: Object.fromEntries(step.items.map((i) => [i.id, i.min + ((n + 1) % (i.max - i.min + 1))])) };
    case 'map':
      return {
        kind: 'map',
        entries: [
          { id: 'e1', fieldId: step.fields[0]?.id ?? '', text: 'Eerste', weight: 4 },
          { id: 'e2', fieldId: step.fields[1 % step.fields.length]?.id ?? '', text: 'Tweede', weight: 2 },
        ],
        tensions: step.tensions ? [{ a: 'e1', b: 'e2' }] : [],
      };
    case 'grid':
      return { kind: 'grid', rows: [Object.fromEntries(step.columns.map((c) => [c.id, `${c.id} ${n}`]))] };
  }
}

describe('every shipped method runs end to end over the live protocol', () => {
  let server: TestServer;
  const sockets: WebSocket[] = [];
  const session = (meetingId: string, credential: ConstructorParameters<typeof LiveSession>[0]['credential']) => {
    const s = new LiveSession({
      url: server.wsUrl,
      ticket: () => liveTicket(server.url),
      meetingId,
      credential,
      storage: new MemoryStorage(),
      outboxKey: 'o',
      createSocket: (url) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        return ws as unknown as SocketLike;
      },
    });
    s.start();
    return s;
  };

  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    for (const s of sockets) s.terminate();
    await server.close();
  });

  for (const methodId of ['goed-werk-hub', 'dilemmamethode', 'socratisch-gesprek', 'dilemma-plenair']) {
    it(`[MT-6] ${methodId}: every step is reached and every step with input takes answers`, async () => {
      const method = server.content.methods.get(methodId);
      assert.ok(method, methodId);
      const made = await server.engine.createMeeting({ methodId, title: { nl: method.name.nl }, facilitators: [], centralQuestions: [], caseIds: [] }, method);
      const facilitator = session(made.meetingId, { kind: 'facilitator', token: made.facilitatorToken });
      await until(() => facilitator.state !== null, 'facilitator connected');
      const f = async (command: LiveCommand) => {
        const outcome = await facilitator.send(command);
        assert.ok(outcome.ok, `${methodId} ${command.type}: ${outcome.ok ? '' : `${outcome.code} ${outcome.message}`}`);
      };
      await f({ type: 'OpenMeeting' });
      await until(() => facilitator.state?.joinCode !== null, 'join code');
      const joinCode = facilitator.state?.joinCode as string;
      const people = Array.from({ length: 4 }, (_, n) => {
        const participantId = `p${n}-${randomBytes(6).toString('hex')}`;
        return { n, participantId, pair: `pair-${randomBytes(6).toString('hex')}`, s: session(made.meetingId, { kind: 'participant', participantId, secret: randomBytes(24).toString('base64url'), joinCode }) };
      });
      await Promise.all(people.map((p) => p.s.send({ type: 'JoinMeeting', acceptConfidentiality: true })));
      await f({ type: 'StartMeeting' });
      const steps = agendaSteps((facilitator.state as MeetingState).agenda);
      if (steps.some((s) => s.step.scope === 'group')) {
        await f({ type: 'FormGroups', groups: [{ id: 'groep-1', name: 'Groep 1', memberIds: people.slice(0, 2).map((p) => p.participantId) }, { id: 'groep-2', name: 'Groep 2', memberIds: people.slice(2).map((p) => p.participantId) }] });
      }
      let answered = 0;
      for (const { step } of steps) {
        await f({ type: 'GoToStep', stepId: step.id });
        const shared = step.scope === 'group' && (step.primitive === 'note' || step.primitive === 'grid');
        const writers = shared ? [people[0], people[2]] : people;
        for (const p of writers) {
          if (!p) continue;
          const payload = samplePayload(step, p.n);
          if (!payload) continue;
          // Paired votes share the browser's id so the shift can be computed without an author.
          const contributionId = step.primitive === 'choice' ? p.pair : `c-${randomBytes(6).toString('hex')}`;
          const outcome = await p.s.send({ type: 'SubmitContribution', stepId: step.id, contributionId, payload });
          assert.ok(outcome.ok, `${methodId} ${step.id}: ${outcome.ok ? '' : `${outcome.code} ${outcome.message}`}`);
          answered++;
        }
        if (step.primitive !== 'info') await f({ type: 'RevealResults', stepId: step.id });
      }
      await f({ type: 'CloseMeeting' });
      const final = await server.store.getMeeting<MeetingState>(made.meetingId);
      assert.equal(final?.state.status, 'closed');
      const withInput = steps.filter((s) => s.step.primitive !== 'info');
      for (const { step } of withInput) {
        assert.ok(Object.keys(final?.state.steps[step.id]?.contributions ?? {}).length > 0, `${methodId} ${step.id} has answers`);
      }
      assert.ok(answered > 0);
      for (const s of [facilitator, ...people.map((p) => p.s)]) s.stop();
    });
  }
});
