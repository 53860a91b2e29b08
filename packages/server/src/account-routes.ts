import { ACCOUNT_ROLES, type AccountOperation, mayAccount } from '@goedwerk/core';
import type { ContentCatalog } from './content.ts';
import type { MeetingEngine } from './engine.ts';
import { eraseParticipantData, participantData } from './erasure.ts';
import { carryFollowUps } from './programme-routes.ts';
import { hashToken } from './secrets.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AccountService, type AccountView, MIN_PASSWORD_LENGTH } from './accounts.ts';

export interface SessionCookie {
  /** `__Host-` when served over TLS (the prefix needs Secure), a plain name on plain HTTP for local use. */
  readonly name: string;
  readonly secure: boolean;
}

export function sessionCookie(secure: boolean): SessionCookie {
  return { name: secure ? '__Host-goedwerk_session' : 'goedwerk_session', secure };
}

const email = { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' } as const;
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const token = { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' } as const;
const idParam = { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } }, required: ['id'] } as const;

declare module 'fastify' {
  interface FastifyRequest {
    account?: AccountView | null;
  }
}

/** [AC-1..] Login, logout, the current session, invitations and the admin's account operations. */
export function registerAccountRoutes(
  app: FastifyInstance,
  accounts: AccountService,
  cookie: SessionCookie,
  engine: MeetingEngine,
  content: ContentCatalog,
  /** Closes the live sockets opened under a session (or all sessions) that just ended. */
  closeSockets: (sessionHash: string | 'all') => void = () => undefined,
): void {
  const setSession = (reply: FastifyReply, sessionId: string) =>
    reply.setCookie(cookie.name, sessionId, { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'strict' });
  const sessionOf = (request: FastifyRequest) => request.cookies[cookie.name];
  const who = async (request: FastifyRequest) => (request.account ??= await accounts.session(sessionOf(request)));
  const refuse = (reply: FastifyReply, status: 401 | 403, error: string, message: string) => reply.code(status).header('cache-control', 'no-store').send({ error, message });
  /** Every account operation goes through the policy table. */
  const allowed = async (request: FastifyRequest, reply: FastifyReply, operation: AccountOperation): Promise<AccountView | null> => {
    const account = await who(request);
    if (!account) {
      await refuse(reply, 401, 'unauthorized', 'sign in first');
      return null;
    }
    if (!mayAccount(account.role, operation)) {
      await refuse(reply, 403, 'forbidden', `a ${account.role} may not do ${operation}`);
      return null;
    }
    return account;
  };

  app.post<{ Body: { email: string; password: string } }>(
    '/api/auth/login',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['email', 'password'], properties: { email, password } } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const outcome = await accounts.login(req.body.email, req.body.password);
      if (!outcome.ok) {
        return outcome.reason === 'throttled'
          ? reply.code(429).send({ error: 'too_many_attempts', message: 'too many failed sign-ins for this address; try again in fifteen minutes' })
          : reply.code(401).send({ error: 'invalid_credentials', message: 'this e-mail address and password do not match an account' });
      }
      setSession(reply, outcome.sessionId);
      await accounts.audit(outcome.account, 'session.start');
      return { account: outcome.account };
    },
  );

  app.post('/api/auth/logout', async (req, reply) => {
    const account = await who(req);
    const sessionId = sessionOf(req);
    await accounts.logout(sessionId);
    if (sessionId) closeSockets(hashToken(sessionId));
    if (account) await accounts.audit(account, 'session.end');
    reply.clearCookie(cookie.name, { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'strict' });
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.get('/api/auth/session', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const account = await who(req);
    if (!account) return refuse(reply, 401, 'unauthorized', 'not signed in');
    return { account };
  });

  app.post<{ Body: { token: string; password: string } }>(
    '/api/auth/invitations/accept',
    { schema: { body: { type: 'object', additionalProperties: false, required: ['token', 'password'], properties: { token, password } } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if ([...req.body.password].length < MIN_PASSWORD_LENGTH) {
        return reply.code(400).send({ error: 'weak_password', message: `a password needs at least ${MIN_PASSWORD_LENGTH} characters` });
      }
      const accepted = await accounts.acceptInvite(req.body.token, req.body.password);
      if (!accepted) return reply.code(404).send({ error: 'unknown_invitation', message: 'this invitation is unknown, used or expired' });
      setSession(reply, accepted.sessionId);
      return { account: accepted.account };
    },
  );

  app.get('/api/accounts', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(await allowed(req, reply, 'account.list'))) return reply;
    return { accounts: await accounts.list() };
  });

  app.post<{ Body: { email: string; displayName: string; role: (typeof ACCOUNT_ROLES)[number] } }>(
    '/api/accounts',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'displayName', 'role'],
          properties: { email, displayName: { type: 'string', minLength: 1, maxLength: 120 }, role: { type: 'string', enum: [...ACCOUNT_ROLES] } },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (!(await allowed(req, reply, 'account.invite'))) return reply;
      const admin = req.account;
      const invited = await accounts.invite(req.body);
      if (!invited) return reply.code(409).send({ error: 'email_taken', message: 'an account with this e-mail address exists' });
      if (admin) await accounts.audit(admin, 'account.invite', invited.account.id);
      return reply.code(201).send({ account: invited.account, invitePath: `/invitation#token=${invited.inviteToken}` });
    },
  );

  app.post<{ Params: { id: string } }>('/api/accounts/:id/disable', { schema: { params: idParam } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const admin = await allowed(req, reply, 'account.disable');
    if (!admin) return reply;
    if (admin.id === req.params.id) return reply.code(409).send({ error: 'own_account', message: 'an admin cannot disable their own account' });
    if (!(await accounts.disable(req.params.id))) return reply.code(404).send({ error: 'not_found', message: 'account not found' });
    await accounts.audit(admin, 'account.disable', req.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/accounts/:id/erase', { schema: { params: idParam } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const admin = await allowed(req, reply, 'account.erase');
    if (!admin) return reply;
    if (admin.id === req.params.id) return reply.code(409).send({ error: 'own_account', message: 'an admin cannot erase their own account' });
    if (!(await accounts.erase(req.params.id))) return reply.code(404).send({ error: 'not_found', message: 'account not found' });
    await accounts.audit(admin, 'account.erase', req.params.id);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string; participantId: string } }>(
    '/api/meetings/:id/participants/:participantId/erase',
    { schema: { params: { type: 'object', properties: { id: idParam.properties.id, participantId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' } }, required: ['id', 'participantId'] } } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const admin = await allowed(req, reply, 'participant.erase');
      if (!admin) return reply;
      const done = await eraseParticipantData(engine.store, req.params.id, req.params.participantId, new Date().toISOString());
      if (!done) return reply.code(404).send({ error: 'not_found', message: 'no such participant in this meeting' });
      return done;
    },
  );

  // [PV-4] a participant's own data, for whoever holds the participant's secret (their browser)
  app.post<{ Params: { id: string }; Body: { participantId: string; secret: string } }>(
    '/api/meetings/:id/participants/export',
    {
      schema: {
        params: idParam,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['participantId', 'secret'],
          properties: { participantId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' }, secret: { type: 'string', pattern: '^[A-Za-z0-9_-]{20,64}$' } },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const data = await participantData(engine.store, req.params.id, req.body.participantId, req.body.secret, new Date().toISOString());
      if (!data) return reply.code(404).send({ error: 'not_found', message: 'no participant with this secret in this meeting' });
      return reply.header('content-disposition', 'attachment; filename="goedwerk-mijn-bijdragen.json"').send(data);
    },
  );

  app.get('/api/audit', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!(await allowed(req, reply, 'audit.read'))) return reply;
    return { entries: await accounts.auditEntries() };
  });

  app.get('/api/auth/me/export', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const account = await who(req);
    if (!account) return refuse(reply, 401, 'unauthorized', 'sign in first');
    return reply.header('content-disposition', 'attachment; filename="goedwerk-mijn-gegevens.json"').send(await accounts.exportOwnData(account.id));
  });

  app.post('/api/auth/sessions/end-all', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const admin = await allowed(req, reply, 'session.endAll');
    if (!admin) return reply;
    const ended = await accounts.endAllSessions();
    closeSockets('all');
    await accounts.audit(admin, 'session.endAll');
    return { ended };
  });

  // [AC-7] a signed-in facilitator prepares a meeting from a method; the console link comes back once.
  // It is held in Dutch or English (Dutch unless chosen): the title is stored in that language and the report follows it.
  app.post<{ Body: { methodId: string; title: string; language?: 'nl' | 'en'; date?: string; location?: string; programmeId?: string; anonymous?: boolean } }>(
    '/api/meetings',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['methodId', 'title'],
          properties: {
            methodId: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 },
            title: { type: 'string', minLength: 1, maxLength: 200 },
            language: { type: 'string', enum: ['nl', 'en'] },
            date: { type: 'string', format: 'date' },
            location: { type: 'string', minLength: 1, maxLength: 200 },
            programmeId: { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 80 },
            anonymous: { type: 'boolean' },
          },
        },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const account = await allowed(req, reply, 'meeting.prepare');
      if (!account) return reply;
      const method = content.methods.get(req.body.methodId);
      if (!method) return reply.code(404).send({ error: 'not_found', message: 'method not found' });
      const { title, language = 'nl', date, location, programmeId, anonymous } = req.body;
      const spec = {
        methodId: method.id,
        title: { [language]: title.trim() },
        language,
        facilitators: [{ name: account.displayName }],
        centralQuestions: [],
        caseIds: [],
        ...(date ? { date } : {}),
        ...(location ? { location: location.trim() } : {}),
        ...(programmeId ? { programmeId } : {}),
        ...(anonymous ? { anonymous: true } : {}),
      };
      const made = await engine.createMeeting(spec, method);
      if (made.outcome.kind === 'rejected') return reply.code(400).send({ error: made.outcome.error.code, message: made.outcome.error.detail });
      // [PG-14] what the programme agreed last time opens this meeting
      if (programmeId) await carryFollowUps(engine.store, engine, made.meetingId, programmeId);
      await accounts.audit(account, 'meeting.prepare', made.meetingId);
      return reply.code(201).send({ meetingId: made.meetingId, consolePath: `/console/${made.meetingId}#token=${made.facilitatorToken}`, screenPath: `/screen/${made.meetingId}#token=${made.screenToken}` });
    },
  );
}
