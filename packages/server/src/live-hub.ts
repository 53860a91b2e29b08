import { errorKind } from './logging.ts';
import {
  type Actor,
  type Alias,
  type ClientMessage,
  type Credential,
  type MeetingEvent,
  type MeetingState,
  ownRecord,
  PROTOCOL_VERSION,
  parseClientMessage,
  projectEvent,
  projectState,
  projectStep,
  type Resync,
  resyncFor,
  sameSharedView,
  type ServerMessage,
  sharedViewer,
  type StepRuntime,
  type Viewer,
  viewerFor,
  viewKey,
} from '@goedwerk/core';
import type { Bus } from '@goedwerk/bus';
import type { SequencedRecord, Store } from '@goedwerk/store';
import { type MeetingEngine, meetingChannel } from './engine.ts';
import { type AttemptGuard, JoinGuard } from './join-guard.ts';
import { contributionAlias, hashToken, tokenMatches } from './secrets.ts';

/** All the engine needs of a socket; tests pass an in-memory pair. */
export interface LiveSocket {
  send(data: string): void;
  /**
   * Sends a text frame already encoded as UTF-8. A frame shared by many sockets is encoded once
   * and handed to each this way; without it, `send` encodes it again for every socket.
   */
  sendEncoded?(data: Buffer): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
}

export interface LiveHubOptions {
  /** A socket whose unsent data passes this is cut off; it resyncs from a snapshot. */
  readonly maxBufferedBytes: number;
  /** Up to this many missed events are sent as events; beyond, a snapshot. */
  readonly catchUpLimit: number;
  /** Per-socket token bucket: burst size and refill per second. */
  readonly rateBurst: number;
  readonly ratePerSecond: number;
  /** Fewest milliseconds between two broadcasts of one meeting: tallies update in batches. */
  readonly broadcastIntervalMs: number;
  readonly now: () => number;
}

/** A live socket's role as counted by the metrics: `unauthenticated` until its `welcome`. */
export type LiveRole = 'facilitator' | 'screen' | 'participant' | 'unauthenticated';

/** What the hub tells the metrics: counts and durations only, never a meeting id or anything personal. */
export interface LiveMetrics {
  /** Events committed by a live command handled on this node. */
  committed(events: number): void;
  /** Seconds from hearing of a commit (its bus message) until the frames are handed to the sockets. */
  broadcast(seconds: number): void;
  /** A broadcast was made, with this many frames serialised for it (once per role-view). */
  delivered(serializations: number): void;
  /** A socket was cut off because its send buffer passed the limit (PR-7). */
  cutOff(): void;
}

/** Where the hub logs a failure: the app's pino logger. [PV-3] only the kind of error, never its message. */
export interface LiveLog {
  error(fields: { error: string }, message: string): void;
}

/** Optional company of the hub: metrics, and the logger (the console when absent). */
export interface LiveHubHooks {
  readonly metrics?: LiveMetrics;
  readonly log?: LiveLog;
}

/** Without the app's logger (a hub on its own, an app without logging): one line on the console. */
const CONSOLE_LOG: LiveLog = { error: (fields, message) => console.error(`${message}:`, fields.error) };

/** The close code and reason that tell a client the server is going away and it should reconnect. */
export const SERVICE_RESTART = { code: 1012, reason: 'service restart' } as const;

/** The close code and reason after a message the server could not handle: reconnect and try again. */
export const SERVER_ERROR = { code: 1011, reason: 'server error; reconnect' } as const;

/** How many participants' claims a node remembers (about 150 bytes each). */
const MAX_CLAIMS = 100_000;

const DEFAULTS: LiveHubOptions = {
  maxBufferedBytes: 1024 * 1024,
  catchUpLimit: 500,
  rateBurst: 40,
  ratePerSecond: 20,
  broadcastIntervalMs: 100,
  now: () => Date.now(),
};

interface Connection {
  readonly socket: LiveSocket;
  /** The peer's address, for counting wrong join codes; never logged. */
  readonly address: string;
  /** The hash of the staff session the browser was signed in with, if any: signing out closes the socket. */
  readonly sessionHash: string | null;
  meetingId?: string;
  actor?: Actor;
  /** The seq this client stands at; nothing at or below it is sent again. */
  sentSeq: number;
  ready: boolean;
  tokens: number;
  refilledAt: number;
  closed: boolean;
}

