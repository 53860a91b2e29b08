import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasUnstorableText, MAX_CLIENT_MESSAGE_BYTES } from '@goedwerk/core';
import type { Bus } from '@goedwerk/bus';
import type { Store } from '@goedwerk/store';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { registerAccountRoutes, sessionCookie } from './account-routes.ts';
import { CaseLibrary } from './case-library.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { registerProgrammeRoutes } from './programme-routes.ts';
import { type AccountOptions, AccountService, type AccountView, DEFAULT_ACCOUNT_OPTIONS, LOGIN_LIMIT, LOGIN_WINDOW_MS } from './accounts.ts';
import { registerApiRoutes } from './api-routes.ts';
import { type OidcSettings, registerOidcRoutes } from './oidc.ts';
import type { ContentCatalog } from './content.ts';
import { MeetingEngine } from './engine.ts';
import { SharedGuard } from './join-guard.ts';
import { LiveHub, type LiveHubOptions, type LiveSocket } from './live-hub.ts';
import { LiveTickets, TICKET_TTL_SECONDS, ticketKey } from './live-ticket.ts';
import { registerMetricsRoute, ServerMetrics } from './metrics.ts';
import { drainLiveSockets } from './shutdown.ts';
import { registerReportRoutes } from './report-routes.ts';
import { hashToken, isTokenShaped } from './secrets.ts';
import { registerThemeRoute, type ThemeCss, withThemeLink } from './theme.ts';
import { type BinaryExporters, ReportService } from './reports.ts';

export interface AppDeps {
  readonly store: Store;
  readonly bus: Bus;
  readonly content: ContentCatalog;
  /** The built web client (packages/web/dist), or null to serve the API only. */
  readonly webRoot: string | null;
  readonly logger?: FastifyServerOptions['logger'];
  /** Send HSTS: only when the server is reached over TLS. */
  readonly hsts?: boolean;
  readonly live?: Partial<LiveHubOptions>;
  readonly clock?: () => Date;
  /** PDF, DOCX and ODT of the report; Markdown and HTML need nothing. Closed with the app. */
  readonly exporters?: BinaryExporters | null;
  readonly accounts?: AccountOptions;
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default. */
  readonly trustedProxies?: readonly string[];
  /** For /.well-known/security.txt: a mailto: or https: address. */
  readonly securityContact?: string;
  /** The address people use, for the canonical address in security.txt. */
  readonly publicUrl?: string;
  /** Single sign-on through an OpenID Connect provider; off when absent. */
  readonly oidc?: OidcSettings | null;
  /**
   * The deployment's shared secret (GOEDWERK_SECRET): signs live tickets, so that every node with
   * the same secret accepts them. Absent: a random key for this process.
   */
  readonly secret?: string | undefined;
  /** Prometheus metrics (GET /metrics); absent: the app's own, without the process-wide default metrics. */
  readonly metrics?: ServerMetrics;
  /** GOEDWERK_METRICS_TOKEN: a bearer token that may read /metrics from another address than loopback. */
  readonly metricsToken?: string | undefined;
  /**
   * GOEDWERK_THEME_CSS, as read at start: the organisation's design tokens, served at
   * /theme/organisation.css and linked from every page after the default theme; absent: the default only.
   */
  readonly theme?: ThemeCss | null;
}

export interface App {
  readonly app: FastifyInstance;
  readonly engine: MeetingEngine;
  readonly hub: LiveHub;
  readonly reports: ReportService;
  readonly accounts: AccountService;
  readonly tickets: LiveTickets;
  readonly metrics: ServerMetrics;
}

