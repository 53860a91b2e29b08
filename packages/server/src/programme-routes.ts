import { randomBytes } from 'node:crypto';
import { type Case, type FollowUp, type MeetingState, type ProgrammeTrendsResponse, Programme, type ProgrammeOperation, type RoundTemplate, mayProgramme } from '@goedwerk/core';
import type { FollowUpRecord, Store } from '@goedwerk/store';
import { localize } from '@goedwerk/core/localize';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { meetingsToIcs } from './ics.ts';
import { suggestLessonThemes } from './lesson-themes.ts';
import { programmeTrends } from './trends.ts';
import type { AccountView } from './accounts.ts';
import type { MeetingEngine } from './engine.ts';

const slug = { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 } as const;
const idParam = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } }, required: ['id'] } as const;
const line = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

export interface ProgrammeRouteDeps {
  readonly store: Store;
  readonly staff: (request: FastifyRequest) => Promise<AccountView | null>;
  readonly audit: (account: AccountView, action: string, target?: string) => Promise<void>;
  readonly clock?: () => Date;
}

export const asFollowUp = (r: FollowUpRecord): FollowUp => ({ ...r, status: r.status === 'done' ? 'done' : 'open' });

/**
 * [PG-14] The follow-ups of a programme that are still open, as the opening round of its next
 * meeting: the agreements, their owner roles and review dates, in the order they were made.
 */
export function followUpRound(open: readonly FollowUp[]): RoundTemplate | null {
  if (open.length === 0) return null;
  const lines = (owner: string, review: string) =>
    open.map((f) => `- ${f.text} (${owner}: ${f.ownerRole}${f.reviewDate ? `; ${review}: ${f.reviewDate}` : ''})`).join('\n');
  return {
    id: 'afspraken-vorige-keer',
    title: { nl: 'Afspraken van de vorige keer', en: 'Agreements from last time' },
    purpose: { nl: 'Terugkijken op wat we de vorige keer afspraken.', en: 'Looking back on what we agreed last time.' },
    steps: [
      {
        id: 'afspraken-terugblik',
        primitive: 'info',
        scope: 'plenary',
        visibility: 'anonymous',
        report: 'full',
        title: { nl: 'Wat we afspraken', en: 'What we agreed' },
        body: { nl: `Wat is er gebeurd met deze afspraken?\n${lines('eigenaar', 'terugkijken op')}`, en: `What became of these agreements?\n${lines('owner', 'review on')}` },
      },
    ],
  };
}

/** Puts a programme's open follow-ups at the start of a meeting just prepared in it. */
export async function carryFollowUps(store: Store, engine: MeetingEngine, meetingId: string, programmeId: string): Promise<number> {
  const open = (await store.listFollowUps(programmeId)).map(asFollowUp).filter((f) => f.status === 'open');
  const round = followUpRound(open);
  if (!round) return 0;
  const outcome = await engine.execute({ meetingId, commandId: `follow-ups-${meetingId}`.slice(0, 64), command: { type: 'AddRound', round, index: 0 }, actor: { role: 'facilitator' } });
  if (outcome.kind === 'rejected') throw new Error(`follow-ups not carried: ${outcome.error.code}`);
  return open.length;
}

