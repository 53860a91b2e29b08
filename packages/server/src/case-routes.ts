import { CaseDraft, type CaseOperation, type MeetingState, mayAccount, mayCase } from '@goedwerk/core';
import type { Store } from '@goedwerk/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountView } from './accounts.ts';
import { CaseLibrary, type CaseSearch, meetingHasParticipant, type ReviewAction } from './case-library.ts';
import { caseCardsHtml, type CaseCard } from '@goedwerk/export';
import { localize } from '@goedwerk/core/localize';
import { libraryFromJson, libraryToJson } from './library-files.ts';
import type { BinaryExporters } from './reports.ts';
import { bearerToken, hashToken, tokenMatches } from './secrets.ts';

/** The words on the printed cards around the cases' own text. */
const CARD_WORDS = {
  nl: { documentTitle: 'Casuskaarten', versus: 'tegenover', criterion: 'Toets:', questions: 'Vragen voor het gesprek', scan: 'Scan om te stemmen', scanCase: 'Scan om de casus online te lezen' },
  en: { documentTitle: 'Case cards', versus: 'versus', criterion: 'Test:', questions: 'Questions for the conversation', scan: 'Scan to vote', scanCase: 'Scan to read the case online' },
} as const;

const slugPattern = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
const idParam = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } }, required: ['id'] } as const;
const caseBody = { type: 'object' } as const;

export interface CaseRouteDeps {
  readonly store: Store;
  /** Prints the case cards; null where no browser is available (the routes then answer 503). */
  readonly exporters: BinaryExporters | null;
  readonly library: CaseLibrary;
  /** The signed-in staff member of a request, if any. */
  readonly staff: (request: FastifyRequest) => Promise<AccountView | null>;
  readonly audit: (account: AccountView, action: string, target?: string) => Promise<void>;
}

/** A case as typed, checked against the schema; a 400 with the first problem otherwise. */
function parseDraft(body: unknown, reply: FastifyReply): CaseDraft | null {
  const parsed = CaseDraft.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  void reply.code(400).send({ error: 'invalid_case', message: `${issue?.path.join('.') || 'case'}: ${issue?.message ?? 'invalid'}` });
  return null;
}

/**
 * [LB-30..] The case library (dilemmabank) over HTTP. Reading published cases is public; everything
 * else goes through the case policy (case-policy.ts). A case that is not published does not exist
 * for anyone but a reviewer: 404, not 403, so its existence does not leak either.
 */
