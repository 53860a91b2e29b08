import {
  type Actor,
  type ClientMessage,
  type Credential,
  type MeetingEvent,
  type MeetingState,
  PROTOCOL_VERSION,
  parseClientMessage,
  projectEvent,
  projectState,
  type ServerMessage,
  type ViewRole,
} from '@goedwerk/core';
import type { Bus } from '@goedwerk/bus';
import type { SequencedRecord, Store } from '@goedwerk/store';
import { type MeetingEngine, meetingChannel } from './engine.ts';
import { hashToken, tokenMatches } from './secrets.ts';

/** All the engine needs of a socket; tests pass an in-memory pair. */
export interface LiveSocket {
  send(data: string): void;
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
  readonly now: () => number;
}

const DEFAULTS: LiveHubOptions = {
  maxBufferedBytes: 1024 * 1024,
  catchUpLimit: 500,
  rateBurst: 40,
  ratePerSecond: 20,
  now: () => Date.now(),
};

interface Connection {
  readonly socket: LiveSocket;
  meetingId?: string;
  actor?: Actor;
  role?: ViewRole;
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
}

/**
 * The live side of the server: reads client messages, runs commands through the engine,
 * and fans committed events out to the sockets of each meeting, projected per role and
 * serialised once per role-view. Protocol in docs/protocol.md; rules PR-* in docs/spec/.
 */
export class LiveHub {
  private readonly options: LiveHubOptions;
  private readonly rooms = new Map<string, Room>();
  /** Counters for tests and metrics. */
  readonly stats = { serializations: 0, broadcasts: 0, cutOff: 0 };

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly engine: MeetingEngine,
    options: Partial<LiveHubOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Registers a new socket; the transport calls the returned functions. */
  accept(socket: LiveSocket): { onMessage(raw: string): Promise<void>; onClose(): void } {
    const conn: Connection = {
      socket,
      sentSeq: 0,
      ready: false,
      tokens: this.options.rateBurst,
      refilledAt: this.options.now(),
      closed: false,
    };
    return {
      onMessage: (raw) => this.onMessage(conn, raw),
      onClose: () => this.leave(conn),
    };
  }

