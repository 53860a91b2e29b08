import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LiveMetrics, LiveRole } from './live-hub.ts';

/** What the metrics read of the live hub when scraped. */
export interface LiveCounts {
  liveCounts(): { connections: Record<LiveRole, number>; meetings: number; bufferedBytes: number };
}

const ROLES: readonly LiveRole[] = ['facilitator', 'screen', 'participant', 'unauthenticated'];

/**
 * [OPS-1] The server's Prometheus metrics, on a registry of their own (not prom-client's global
 * one), so that several apps in one process do not clash. Labels are roles, never a meeting id or
 * anything personal: the metrics count, they do not name.
 */
export class ServerMetrics implements LiveMetrics {
  readonly registry = new Registry();
  private source: LiveCounts | null = null;
  private readonly events: Counter;
  private readonly latency: Histogram;
  private readonly broadcasts: Counter;
  private readonly serializations: Counter;
  private readonly cutOffs: Counter;

  /**
   * `process: true` adds prom-client's default metrics: memory, CPU, file descriptors, garbage
   * collection and the event-loop delay (`nodejs_eventloop_lag_p99_seconds` and friends). They
   * watch the whole process and cannot be stopped again, so only the server process asks for them.
   */
  constructor(options: { readonly process?: boolean } = {}) {
    const registers = [this.registry];
    const counts = () => this.source?.liveCounts() ?? null;
    new Gauge({
      name: 'goedwerk_live_connections',
      help: 'Open live (WebSocket) connections on this node, by role; unauthenticated until the hello is accepted.',
      labelNames: ['role'],
      registers,
      collect() {
        const now = counts();
        for (const role of ROLES) this.set({ role }, now?.connections[role] ?? 0);
      },
    });
    new Gauge({
      name: 'goedwerk_live_meetings',
      help: 'Meetings with at least one live connection on this node.',
      registers,
      collect() {
        this.set(counts()?.meetings ?? 0);
      },
    });
    new Gauge({
      name: 'goedwerk_live_buffered_bytes',
      help: 'Bytes queued for the live sockets on this node and not yet taken by the network: what slow readers cost (each is cut off past 1 MiB).',
      registers,
      collect() {
        this.set(counts()?.bufferedBytes ?? 0);
      },
    });
    this.events = new Counter({
      name: 'goedwerk_events_committed_total',
      help: 'Events committed by live commands handled on this node (events per second: rate()).',
      registers,
    });
    this.latency = new Histogram({
      name: 'goedwerk_broadcast_latency_seconds',
      help: 'From hearing of a commit to the frames handed to the sockets of its meeting, the batching wait (100 ms) included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5, 5],
      registers,
    });
    this.broadcasts = new Counter({
      name: 'goedwerk_live_broadcasts_total',
      help: 'Broadcasts of committed events to the live connections of a meeting on this node (one per batch of commits).',
      registers,
    });
    this.serializations = new Counter({
      name: 'goedwerk_live_serializations_total',
      help: 'Frames serialised for broadcasts: one per role-view that needs it, shared by the sockets of that view.',
      registers,
    });
    this.cutOffs = new Counter({
      name: 'goedwerk_live_cut_off_total',
      help: 'Live connections closed (1013) because their send buffer passed 1 MiB: readers that stopped reading.',
      registers,
    });
    if (options.process) collectDefaultMetrics({ register: this.registry });
  }

  /** The hub whose connections and meetings the gauges report. */
  observe(source: LiveCounts): void {
    this.source = source;
  }

  committed(events: number): void {
    if (events > 0) this.events.inc(events);
  }

  broadcast(seconds: number): void {
    this.latency.observe(seconds);
  }

  delivered(serializations: number): void {
    this.broadcasts.inc();
    if (serializations > 0) this.serializations.inc(serializations);
  }

  cutOff(): void {
    this.cutOffs.inc();
  }

  /** `text/plain; version=0.0.4; charset=utf-8`: Prometheus' text format. */
  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Headers a reverse proxy adds: a request that carries one came from elsewhere, whatever its socket. */
const FORWARDED = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * [OPS-2] Whether a request may read the metrics: from the loopback address itself (not through a
 * proxy on this host), or with `Authorization: Bearer <GOEDWERK_METRICS_TOKEN>` when one is set.
 */
export function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  if (isLoopback(request.ip) && FORWARDED.every((header) => request.headers[header] === undefined)) return true;
  if (!token) return false;
  const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

/** `GET /metrics` (and HEAD): Prometheus text, or the ordinary 404 to anyone who may not read it. */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServerMetrics, token: string | undefined): void {
  app.get('/metrics', async (request, reply) => {
    if (!mayReadMetrics(request, token)) {
      return reply.code(404).send({ error: 'not_found', message: `no route for ${request.method} /metrics` });
    }
    return reply.type(metrics.contentType).header('cache-control', 'no-store').send(await metrics.text());
  });
}