/**
 * Builds the HTTP and WebSocket server around the given adapters, without listening:
 * tests call this, main.ts listens.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 256 * 1024,
    // [AC-9] request.ip is the socket's address, or the forwarded client only behind a configured proxy
    trustProxy: deps.trustedProxies && deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false,
  });
  const engine = new MeetingEngine(deps.store, deps.bus, deps.clock);
  // [RL-9] wrong join codes and wrong passwords are counted in the database: every node counts together
  // The deployment's key (GOEDWERK_SECRET, else random for this process): signs tickets, pseudonymises attempt keys.
  const deploymentKey = ticketKey(deps.secret);
  const nowMs = () => (deps.clock ?? (() => new Date()))().getTime();
  const joinGuard = new SharedGuard(deps.store, 'join', deploymentKey, 10, 10 * 60 * 1000, nowMs);
  const metrics = deps.metrics ?? new ServerMetrics();
  // The hub logs through the app's pino logger; without one (tests), on the console.
  const hub = new LiveHub(deps.store, deps.bus, engine, deps.live, joinGuard, { metrics, ...(deps.logger ? { log: app.log } : {}) });
  metrics.observe(hub);
  const exporters = deps.exporters ?? null;
  const reports = new ReportService(deps.store, deps.content, engine, exporters, deps.clock);
  if (exporters) app.addHook('onClose', () => exporters.close());
  const accounts = new AccountService(deps.store, deps.accounts ?? DEFAULT_ACCOUNT_OPTIONS, deps.clock, undefined, new SharedGuard(deps.store, 'login', deploymentKey, LOGIN_LIMIT, LOGIN_WINDOW_MS, nowMs));
  const session = sessionCookie(deps.hsts ?? false);
  const tickets = new LiveTickets(deploymentKey);
  const now = () => deps.clock?.() ?? new Date();
  /** The staff session each ticketed upgrade was bound to, from its preValidation to its wsHandler. */
  const ticketSessions = new WeakMap<object, string | null>();

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: deps.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; cause?: { code?: unknown } }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      // The kind of error only: a database error's message can quote what was being stored.
      request.log.error({ name: error.name, code: error.code ?? error.cause?.code }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'Something went wrong on the server.' });
    }
    return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
  });

  // [AC-6] CSRF: a state-changing request that a browser marks as coming from another site is refused.
  // Browsers send Origin (or Sec-Fetch-Site) with every POST, PUT and DELETE; other clients carry no
  // one's cookies. The session cookie is SameSite=Strict besides.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const foreign = origin !== undefined ? !sameHost(origin, request.headers.host) : site !== undefined && site !== 'same-origin' && site !== 'none';
    if (foreign) await reply.code(403).send({ error: 'forbidden_origin', message: 'requests from other sites are refused' });
  });
  await app.register(cookie);

  // [AC-10] RFC 9116: where to report a security problem
  app.get('/.well-known/security.txt', async (request, reply) => {
    const expires = new Date((deps.clock?.() ?? new Date()).getTime() + 180 * 86_400_000);
    expires.setUTCHours(0, 0, 0, 0);
    const base = (deps.publicUrl ?? `http://${request.headers.host ?? 'localhost'}`).replace(/\/$/, '');
    return reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(
        [
          `Contact: ${deps.securityContact ?? 'mailto:security@goedwerk.example'}`,
          `Expires: ${expires.toISOString().replace('.000Z', 'Z')}`,
          'Preferred-Languages: nl, en',
          `Canonical: ${base}/.well-known/security.txt`,
          '',
        ].join('\n'),
      );
  });

  // [API-18] a body with text no database can keep as typed (NUL, a lone surrogate) is refused
  app.addHook('preValidation', async (request, reply) => {
    if (request.body !== undefined && hasUnstorableText(request.body)) {
      await reply.code(400).send({ error: 'invalid_text', message: 'the request holds a NUL character or a broken character' });
    }
  });

  app.get('/healthz', async () => ({ status: 'ok', store: deps.store.kind, bus: deps.bus.kind }));
  registerMetricsRoute(app, metrics, deps.metricsToken);
  registerApiRoutes(app, deps.store, deps.content, joinGuard);
  registerReportRoutes(app, reports);
  registerAccountRoutes(app, accounts, session, engine, deps.content, (hash) => hub.closeSignedIn(hash));
  const staff = async (request: FastifyRequest) => (request.account ??= await accounts.session(request.cookies[session.name]));
  const audit = (account: AccountView, action: string, target?: string) => accounts.audit(account, action, target);
  registerCaseRoutes(app, { store: deps.store, exporters, library: new CaseLibrary(deps.store), staff, audit });
  registerProgrammeRoutes(app, { store: deps.store, staff, audit, ...(deps.clock ? { clock: deps.clock } : {}) });
  if (deps.oidc) registerOidcRoutes(app, accounts, session, deps.oidc);
  app.get('/api/auth/options', async () => ({ sso: Boolean(deps.oidc) }));

  // [OPS-5] closing the app drains the live sockets and closes them with 1012 (service restart)
  await app.register(websocket, { options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES }, preClose: drainLiveSockets(hub) });
  // [AC-15] a short-lived, single-use ticket for one live socket; a POST, so the CSRF check above
  // applies. It carries the hash of the browser's staff session, if any, so that signing out
  // closes the socket (AC-14) without any credential riding on the upgrade itself.
  app.post('/api/live/ticket', async (request, reply) => {
    const sessionId = request.cookies[session.name];
    const ticket = tickets.issueTicket(isTokenShaped(sessionId) ? hashToken(sessionId) : null, now());
    return reply.header('cache-control', 'no-store').send({ ticket, expiresInSeconds: TICKET_TTL_SECONDS });
  });
  app.route({
    method: 'GET',
    url: '/ws',
    preValidation: async (request, reply) => {
      // [PR-8] a handshake from a page of another origin is refused
      const origin = request.headers.origin;
      if (origin !== undefined && !sameHost(origin, request.headers.host)) {
        return reply.code(403).send({ error: 'forbidden_origin', message: 'connections from other sites are refused' });
      }
      // A plain request is told to upgrade below (API-19): only a handshake spends a ticket.
      if (!request.ws) return undefined;
      // [AC-15] the handshake brings a ticket from POST /api/live/ticket, used once, within 30 s
      const presented = (request.query as Record<string, unknown> | undefined)?.ticket;
      if (presented === undefined || presented === '') {
        return reply.code(401).header('cache-control', 'no-store').send({ error: 'ticket_required', message: 'a live connection needs a ticket from POST /api/live/ticket' });
      }
      const redeemed = typeof presented === 'string' ? tickets.redeemTicket(presented, now()) : null;
      if (!redeemed?.ok) {
        const why = (redeemed && TICKET_REFUSALS[redeemed.reason]) ?? 'is not valid';
        return reply.code(401).header('cache-control', 'no-store').send({ error: 'ticket_invalid', message: `the ticket ${why}: get a new one` });
      }
      ticketSessions.set(request, redeemed.sessionHash);
      return undefined;
    },
    // [API-19] a plain request to the live address is told to upgrade, in the API's own shape
    handler: async (_request, reply) =>
      reply.code(426).header('upgrade', 'websocket').send({ error: 'upgrade_required', message: 'this address takes WebSocket connections only' }),
    wsHandler: (socket, request) => {
      // The staff session the ticket was issued to, if any: not used to authenticate — the hello
      // does that — but to close the socket when that session signs out (AC-14).
      const live: LiveSocket = {
        send: (data) => socket.send(data),
        // A shared frame's bytes go out as a text frame, without encoding them again per socket.
        sendEncoded: (data) => socket.send(data, { binary: false }),
        close: (code, reason) => socket.close(code, reason),
        get bufferedAmount() {
          return socket.bufferedAmount;
        },
      };
      const handlers = hub.accept(live, request.ip, ticketSessions.get(request) ?? null);
      // One message at a time per socket, so a client's commands apply in the order sent.
      let queue = Promise.resolve();
      socket.on('message', (data, isBinary) => {
        const raw = isBinary ? '\u0000binary' : Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
        queue = queue.then(() => handlers.onMessage(raw));
      });
      socket.on('close', () => handlers.onClose());
      socket.on('error', () => handlers.onClose());
    },
  });

  const index = deps.webRoot ? join(deps.webRoot, 'index.html') : null;
  if (deps.webRoot && index && existsSync(index)) {
    // Hashed assets may be cached for a long time; index.html must always be fresh.
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      index: false,
      // The build manifest (dist/.vite) and any other dotfile stay private.
      dotfiles: 'deny',
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const theme = deps.theme ?? null;
  if (theme) registerThemeRoute(app, theme);
  // With an organisation's theme every page links its stylesheet after the default one: a
  // same-origin <link>, so the CSP needs no change. index.html is read per request, as sendFile does.
  const sendApp = async (reply: FastifyReply) => {
    if (!theme || !index) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    const html = withThemeLink(await readFile(index, 'utf8'));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  if (deps.webRoot && index && existsSync(index)) {
    app.get('/', (_request, reply) => sendApp(reply));
    if (theme) app.get('/index.html', (_request, reply) => sendApp(reply));
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A client-side route (no file extension) gets the app; a missing file stays a 404.
    const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/ws' && !/\.[a-z0-9]+$/i.test(path);
    if (wantsPage && index && existsSync(index)) return sendApp(reply);
    if (wantsPage) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web client is not built yet: run `npm run build`, then start the server again.');
    }
    return reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} ${path}` });
  });

  return { app, engine, hub, reports, accounts, tickets, metrics };
}

/** How the refusal of a presented ticket ends its message ("the ticket …: get a new one"). */
const TICKET_REFUSALS: Readonly<Record<string, string>> = { expired: 'has expired', reused: 'was used before', busy: 'cannot be checked now' };

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