  private async onMessage(conn: Connection, raw: string): Promise<void> {
    if (conn.closed) return;
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
      console.error(`live: ${parsed.message.type} failed:`, error instanceof Error ? error.message : 'unknown error');
      this.send(conn, { type: 'error', code: 'internal', message: 'the server could not handle this message' });
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
    const actor = meeting ? await this.authenticate(hello.meetingId, hello.credential) : null;
    // [PR-2] an unknown meeting and a wrong secret get the same answer
    if (!meeting || !actor) {
      this.send(conn, { type: 'error', code: 'not_authenticated', message: 'unknown meeting or wrong credentials' });
      this.close(conn, 1008, 'not authenticated');
      return;
    }
    conn.actor = actor;
    conn.role = actor.role === 'system' ? 'facilitator' : actor.role;
    conn.meetingId = hello.meetingId;
    this.send(conn, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      meetingId: hello.meetingId,
      role: conn.role,
      ...(actor.role === 'participant' ? { participantId: actor.participantId } : {}),
    });
    const room = await this.join(conn);
    await this.inRoom(room, () => this.catchUp(conn, hello.lastSeq));
  }

  private async authenticate(meetingId: string, credential: Credential): Promise<Actor | null> {
    if (credential.kind === 'participant') {
      const hash = hashToken(credential.secret);
      const stored = await this.store.claimParticipant(meetingId, credential.participantId, hash);
      return tokenMatches(credential.secret, stored) ? { role: 'participant', participantId: credential.participantId } : null;
    }
    const secrets = await this.store.getMeetingSecrets(meetingId);
    if (credential.kind === 'facilitator') {
      return tokenMatches(credential.token, secrets?.facilitatorTokenHash) ? { role: 'facilitator' } : null;
    }
    return tokenMatches(credential.token, secrets?.screenTokenHash) ? { role: 'screen' } : null;
  }

  /** [PR-5] missed events when the gap is small, otherwise a snapshot of what the role may see. */
  private async catchUp(conn: Connection, lastSeq: number | undefined): Promise<void> {
    const role = conn.role;
    const meetingId = conn.meetingId;
    if (!role || !meetingId || conn.closed) return;
    const meeting = await this.store.getMeeting<MeetingState>(meetingId);
    if (!meeting) return;
    const gap = lastSeq === undefined ? Infinity : meeting.seq - lastSeq;
    if (lastSeq !== undefined && gap >= 0 && gap <= this.options.catchUpLimit) {
      if (gap > 0) {
        const events = await this.store.eventsSince<MeetingEvent>(meetingId, lastSeq, gap);
        this.send(conn, { type: 'events', seq: meeting.seq, events: project(events, role) });
      }
    } else {
      this.send(conn, { type: 'snapshot', seq: meeting.seq, state: projectState(meeting.state, role) });
    }
    conn.sentSeq = meeting.seq;
    conn.ready = true;
  }

  private async join(conn: Connection): Promise<Room> {
    const meetingId = conn.meetingId as string;
    let room = this.rooms.get(meetingId);
    if (!room) {
      const created: Room = { meetingId, connections: new Set(), deliveredSeq: 0, chain: Promise.resolve() };
      room = created;
      this.rooms.set(meetingId, created);
      // Subscribe first, then read where the meeting stands, so nothing falls in between.
      await this.inRoom(created, async () => {
        created.unsubscribe = await this.bus.subscribe(meetingChannel(meetingId), () => {
          void this.inRoom(created, () => this.deliver(created));
        });
        created.deliveredSeq = (await this.store.getMeeting(meetingId))?.seq ?? 0;
      });
    }
    room.connections.add(conn);
    return room;
  }

  private inRoom(room: Room, task: () => Promise<void>): Promise<void> {
    const next = room.chain.then(task).catch((error: unknown) => {
      console.error(`live: delivery for a meeting failed:`, error instanceof Error ? error.message : 'unknown error');
    });
    room.chain = next;
    return next;
  }

  /** [PR-6] one read of the log per node, one serialisation per role-view, then a send per socket. */
  private async deliver(room: Room): Promise<void> {
    const events = await this.store.eventsSince<MeetingEvent>(room.meetingId, room.deliveredSeq);
    const last = events.at(-1);
    if (!last) return;
    room.deliveredSeq = last.seq;
    this.stats.broadcasts++;
    const frames = new Map<ViewRole, string>();
    for (const conn of room.connections) {
      if (!conn.ready || conn.closed || !conn.role || conn.sentSeq >= last.seq) continue;
      let frame: string;
      if (conn.sentSeq < (events[0]?.seq ?? 0)) {
        let shared = frames.get(conn.role);
        if (shared === undefined) {
          shared = this.serialize({ type: 'events', seq: last.seq, events: project(events, conn.role) });
          frames.set(conn.role, shared);
        }
        frame = shared;
      } else {
        // Joined during this batch: it already has the first part from its catch-up.
        const rest = events.filter((e) => e.seq > conn.sentSeq);
        frame = this.serialize({ type: 'events', seq: last.seq, events: project(rest, conn.role) });
      }
      conn.sentSeq = last.seq;
      this.sendRaw(conn, frame);
    }
  }

  private leave(conn: Connection): void {
    conn.closed = true;
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

  private takeToken(conn: Connection): boolean {
    const now = this.options.now();
    const refill = ((now - conn.refilledAt) / 1000) * this.options.ratePerSecond;
    conn.tokens = Math.min(this.options.rateBurst, conn.tokens + refill);
    conn.refilledAt = now;
    if (conn.tokens < 1) return false;
    conn.tokens -= 1;
    return true;
  }

  private serialize(message: ServerMessage): string {
    this.stats.serializations++;
    return JSON.stringify(message);
  }

  private send(conn: Connection, message: ServerMessage): void {
    this.sendRaw(conn, JSON.stringify(message));
  }

  private sendRaw(conn: Connection, frame: string): void {
    if (conn.closed) return;
    // [PR-7] a reader that stops reading is cut off instead of growing our memory
    if (conn.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.stats.cutOff++;
      this.close(conn, 1013, 'too far behind; reconnect to resync');
      return;
    }
    conn.socket.send(frame);
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

function project(events: readonly SequencedRecord<MeetingEvent>[], role: ViewRole) {
  const out: { seq: number; event: MeetingEvent }[] = [];
  for (const { seq, event } of events) {
    const visible = projectEvent(event, role);
    if (visible) out.push({ seq, event: visible });
  }
  return out;
}