/** [PG-14..18] Programmes: made by programme managers; follow-ups written down by facilitators. */
export function registerProgrammeRoutes(app: FastifyInstance, deps: ProgrammeRouteDeps): void {
  const { store, staff } = deps;
  const now = () => deps.clock?.() ?? new Date();
  const allowed = async (request: FastifyRequest, reply: FastifyReply, operation: ProgrammeOperation): Promise<AccountView | null> => {
    reply.header('cache-control', 'no-store');
    const account = await staff(request);
    if (!account) {
      await reply.code(401).send({ error: 'unauthorized', message: 'sign in first' });
      return null;
    }
    if (!mayProgramme(account.role, operation)) {
      await reply.code(403).send({ error: 'forbidden', message: `a ${account.role} may not do ${operation}` });
      return null;
    }
    return account;
  };

  // [PG-1..9] trends across the programme's meetings, and lesson themes for a person to confirm
  app.get<{ Params: { id: string }; Querystring: { lang?: 'nl' | 'en' } }>(
    '/api/programmes/:id/trends',
    { schema: { params: idParam, querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', enum: ['nl', 'en'] } } } } },
    async (req, reply) => {
      const data = await store.getProgramme(req.params.id);
      if (data === null) return reply.code(404).send({ error: 'not_found', message: 'programme not found' });
      const lang = req.query.lang ?? 'nl';
      const [meetings, cases] = await Promise.all([store.listMeetings<MeetingState>({ programmeId: req.params.id }), store.listCases()]);
      const trends = programmeTrends(
        meetings.map((m) => ({ id: m.id, state: m.state })),
        cases.map((c) => c.data as Case),
        lang,
      );
      const lessons = trends.lessonTexts.flatMap((m) => m.lessons.map((l) => ({ meetingId: m.meetingId, text: `${l.title}. ${l.text}` })));
      // [PG-29] lessons are read in the language their meetings were held in, not the page's: the stemmer and stop words must fit the text
      const heldInEnglish = lessons.filter((l) => meetings.find((m) => m.id === l.meetingId)?.state.spec.language === 'en').length;
      const suggestions = suggestLessonThemes(lessons, heldInEnglish * 2 > lessons.length ? 'en' : 'nl', { top: 8 });
      const body: ProgrammeTrendsResponse = { trends, themeSuggestions: suggestions, confirmedThemes: (data as Programme).confirmedThemes ?? [] };
      return body;
    },
  );

  // [PG-10..13] the programme's meeting dates for a calendar
  app.get<{ Params: { id: string } }>('/api/programmes/:id/meetings.ics', { schema: { params: idParam } }, async (req, reply) => {
    const data = await store.getProgramme(req.params.id);
    if (data === null) return reply.code(404).send({ error: 'not_found', message: 'programme not found' });
    const programme = data as Programme;
    const meetings = (await store.listMeetings<MeetingState>({ programmeId: req.params.id })).filter((m) => m.state.spec.date);
    const origin = `${req.protocol}://${req.host}`;
    const ics = meetingsToIcs(
      meetings.map((m) => ({
        id: m.id,
        title: localize(m.state.spec.title, 'nl'),
        date: m.state.spec.date ?? '',
        ...(m.state.spec.location ? { location: m.state.spec.location } : {}),
        ...(m.state.spec.subtitle ? { description: localize(m.state.spec.subtitle, 'nl') } : {}),
        url: `${origin}/meetings/${m.id}`,
      })),
      { prodId: '-//Goed Werk Hub//NL', calendarName: localize(programme.title, 'nl'), now: now() },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${req.params.id}.ics"`)
      .send(ics);
  });

  // [PG-15] a programme manager starts a programme
  app.post<{ Body: { id: string; title: string; theme?: string; description?: string; organiser?: string; supportedBy?: string; place?: string } }>(
    '/api/programmes',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'title'],
          properties: { id: slug, title: line(200), theme: line(300), description: line(4000), organiser: line(200), supportedBy: line(300), place: line(200) },
        },
      },
    },
    async (req, reply) => {
      const account = await allowed(req, reply, 'programme.create');
      if (!account) return reply;
      if ((await store.getProgramme(req.body.id)) !== null) return reply.code(409).send({ error: 'taken', message: 'a programme with this id exists' });
      const { id, title, theme, description, organiser, supportedBy, place } = req.body;
      const parsed = Programme.safeParse({
        id,
        title: { nl: title },
        ...(theme ? { theme: { nl: theme } } : {}),
        ...(description ? { description: { nl: description } } : {}),
        ...(organiser ? { organiser } : {}),
        ...(supportedBy ? { supportedBy: { nl: supportedBy } } : {}),
        ...(place ? { place } : {}),
      });
      if (!parsed.success) return reply.code(400).send({ error: 'invalid_programme', message: parsed.error.issues[0]?.message ?? 'invalid' });
      await store.putProgramme(id, parsed.data);
      await deps.audit(account, 'programme.create', id);
      return reply.code(201).send({ programme: parsed.data });
    },
  );

  // [PG-15] … and changes what it says (the id stays)
  app.put<{ Params: { id: string }; Body: { title: string; theme?: string; description?: string; organiser?: string; supportedBy?: string; place?: string } }>(
    '/api/programmes/:id',
    {
      schema: {
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['title'],
          properties: { title: line(200), theme: line(300), description: line(4000), organiser: line(200), supportedBy: line(300), place: line(200) },
        },
      },
    },
    async (req, reply) => {
      const account = await allowed(req, reply, 'programme.edit');
      if (!account) return reply;
      const current = await store.getProgramme(req.params.id);
      if (current === null) return reply.code(404).send({ error: 'not_found', message: 'programme not found' });
      const { title, theme, description, organiser, supportedBy, place } = req.body;
      const old = current as Programme;
      // Only the Dutch text is typed here; an English text stays as it was.
      const parsed = Programme.safeParse({
        ...old,
        title: { ...old.title, nl: title },
        theme: theme ? { ...old.theme, nl: theme } : undefined,
        description: description ? { ...old.description, nl: description } : undefined,
        organiser,
        supportedBy: supportedBy ? { ...old.supportedBy, nl: supportedBy } : undefined,
        place,
      });
      if (!parsed.success) return reply.code(400).send({ error: 'invalid_programme', message: parsed.error.issues[0]?.message ?? 'invalid' });
      const clean = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
      await store.putProgramme(req.params.id, clean);
      await deps.audit(account, 'programme.edit', req.params.id);
      return { programme: clean };
    },
  );

  // [PG-17] the lesson themes a person confirms from the software's suggestions
  app.post<{ Params: { id: string }; Body: { themes: string[] } }>(
    '/api/programmes/:id/themes',
    {
      schema: {
        params: idParam,
        body: { type: 'object', additionalProperties: false, required: ['themes'], properties: { themes: { type: 'array', maxItems: 30, items: line(80) } } },
      },
    },
    async (req, reply) => {
      const account = await allowed(req, reply, 'themes.confirm');
      if (!account) return reply;
      const current = await store.getProgramme(req.params.id);
      if (current === null) return reply.code(404).send({ error: 'not_found', message: 'programme not found' });
      const themes = [...new Set(req.body.themes.map((t) => t.trim()).filter(Boolean))];
      const programme = Programme.parse({ ...(current as Programme), confirmedThemes: themes });
      await store.putProgramme(req.params.id, programme);
      await deps.audit(account, 'themes.confirm', req.params.id);
      return { programme };
    },
  );

  // [PG-16] a follow-up agreed in one of the programme's meetings
  app.post<{ Params: { id: string }; Body: { meetingId: string; text: string; ownerRole: string; reviewDate?: string } }>(
    '/api/programmes/:id/follow-ups',
    {
      schema: {
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['meetingId', 'text', 'ownerRole'],
          properties: { meetingId: idParam.properties.id, text: line(500), ownerRole: line(120), reviewDate: { type: 'string', format: 'date' } },
        },
      },
    },
    async (req, reply) => {
      const account = await allowed(req, reply, 'followUp.add');
      if (!account) return reply;
      const meeting = await store.getMeeting<MeetingState>(req.body.meetingId);
      if (!meeting || meeting.state.spec.programmeId !== req.params.id) return reply.code(404).send({ error: 'not_found', message: 'no such meeting in this programme' });
      const record: FollowUpRecord = {
        id: randomBytes(9).toString('base64url'),
        programmeId: req.params.id,
        meetingId: req.body.meetingId,
        text: req.body.text.trim(),
        ownerRole: req.body.ownerRole.trim(),
        reviewDate: req.body.reviewDate ?? null,
        status: 'open',
        createdAt: now().toISOString(),
      };
      await store.addFollowUp(record);
      await deps.audit(account, 'followUp.add', record.id);
      return reply.code(201).send({ followUp: asFollowUp(record) });
    },
  );

  app.post<{ Params: { id: string; followUpId: string }; Body: { status: 'open' | 'done' } }>(
    '/api/programmes/:id/follow-ups/:followUpId',
    {
      schema: {
        params: { type: 'object', properties: { id: idParam.properties.id, followUpId: idParam.properties.id }, required: ['id', 'followUpId'] },
        body: { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: ['open', 'done'] } } },
      },
    },
    async (req, reply) => {
      const account = await allowed(req, reply, 'followUp.close');
      if (!account) return reply;
      if (!(await store.setFollowUpStatus(req.params.id, req.params.followUpId, req.body.status))) return reply.code(404).send({ error: 'not_found', message: 'follow-up not found' });
      await deps.audit(account, `followUp.${req.body.status}`, req.params.followUpId);
      return { followUps: (await store.listFollowUps(req.params.id)).map(asFollowUp) };
    },
  );
}