export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const { library, staff } = deps;
  const allowed = async (request: FastifyRequest, reply: FastifyReply, operation: CaseOperation): Promise<AccountView | null> => {
    const account = await staff(request);
    if (!account) {
      await reply.code(401).header('cache-control', 'no-store').send({ error: 'unauthorized', message: 'sign in first' });
      return null;
    }
    if (!mayCase(account.role, operation)) {
      await reply.code(403).header('cache-control', 'no-store').send({ error: 'forbidden', message: `a ${account.role} may not do ${operation}` });
      return null;
    }
    return account;
  };
  const reviewer = async (request: FastifyRequest) => {
    const account = await staff(request);
    return account && mayCase(account.role, 'case.review') ? account : null;
  };

  // [LB-30] search and filters; reviewers also see what waits for review
  app.get<{ Querystring: { q?: string; theme?: string; targetGroup?: string; scope?: CaseSearch['scope'] } }>(
    '/api/cases',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 200 },
            theme: { type: 'string', pattern: slugPattern, maxLength: 80 },
            targetGroup: { type: 'string', pattern: slugPattern, maxLength: 80 },
            scope: { type: 'string', enum: ['published', 'review', 'all'] },
          },
        },
      },
    },
    async (req, reply) => {
      const scope = req.query.scope ?? 'published';
      if (scope !== 'published') {
        reply.header('cache-control', 'no-store');
        if (!(await allowed(req, reply, 'case.review'))) return reply;
      }
      const whole = scope === 'published' && !req.query.q?.trim() && !req.query.theme && !req.query.targetGroup;
      const cases = await library.search({ scope, text: req.query.q, theme: req.query.theme, targetGroup: req.query.targetGroup });
      // The filters offer what the published library holds: the list itself when it is the whole library.
      const published = whole ? cases : await library.search({ scope: 'published' });
      const facets = {
        themes: [...new Set(published.flatMap((c) => c.themes))].sort(),
        targetGroups: [...new Set(published.flatMap((c) => c.targetGroups))].sort(),
      };
      return { cases, facets };
    },
  );

  // [LB-36] the library as one JSON document: the published cases for anyone, every case for reviewers
  app.get<{ Querystring: { scope?: 'published' | 'all' } }>(
    '/api/cases/export.json',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { scope: { type: 'string', enum: ['published', 'all'] } } } } },
    async (req, reply) => {
      const scope = req.query.scope ?? 'published';
      if (scope === 'all' && !(await allowed(req, reply, 'case.exportAll'))) return reply;
      const cases = await library.search({ scope });
      return reply
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="dilemmabank${scope === 'all' ? '-alles' : ''}.json"`)
        .send(libraryToJson(cases));
    },
  );

  // [LB-36] … and read back: every valid case stored (a case with the same id replaced), the others reported
  app.post('/api/cases/import', { schema: { body: { type: 'object' } } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const account = await allowed(req, reply, 'case.import');
    if (!account) return reply;
    const read = libraryFromJson(JSON.stringify(req.body));
    for (const c of read.cases) await library.put(c);
    await deps.audit(account, 'case.import', `${read.cases.length}`);
    return { imported: read.cases.length, errors: read.errors };
  });

  // [LB-37] printable A6 case cards: the library's cases (QR to the case), or a meeting's (QR to join it, for its facilitator)
  app.get<{ Querystring: { ids?: string; meeting?: string; lang?: 'nl' | 'en' } }>(
    '/api/cases/cards.pdf',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ids: { type: 'string', pattern: '^[a-z0-9-]{1,80}(,[a-z0-9-]{1,80}){0,49}$' },
            meeting: idParam.properties.id,
            lang: { type: 'string', enum: ['nl', 'en'] },
          },
        },
      },
    },
    async (req, reply) => {
      const lang = req.query.lang ?? 'nl';
      const words = CARD_WORDS[lang];
      const origin = `${req.protocol}://${req.host}`;
      let ids = req.query.ids?.split(',') ?? [];
      let joinUrl: string | null = null;
      if (req.query.meeting) {
        // The join link is for the meeting's facilitator to hand out: their console token, or a signed-in organiser.
        reply.header('cache-control', 'no-store');
        const meeting = await deps.store.getMeeting<MeetingState>(req.query.meeting);
        const secrets = await deps.store.getMeetingSecrets(req.query.meeting);
        const bearer = bearerToken(req.headers.authorization);
        const account = await staff(req);
        const mayPrint = (bearer !== undefined && tokenMatches(bearer, secrets?.facilitatorTokenHash)) || (account !== null && mayAccount(account.role, 'meeting.prepare'));
        if (!meeting || !mayPrint) return reply.code(404).send({ error: 'not_found', message: 'meeting not found' });
        if (ids.length === 0) ids = [...meeting.state.spec.caseIds];
        if (meeting.state.joinToken) joinUrl = `${origin}/j/${meeting.state.joinToken}`;
      }
      const maySeeAll = (await reviewer(req)) !== null;
      const found = (await Promise.all((ids.length > 0 ? ids : (await library.search({ scope: 'published' })).map((c) => c.id)).map((id) => library.get(id)))).filter(
        (c) => c !== null && (c.status === 'published' || maySeeAll),
      );
      if (found.length === 0) return reply.code(404).send({ error: 'not_found', message: 'no cases to print' });
      if (!deps.exporters) return reply.code(503).send({ error: 'unavailable', message: 'printing is not available on this server' });
      const t = (text: Parameters<typeof localize>[0]) => localize(text, lang);
      const cards: CaseCard[] = found.flatMap((c) =>
        c === null
          ? []
          : [
              {
                id: c.id,
                title: t(c.title),
                ...(c.hornA ? { hornA: t(c.hornA) } : {}),
                ...(c.hornB ? { hornB: t(c.hornB) } : {}),
                situation: t(c.situation),
                ...(c.criterion ? { criterion: t(c.criterion) } : {}),
                prompts: c.prompts.map(t),
                qrUrl: joinUrl ?? `${origin}/library/${c.id}`,
                qrCaption: joinUrl ? words.scan : words.scanCase,
              },
            ],
      );
      const html = await caseCardsHtml(cards, { lang, labels: { ...words, scan: joinUrl ? words.scan : words.scanCase } });
      const pdf = await deps.exporters.pdf(html, { preferCssPageSize: true });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="casuskaarten.pdf"`).send(Buffer.from(pdf));
    },
  );

  app.get<{ Params: { id: string } }>('/api/cases/:id', { schema: { params: idParam } }, async (req, reply) => {
    const found = await library.get(req.params.id);
    if (found && found.status !== 'published') reply.header('cache-control', 'no-store');
    if (!found || (found.status !== 'published' && !(await reviewer(req)))) return reply.code(404).send({ error: 'not_found', message: 'case not found' });
    return { case: found };
  });

  // [LB-31] staff put a case forward; it waits for review, invisible in the library
  app.post('/api/cases', { schema: { body: caseBody } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const account = await allowed(req, reply, 'case.submit');
    if (!account) return reply;
    const draft = parseDraft(req.body, reply);
    if (!draft) return reply;
    const made = await library.submit(draft);
    await deps.audit(account, 'case.submit', made.id);
    return reply.code(201).send({ case: made });
  });

  // [LB-32] a participant puts a case forward from the meeting, proven by the secret their browser holds
  app.post<{ Params: { id: string }; Body: { participantId: string; secret: string; case: unknown } }>(
    '/api/meetings/:id/cases',
    {
      schema: {
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['participantId', 'secret', 'case'],
          properties: {
            participantId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
            secret: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' },
            case: { type: 'object' },
          },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (!mayCase('participant', 'case.submit')) return reply.code(403).send({ error: 'forbidden', message: 'participants may not submit cases' });
      const known = await meetingHasParticipant(deps.store, req.params.id, req.body.participantId);
      const stored = known ? await deps.store.claimParticipant(req.params.id, req.body.participantId, hashToken(req.body.secret)) : null;
      if (!stored || !tokenMatches(req.body.secret, stored)) return reply.code(404).send({ error: 'not_found', message: 'no participant with this secret in this meeting' });
      const draft = parseDraft(req.body.case, reply);
      if (!draft) return reply;
      // The source is the meeting, never the person: no participant id is kept with the case.
      const made = await library.submit({ ...draft, sourceMeetingId: req.params.id, anonymisation: 'to_check' });
      return reply.code(201).send({ id: made.id, status: made.status });
    },
  );

  app.put<{ Params: { id: string } }>('/api/cases/:id', { schema: { params: idParam, body: caseBody } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const account = await allowed(req, reply, 'case.edit');
    if (!account) return reply;
    const draft = parseDraft(req.body, reply);
    if (!draft) return reply;
    const outcome = await library.edit(req.params.id, draft);
    if (!outcome.ok) return reply.code(outcome.status).send({ error: outcome.error, message: outcome.message });
    await deps.audit(account, 'case.edit', req.params.id);
    return { case: outcome.value };
  });

  // [LB-33] review: publish, send back, archive, restore
  app.post<{ Params: { id: string }; Body: { action: ReviewAction } }>(
    '/api/cases/:id/review',
    {
      schema: {
        params: idParam,
        body: { type: 'object', additionalProperties: false, required: ['action'], properties: { action: { type: 'string', enum: ['publish', 'return', 'archive', 'restore'] } } },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const operation: CaseOperation = req.body.action === 'archive' || req.body.action === 'restore' ? 'case.archive' : 'case.review';
      const account = await allowed(req, reply, operation);
      if (!account) return reply;
      const outcome = await library.review(req.params.id, req.body.action);
      if (!outcome.ok) return reply.code(outcome.status).send({ error: outcome.error, message: outcome.message });
      await deps.audit(account, `case.${req.body.action}`, req.params.id);
      return { case: outcome.value };
    },
  );

  // [LB-35] the groups of a meeting and the dilemma each worked on, to choose one to turn into a case
  app.get<{ Params: { id: string } }>('/api/meetings/:id/groups', { schema: { params: idParam } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(await allowed(req, reply, 'case.fromMeeting'))) return reply;
    const meeting = await deps.store.getMeeting<MeetingState>(req.params.id);
    if (!meeting) return reply.code(404).send({ error: 'not_found', message: 'meeting not found' });
    // Names and dilemmas only: who sat in which group is not needed here.
    return {
      groups: meeting.state.groups.map((g) => ({ id: g.id, name: g.name, caseId: g.caseId ?? null, dilemma: g.dilemma ? { hornA: g.dilemma.hornA, hornB: g.dilemma.hornB } : null })),
    };
  });

  // [LB-35] from meeting to case: a group's dilemma becomes a draft case, after its owner agreed
  app.post<{ Params: { id: string; groupId: string }; Body: { consent: boolean } }>(
    '/api/meetings/:id/groups/:groupId/case',
    {
      schema: {
        params: { type: 'object', properties: { id: idParam.properties.id, groupId: idParam.properties.id }, required: ['id', 'groupId'] },
        body: { type: 'object', additionalProperties: false, required: ['consent'], properties: { consent: { type: 'boolean' } } },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const account = await allowed(req, reply, 'case.fromMeeting');
      if (!account) return reply;
      if (!req.body.consent) return reply.code(422).send({ error: 'no_consent', message: 'a dilemma becomes a case only when the person whose dilemma it is agrees' });
      const outcome = await library.fromMeetingGroup(req.params.id, req.params.groupId);
      if (!outcome.ok) return reply.code(outcome.status).send({ error: outcome.error, message: outcome.message });
      await deps.audit(account, 'case.fromMeeting', outcome.value.id);
      return reply.code(201).send({ case: outcome.value });
    },
  );
}
