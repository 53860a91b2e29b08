import type {
  JoinResponse,
  MeetingResponse,
  MeetingState,
  MethodListResponse,
  ProgrammeListResponse,
  ProgrammeResponse,
} from '@goedwerk/core';
import type { Store } from '@goedwerk/store';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ContentCatalog } from './content.ts';
import { type AttemptGuard, JoinGuard } from './join-guard.ts';
import { asProgramme, nextMeeting, summarize } from './read-model.ts';
import { asFollowUp } from './programme-routes.ts';

const notFound = (reply: FastifyReply, what: string) =>
  reply.code(404).send({ error: 'not_found', message: `${what} not found` });

const idParam = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } },
  required: ['id'],
} as const;

/** The read-only JSON API the web client shows. Handlers only read and present. */
const joinBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 32 },
    token: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' },
  },
  oneOf: [{ required: ['code'] }, { required: ['token'] }],
} as const;

export function registerApiRoutes(app: FastifyInstance, store: Store, content: ContentCatalog, guard: AttemptGuard = new JoinGuard()): void {
  // [API-10] a join code or link leads to its meeting while it takes participants; guessing is limited per address
  app.post<{ Body: { code?: string; token?: string } }>('/api/join', { schema: { body: joinBody } }, async (req, reply): Promise<JoinResponse | undefined> => {
    // The socket's address, or the client a configured proxy forwards for: a forged header
    // from anyone else is ignored, so it cannot reset the count.
    const address = req.ip;
    if (!(await guard.allows(address))) {
      return reply.code(429).send({ error: 'too_many_attempts', message: 'too many wrong codes; try again in ten minutes' });
    }
    const code = req.body.code?.replace(/[\s-]/g, '').toUpperCase();
    const id = await store.findMeetingByJoin(code !== undefined ? { code } : { token: req.body.token ?? '' });
    const meeting = id ? await store.getMeeting<MeetingState>(id) : null;
    if (!meeting || (meeting.state.status !== 'open' && meeting.state.status !== 'running')) {
      await guard.fail(address);
      return reply.code(404).send({ error: 'unknown_code', message: 'no meeting takes participants with this code' });
    }
    return {
      meetingId: meeting.id,
      title: meeting.state.spec.title,
      status: meeting.state.status,
      locked: meeting.state.locked,
      joinCode: meeting.state.joinCode ?? '',
    };
  });

  app.get('/api/programmes', async (): Promise<ProgrammeListResponse> => {
    const [rows, cases] = await Promise.all([store.listProgrammes(), store.listCases()]);
    const programmes = await Promise.all(
      rows.map(async (row) => {
        const meetings = (await store.listMeetings<MeetingState>({ programmeId: row.id })).map(summarize);
        return { programme: asProgramme(row.data), meetingCount: meetings.length, nextMeeting: nextMeeting(meetings) };
      }),
    );
    return { programmes, caseCount: cases.length };
  });

  app.get<{ Params: { id: string } }>('/api/programmes/:id', { schema: { params: idParam } }, async (req, reply) => {
    const data = await store.getProgramme(req.params.id);
    if (data === null) return notFound(reply, 'programme');
    const [meetings, followUps] = await Promise.all([store.listMeetings<MeetingState>({ programmeId: req.params.id }), store.listFollowUps(req.params.id)]);
    const body: ProgrammeResponse = { programme: asProgramme(data), meetings: meetings.map(summarize), followUps: followUps.map(asFollowUp) };
    return body;
  });

  app.get<{ Params: { id: string } }>('/api/meetings/:id', { schema: { params: idParam } }, async (req, reply) => {
    const meeting = await store.getMeeting<MeetingState>(req.params.id);
    if (meeting === null) return notFound(reply, 'meeting');
    const body: MeetingResponse = { meeting: summarize(meeting), agenda: [...meeting.state.agenda] };
    return body;
  });

  // [API-11] a whole method template, for composing an agenda from its rounds
  app.get<{ Params: { id: string } }>('/api/methods/:id', { schema: { params: idParam } }, async (req, reply) => {
    const method = content.methods.get(req.params.id);
    if (!method) return notFound(reply, 'method');
    return { method };
  });

  app.get('/api/methods', async (): Promise<MethodListResponse> => ({
    methods: [...content.methods.values()].map((m) => ({
      id: m.id,
      version: m.version,
      name: m.name,
      summary: m.summary,
      rounds: m.rounds.map((r) => ({ id: r.id, title: r.title, stepCount: r.steps.length })),
    })),
  }));
}