interface Room {
  readonly meetingId: string;
  readonly connections: Set<Connection>;
  deliveredSeq: number;
  /** Deliveries and catch-ups of one room run one after another, in order. */
  chain: Promise<void>;
  unsubscribe?: () => Promise<void>;
  alias: Alias;
  lastBroadcast: number;
  scheduled: boolean;
  /** When this node heard of the oldest commit not yet broadcast (performance.now), for the latency metric. */
  heardAt: number | null;
  /**
   * Snapshot frames, one per role-view, shared by the clients that join meanwhile. Each is kept
   * with the state object it was made of (the store hands out one frozen object per seq and
   * revision), so a state an erasure rewrote at the same seq gets frames of its own.
   */
  snapshots: Map<string, SnapshotFrame>;
}

interface SnapshotFrame {
  readonly state: MeetingState;
  /** The projected state as JSON: the next state the view cannot tell apart (VW-8) reuses it. */
  readonly json: string;
  readonly frame: Frame;
}

/**
 * The live side of the server: reads client messages, runs commands through the engine,
 * and fans committed events out to the sockets of each meeting, projected per role and
 * serialised once per role-view. Protocol in docs/protocol.md; rules PR-* in docs/spec/.
 */
export class LiveHub {
  private readonly options: LiveHubOptions;
  private readonly rooms = new Map<string, Room>();
  /** Sockets opened by a signed-in browser. */
  private readonly signedIn = new Set<Connection>();
  /** Every open socket, with a hello or not: counted by the metrics, closed at shutdown. */
  private readonly connections = new Set<Connection>();
  /** Messages being handled and room tasks under way: what a shutdown waits for. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chains = new Set<Promise<void>>();
  /** Shutting down: no new sockets or messages are taken. */
  private draining = false;
  /** Shut down: no more broadcasts. */
  private stopped = false;
  private readonly metrics: LiveMetrics | undefined;
  private readonly log: LiveLog;
  /** Participants' claimed secrets (hashes) this node has seen match, at most MAX_CLAIMS, oldest forgotten first. */
  private readonly claims = new Map<string, string>();
  /** Counters for tests and metrics. */
  readonly stats = { serializations: 0, broadcasts: 0, cutOff: 0 };

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly engine: MeetingEngine,
    options: Partial<LiveHubOptions> = {},
    /** Shared with POST /api/join: wrong codes count the same on both ways in. */
    private readonly joinGuard: AttemptGuard = new JoinGuard(),
    hooks: LiveHubHooks = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.metrics = hooks.metrics;
    this.log = hooks.log ?? CONSOLE_LOG;
  }

  /** Registers a new socket; the transport calls the returned functions. */
  accept(socket: LiveSocket, address = 'unknown', sessionHash: string | null = null): { onMessage(raw: string): Promise<void>; onClose(): void } {
    const conn: Connection = {
      socket,
      address,
      sessionHash,
      sentSeq: 0,
      ready: false,
      tokens: this.options.rateBurst,
      refilledAt: this.options.now(),
      closed: false,
    };
    if (this.draining) {
      // [OPS-5] shutting down: this socket is sent on at once, to reconnect elsewhere
      conn.closed = true;
      socket.close(SERVICE_RESTART.code, SERVICE_RESTART.reason);
    } else {
      this.connections.add(conn);
      if (sessionHash) this.signedIn.add(conn);
    }
    return {
      onMessage: (raw) => this.track(this.onMessage(conn, raw)),
      onClose: () => {
        this.signedIn.delete(conn);
        this.leave(conn);
      },
    };
  }

  /**
   * [AC-14] Signing out ends the live connections opened while signed in: those of one session, or
   * of every session when an admin ends them all. This node's sockets; each node does its own.
   */
  closeSignedIn(sessionHash: string | 'all'): number {
    let closed = 0;
    for (const conn of [...this.signedIn]) {
      if (sessionHash !== 'all' && conn.sessionHash !== sessionHash) continue;
      this.signedIn.delete(conn);
      if (conn.closed) continue;
      this.close(conn, 1008, 'signed out');
      closed++;
    }
    return closed;
  }

  /**
   * [OPS-5] Graceful shutdown of this node's live side: takes no new socket or message, lets the
   * messages being handled finish (their commit and their ack), closes every socket with 1012
   * (service restart) so that its client reconnects — to another node, or to this one once it
   * is back — and waits for the deliveries under way. Within `timeoutMs`; returns the sockets closed.
   */
  async shutdown(timeoutMs = 5000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    this.draining = true;
    await settleBy([...this.inFlight], deadline);
    let closed = 0;
    for (const conn of [...this.connections]) {
      if (conn.closed) continue;
      this.close(conn, SERVICE_RESTART.code, SERVICE_RESTART.reason);
      closed++;
    }
    this.signedIn.clear();
    this.stopped = true;
    await settleBy([...this.chains], deadline);
    return closed;
  }

  /** [OPS-1] Open sockets by role and meetings with live sockets on this node: counts only. */
  liveCounts(): { connections: Record<LiveRole, number>; meetings: number; bufferedBytes: number } {
    const connections: Record<LiveRole, number> = { facilitator: 0, screen: 0, participant: 0, unauthenticated: 0 };
    let bufferedBytes = 0;
    for (const conn of this.connections) {
      const role = conn.actor?.role;
      connections[role === 'facilitator' || role === 'screen' || role === 'participant' ? role : 'unauthenticated']++;
      bufferedBytes += conn.socket.bufferedAmount;
    }
    return { connections, meetings: this.rooms.size, bufferedBytes };
  }

  /** Remembers work under way until it settles, either way; the caller still gets the promise itself. */
  private track(work: Promise<void>, into = this.inFlight): Promise<void> {
    into.add(work);
    const done = () => void into.delete(work);
    work.then(done, done);
    return work;
  }

  private async onMessage(conn: Connection, raw: string): Promise<void> {
    // While shutting down a frame is left unanswered: the socket closes with 1012 right after, and
    // the client sends what is unacknowledged again once it has reconnected.
    if (conn.closed || this.draining) return;
    if (!this.takeToken(conn)) {
      this.send(conn, { type: 'error', code: 'rate_limited', message: 'too many messages; slow down' });
      return;
    }
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      this.send(conn, { type: 'error', code: parsed.code, message: parsed.message });
      return;
    }
    try {
      await this.handle(conn, parsed.message);
    } catch (error) {
      // Never the message itself in the log: it may hold contribution text.
      // The kind of error only: a database error's message can quote what was being stored.
      this.log.error({ error: errorKind(error) }, `live: ${parsed.message.type} failed`);
      this.send(conn, { type: 'error', code: 'internal', message: 'the server could not handle this message' });
      // [PR-18] Mostly the database is away (restarting): the client reconnects with backoff, shows
      // that it is reconnecting, and sends what is unacknowledged again once a hello works.
      this.close(conn, SERVER_ERROR.code, SERVER_ERROR.reason);
    }
  }

  private async handle(conn: Connection, message: ClientMessage): Promise<void> {
    switch (message.type) {
      case 'ping':
        this.send(conn, { type: 'pong' });
        return;
      case 'hello':
        return this.hello(conn, message);
      case 'command': {
        // [PR-3] commands need a hello first, and apply to that meeting only
        if (!conn.actor || !conn.meetingId) {
          this.send(conn, { type: 'error', code: 'not_authenticated', message: 'say hello first' });
          return;
        }
        const outcome = await this.engine.execute({
          meetingId: conn.meetingId,
          commandId: message.commandId,
          command: message.command,
          actor: conn.actor,
        });
        if (outcome.kind === 'committed') this.metrics?.committed(outcome.events.length);
        if (outcome.kind === 'rejected') {
          const { code, detail } = outcome.error;
          this.send(conn, { type: 'rejected', commandId: message.commandId, code, message: detail });
        } else {
          // [PR-4] acknowledged only after the commit; a resend gets the same seq, marked duplicate
          const duplicate = outcome.kind === 'duplicate';
          this.send(conn, { type: 'ack', commandId: message.commandId, seq: outcome.seq, duplicate });
        }
        return;
      }
      default: {
        const unreachable: never = message;
        throw new Error(`unhandled ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private async hello(conn: Connection, hello: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
    if (conn.actor) {
      this.send(conn, { type: 'error', code: 'already_authenticated', message: 'this connection said hello already' });
      return;
    }
    // [PR-1] one protocol version; an old client is told so and closed
    if (hello.protocol !== PROTOCOL_VERSION) {
      this.send(conn, { type: 'error', code: 'unsupported_protocol', message: `this server speaks protocol ${PROTOCOL_VERSION}` });
      this.close(conn, 1002, 'unsupported protocol');
      return;
    }
    const meeting = await this.store.getMeeting<MeetingState>(hello.meetingId);
    // A newcomer is a participant not yet in the meeting: only they show a code, and only their
    // wrong codes count. Someone who joined already is never locked out by a block on the address.
    const credential = hello.credential;
    const newcomer = credential.kind === 'participant' && !meeting?.state.participants[credential.participantId];
    const showsAny = credential.kind === 'participant' && (credential.joinCode ?? credential.joinToken) !== undefined;
    if (newcomer && showsAny && !(await this.joinGuard.allows(conn.address))) {
      this.send(conn, { type: 'error', code: 'rate_limited', message: 'too many wrong codes; try again in ten minutes' });
      this.close(conn, 1008, 'too many attempts');
      return;
    }
    const actor = meeting ? await this.authenticate(meeting, credential) : null;
    // Only a wrong code counts as a guess: the right code for a locked meeting does not.
    if (!actor && newcomer && showsAny && !(meeting && showsCode(meeting.state, credential))) await this.joinGuard.fail(conn.address);
    // [PR-2] an unknown meeting and a wrong secret get the same answer
    if (!meeting || !actor) {
      this.send(conn, { type: 'error', code: 'not_authenticated', message: 'unknown meeting or wrong credentials' });
      this.close(conn, 1008, 'not authenticated');
      return;
    }
    conn.actor = actor;
    conn.meetingId = hello.meetingId;
    const role = viewerFor(meeting.state, actor).role;
    this.send(conn, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      meetingId: hello.meetingId,
      role,
      ...(actor.role === 'participant' ? { participantId: actor.participantId } : {}),
    });
    const room = await this.join(conn);
    await this.inRoom(room, () => this.catchUp(room, conn, hello.lastSeq, meeting));
  }

  private async authenticate(meeting: { id: string; state: MeetingState }, credential: Credential): Promise<Actor | null> {
    const { state } = meeting;
    if (credential.kind === 'participant') {
      const id = credential.participantId;
      if (state.removedIds.includes(id)) return null;
      // [PR-12] a newcomer needs the join code or link of a meeting that takes participants
      if (!state.participants[id]) {
        const joinable = (state.status === 'open' || state.status === 'running') && !state.locked;
        if (!joinable || !showsCode(state, credential)) return null;
      }
      // A phone that reconnects shows the secret it claimed before: checked against this node's
      // memory of the claim, without a database write. A claim the database would answer
      // differently (another secret) is never in that memory: only matching ones are kept.
      const key = `${meeting.id}\u0000${id}`;
      const known = this.claims.get(key);
      if (known !== undefined && tokenMatches(credential.secret, known)) return { role: 'participant', participantId: id };
      const stored = await this.store.claimParticipant(meeting.id, id, hashToken(credential.secret));
      if (!tokenMatches(credential.secret, stored)) return null;
      this.remember(key, stored);
      return { role: 'participant', participantId: id };
    }
    const secrets = await this.store.getMeetingSecrets(meeting.id);
    if (credential.kind === 'facilitator') {
      return tokenMatches(credential.token, secrets?.facilitatorTokenHash) ? { role: 'facilitator' } : null;
    }
    return tokenMatches(credential.token, secrets?.screenTokenHash) ? { role: 'screen' } : null;
  }

  /** [PR-5] missed events when the gap is small, otherwise a snapshot of what the viewer may see. */
  private async catchUp(room: Room, conn: Connection, lastSeq: number | undefined, read: { seq: number; state: MeetingState }): Promise<void> {
    if (!conn.actor || conn.closed) return;
    // The meeting as the hello read it, unless the room's last broadcast went past it: what that
    // carried would not reach this client again, so then it is read anew.
    const meeting = read.seq >= room.deliveredSeq ? read : await this.store.getMeeting<MeetingState>(room.meetingId);
    if (!meeting) return;
    const viewer = viewerFor(meeting.state, conn.actor);
    const gap = lastSeq === undefined ? Infinity : meeting.seq - lastSeq;
    if (lastSeq !== undefined && gap >= 0 && gap <= this.options.catchUpLimit) {
      if (gap > 0) {
        const events = await this.store.eventsSince<MeetingEvent>(room.meetingId, lastSeq, gap);
        const resync = viewer.role === 'facilitator' ? null : resyncFor(events.map((e) => e.event), meeting.state);
        if (resync?.full) {
          this.sendSnapshot(room, conn, meeting, viewer);
        } else {
          // [PR-20] steps whose readable part changed in the gap come whole, as in a broadcast
          const steps = resync ? this.changedSteps(meeting.state, resync, viewer, room.alias) : {};
          const message = eventsMessage(meeting.seq, project(events, viewer, meeting.state, room.alias), steps);
          if (message) this.send(conn, message);
          // It may have joined in the gap: no event carries that to a participant (VW-8).
          if (events.some((e) => e.event.type === 'ParticipantJoined')) this.sendOwnRecord(conn, meeting.state, viewer);
        }
      }
    } else {
      this.sendSnapshot(room, conn, meeting, viewer);
    }
    conn.sentSeq = meeting.seq;
    conn.ready = true;
  }

  /**
   * A snapshot for one viewer: the frame is made once per state and role-view, for everyone who
   * joins at that state; [VW-8] for participants once per state apart from who joined, which
   * they do not see. A participant who has joined gets their own record after it.
   */
  private sendSnapshot(room: Room, conn: Connection, meeting: { seq: number; state: MeetingState }, viewer: Viewer) {
    const shared = sharedViewer(viewer);
    const key = viewKey(shared);
    let made = room.snapshots.get(key);
    if (made?.state !== meeting.state) {
      const json = made && sameSharedView(made.state, meeting.state, shared) ? made.json : this.serialize(projectState(meeting.state, shared, room.alias));
      // The frame is what JSON.stringify({ type, seq, state }) gives, without serialising the state again.
      made = { state: meeting.state, json, frame: encoded(`{"type":"snapshot","seq":${meeting.seq},"state":${json}}`) };
      room.snapshots.set(key, made);
    }
    this.sendRaw(conn, made.frame);
    this.sendOwnRecord(conn, meeting.state, viewer);
  }

  /** [VW-8] A participant's own record, to their socket alone, once they have joined: like an acknowledgement, not a broadcast. */
  private sendOwnRecord(conn: Connection, state: MeetingState, viewer: Viewer): void {
    const own = ownRecord(state, viewer);
    if (own) this.send(conn, { type: 'self', participant: own });
  }

  private async join(conn: Connection): Promise<Room> {
    const meetingId = conn.meetingId as string;
    let room = this.rooms.get(meetingId);
    if (!room) {
      const created: Room = {
        meetingId,
        connections: new Set(),
        deliveredSeq: 0,
        chain: Promise.resolve(),
        alias: (id) => id,
        lastBroadcast: 0,
        scheduled: false,
        heardAt: null,
        snapshots: new Map(),
      };
      room = created;
      this.rooms.set(meetingId, created);
      // Subscribe first, then read where the meeting stands, so nothing falls in between.
      await this.inRoom(created, async () => {
        created.unsubscribe = await this.bus.subscribe(meetingChannel(meetingId), () => this.schedule(created));
        created.alias = (id) => contributionAlias(meetingId, id);
        created.deliveredSeq = (await this.store.getMeeting(meetingId))?.seq ?? 0;
      });
    }
    room.connections.add(conn);
    return room;
  }

  /** [PR-13] at most one broadcast per interval per meeting; what arrives meanwhile goes in the next. */
  private schedule(room: Room): void {
    room.heardAt ??= performance.now();
    if (room.scheduled) return;
    room.scheduled = true;
    const wait = Math.max(0, room.lastBroadcast + this.options.broadcastIntervalMs - this.options.now());
    setTimeout(() => {
      room.scheduled = false;
      if (this.stopped) return;
      room.lastBroadcast = this.options.now();
      const heardAt = room.heardAt;
      room.heardAt = null;
      void this.inRoom(room, () => this.deliver(room, heardAt));
    }, wait);
  }

  private inRoom(room: Room, task: () => Promise<void>): Promise<void> {
    const next = room.chain.then(task).catch((error: unknown) => {
      this.log.error({ error: errorKind(error) }, 'live: delivery for a meeting failed');
    });
    room.chain = next;
    return this.track(next, this.chains);
  }

  /** [PR-6] one read per node, one serialisation per view, then a send per socket. */
  private async deliver(room: Room, heardAt: number | null = null): Promise<void> {
    const meeting = await this.store.getMeeting<MeetingState>(room.meetingId);
    if (!meeting || meeting.seq <= room.deliveredSeq) return;
    // Read the state first, then the events up to it: a later commit waits for the next round.
    const events = (await this.store.eventsSince<MeetingEvent>(room.meetingId, room.deliveredSeq)).filter((e) => e.seq <= meeting.seq);
    const first = events[0]?.seq ?? meeting.seq;
    room.deliveredSeq = meeting.seq;
    this.stats.broadcasts++;
    const serializedBefore = this.stats.serializations;
    const resync = resyncFor(events.map((e) => e.event), meeting.state);
    const frames = new Map<string, Frame | null>();
    const removed = new Set(events.flatMap((e) => (e.event.type === 'ParticipantRemoved' ? [e.event.participantId] : [])));
    // [VW-8] a participant who joined in this batch gets their own record (no phone gets an arrival)
    const arrived = new Set(events.flatMap((e) => (e.event.type === 'ParticipantJoined' ? [e.event.participantId] : [])));
    for (const conn of [...room.connections]) {
      if (!conn.ready || conn.closed || !conn.actor || conn.sentSeq >= meeting.seq) continue;
      if (conn.actor.role === 'participant' && removed.has(conn.actor.participantId)) {
        this.send(conn, { type: 'goodbye', reason: 'removed' });
        this.close(conn, 1008, 'removed from the meeting');
        continue;
      }
      const viewer = viewerFor(meeting.state, conn.actor);
      if (resync.full && viewer.role !== 'facilitator') {
        this.sendSnapshot(room, conn, meeting, viewer);
        conn.sentSeq = meeting.seq;
        continue;
      }
      // [PR-20] what may be read of some steps changed: their runtimes go with the events (made
      // only where a frame is made, once per view, not per socket)
      const steps = (v: Viewer) => (v.role === 'facilitator' ? {} : this.changedSteps(meeting.state, resync, v, room.alias));
      let frame: Frame | null;
      if (conn.sentSeq < first) {
        const shared = sharedViewer(viewer);
        const key = viewKey(shared);
        frame = frames.get(key) ?? null;
        if (!frames.has(key)) {
          const message = eventsMessage(meeting.seq, project(events, shared, meeting.state, room.alias), steps(shared));
          frame = message ? encoded(this.serialize(message)) : null;
          frames.set(key, frame);
        }
      } else {
        // Joined during this batch: it already has the first part from its catch-up.
        const rest = events.filter((e) => e.seq > conn.sentSeq);
        const message = eventsMessage(meeting.seq, project(rest, viewer, meeting.state, room.alias), steps(viewer));
        frame = message ? { text: this.serialize(message) } : null;
      }
      conn.sentSeq = meeting.seq;
      // [VW-8] nothing this viewer may see (others' arrivals): no frame at all
      if (frame) this.sendRaw(conn, frame);
      if (conn.actor.role === 'participant' && arrived.has(conn.actor.participantId)) this.sendOwnRecord(conn, meeting.state, viewer);
    }
    this.metrics?.delivered(this.stats.serializations - serializedBefore);
    // [OPS-1] commit heard → frames handed to the sockets, the batching wait included
    if (heardAt !== null) this.metrics?.broadcast((performance.now() - heardAt) / 1000);
  }

  /** [PR-20] The runtimes of the steps a resync names, as this viewer may see them; nothing when it names none. */
  private changedSteps(state: MeetingState, resync: Resync, viewer: Viewer, alias: Alias): { steps?: Record<string, StepRuntime> } {
    if (resync.steps.length === 0) return {};
    const steps: Record<string, StepRuntime> = {};
    for (const id of resync.steps) if (state.steps[id]) steps[id] = projectStep(state, id, viewer, alias);
    return { steps };
  }


  private leave(conn: Connection): void {
    conn.closed = true;
    this.connections.delete(conn);
    const room = conn.meetingId ? this.rooms.get(conn.meetingId) : undefined;
    if (!room) return;
    room.connections.delete(conn);
    if (room.connections.size === 0) {
      this.rooms.delete(room.meetingId);
      void this.inRoom(room, async () => {
        await room.unsubscribe?.();
      });
    }
  }

  private remember(key: string, hash: string): void {
    this.claims.delete(key);
    this.claims.set(key, hash);
    if (this.claims.size > MAX_CLAIMS) {
      const oldest = this.claims.keys().next().value;
      if (oldest !== undefined) this.claims.delete(oldest);
    }
  }

  private takeToken(conn: Connection): boolean {
    const now = this.options.now();
    const refill = ((now - conn.refilledAt) / 1000) * this.options.ratePerSecond;
    conn.tokens = Math.min(this.options.rateBurst, conn.tokens + refill);
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  private serialize(message: ServerMessage | MeetingState): string {
    this.stats.serializations++;
    return JSON.stringify(message);
  }

  private send(conn: Connection, message: ServerMessage): void {
    this.sendRaw(conn, { text: JSON.stringify(message) });
  }

  private sendRaw(conn: Connection, frame: Frame): void {
    if (conn.closed) return;
    // [PR-7] a reader that stops reading is cut off instead of growing our memory
    if (conn.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.stats.cutOff++;
      this.metrics?.cutOff();
      this.close(conn, 1013, 'too far behind; reconnect to resync');
      return;
    }
    if (frame.bytes && conn.socket.sendEncoded) conn.socket.sendEncoded(frame.bytes);
    else conn.socket.send(frame.text);
  }

  private close(conn: Connection, code: number, reason: string): void {
    if (conn.closed) return;
    this.leave(conn);
    conn.socket.close(code, reason);
  }

  /** Number of meetings with live sockets on this node. */
  get roomCount(): number {
    return this.rooms.size;
  }
}

/** A frame to send: its text, and its UTF-8 bytes when it is shared by many sockets. */
interface Frame {
  readonly text: string;
  readonly bytes?: Buffer;
}

/** A shared frame, encoded once for all its sockets. */
const encoded = (text: string): Frame => ({ text, bytes: Buffer.from(text, 'utf8') });

/** Waits for `work` to settle, but not past `deadline` (performance.now). */
async function settleBy(work: readonly Promise<unknown>[], deadline: number): Promise<void> {
  if (work.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - performance.now()));
  });
  await Promise.race([Promise.allSettled(work), late]);
  clearTimeout(timer);
}

/** Whether a credential shows this meeting's join code or join-link token. */
function showsCode(state: MeetingState, credential: Credential): boolean {
  if (credential.kind !== 'participant') return false;
  return (
    (credential.joinCode !== undefined && state.joinCode !== null && credential.joinCode.toUpperCase() === state.joinCode) ||
    (credential.joinToken !== undefined && state.joinToken !== null && credential.joinToken === state.joinToken)
  );
}

/** An `events` message, or null when it would carry nothing: no event this viewer may see and no step. */
function eventsMessage(seq: number, events: SequencedRecord<MeetingEvent>[], steps: { steps?: Record<string, StepRuntime> }): ServerMessage | null {
  if (events.length === 0 && steps.steps === undefined) return null;
  return { type: 'events', seq, events, ...steps };
}

function project(events: readonly SequencedRecord<MeetingEvent>[], viewer: Viewer, after: MeetingState, alias: Alias) {
  const out: { seq: number; event: MeetingEvent }[] = [];
  for (const { seq, event } of events) {
    const visible = projectEvent(event, viewer, after, alias);
    if (visible) out.push({ seq, event: visible });
  }
  return out;
}
