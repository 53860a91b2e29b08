import type { Credential, LiveCommand, MeetingEvent, MeetingState, ServerMessage, StepRuntime } from '@goedwerk/core';
import { evolve, type Scratch } from '@goedwerk/core/state';

/** What the session needs of a WebSocket: the browser's, or `ws` in Node tests. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** Where the outbox is kept so it survives a reload: localStorage in the browser, a Map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'removed' | 'stopped';

export type CommandOutcome =
  | { readonly ok: true; readonly seq: number; readonly duplicate: boolean }
  | { readonly ok: false; readonly code: string; readonly message: string };

interface Pending {
  readonly commandId: string;
  readonly command: LiveCommand;
}

export interface LiveSessionOptions {
  /** The live endpoint (`ws://host/ws` or `wss://host/ws`); the ticket is added as `?ticket=`. */
  readonly url: string;
  /**
   * A fresh ticket for one connection (the browser: POST /api/live/ticket). Asked before every
   * connect and every reconnect; a ticket that cannot be had counts as a failed attempt.
   */
  readonly ticket: () => Promise<string>;
  readonly meetingId: string;
  readonly credential: Credential;
  readonly createSocket: (url: string) => SocketLike;
  readonly storage: KeyValueStore;
  /** Where this client's outbox lives in storage (one per meeting and identity). */
  readonly outboxKey: string;
  readonly random?: () => number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /**
   * No message for this long means the connection is dead (half-open, or a connect that never
   * answers): reconnect. The session pings every third of it.
   */
  readonly silenceMs?: number;
  readonly newId?: () => string;
}

/** The live protocol version this client speaks: core's PROTOCOL_VERSION (the tests that run this session against the server fail if they differ). */
const PROTOCOL_VERSION = 4;
const OPEN = 1;

function randomId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One client's live connection to one meeting: it keeps the meeting state by applying events in
 * order, keeps unacknowledged commands in an outbox that survives a reload and resends them after
 * every reconnect, and reconnects with exponential backoff and full jitter. See docs/protocol.md.
 */
export class LiveSession {
  state: MeetingState | null = null;
  seq = 0;
  connection: ConnectionState = 'connecting';
  role: 'facilitator' | 'screen' | 'participant' | null = null;
  participantId: string | null = null;
  lastError: string | null = null;

  private socket: SocketLike | null = null;
  /** The connect attempt whose ticket is being fetched, if any: a late answer for another is ignored. */
  private fetching: object | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly waiting = new Map<string, (outcome: CommandOutcome) => void>();
  private readonly listeners = new Set<() => void>();
  private outbox: Pending[];
  private readonly o: Required<Omit<LiveSessionOptions, 'credential'>> & { credential: Credential };

  constructor(options: LiveSessionOptions) {
    this.o = {
      random: Math.random,
      baseDelayMs: 250,
      // Capped so a client is back within a few seconds of the network returning.
      maxDelayMs: 4_000,
      // A ping every third of this: a half-open connection is noticed within it.
      silenceMs: 12_000,
      newId: randomId,
      ...options,
    };
    this.outbox = this.loadOutbox();
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.connect();
  }

  stop(): void {
    this.connection = 'stopped';
    this.fetching = null;
    this.clearTimers();
    this.socket?.close(1000, 'bye');
    this.socket = null;
    this.emit();
  }

  /** Commands not yet acknowledged, oldest first. */
  get pending(): readonly Pending[] {
    return this.outbox;
  }

  /**
   * Queues a command, sends it when connected and resolves when the server has committed or
   * refused it. Until then it is in the outbox, also across reloads.
   */
  send(command: LiveCommand, commandId = this.o.newId()): Promise<CommandOutcome> {
    const pending: Pending = { commandId, command };
    this.outbox = [...this.outbox, pending];
    this.saveOutbox();
    const done = new Promise<CommandOutcome>((resolve) => this.waiting.set(commandId, resolve));
    if (this.connection === 'open') this.transmit(pending);
    this.emit();
    return done;
  }

  private connect(): void {
    if (this.connection === 'stopped' || this.connection === 'refused' || this.connection === 'removed') return;
    // Each attempt starts with a fresh ticket: a ticket opens one socket, within 30 seconds.
    const attempt = {};
    this.fetching = attempt;
    // A ticket that never comes counts as silence, like a connect that is never answered.
    this.armSilence();
    Promise.resolve()
      .then(() => this.o.ticket())
      .then(
        (ticket) => {
          if (this.fetching === attempt) this.open(ticket);
        },
        () => {
          if (this.fetching !== attempt) return;
          this.fetching = null;
          this.retry();
        },
      );
  }

  private open(ticket: string): void {
    this.fetching = null;
    const socket = this.o.createSocket(`${this.o.url}${this.o.url.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`);
    this.socket = socket;
    // Also a connect that is never answered counts as silence.
    this.armSilence();
    socket.onopen = () => {
      this.armSilence();
      socket.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          meetingId: this.o.meetingId,
          credential: this.o.credential,
          ...(this.state ? { lastSeq: this.seq } : {}),
        }),
      );
    };
    socket.onmessage = (event) => {
      this.armSilence();
      this.receive(JSON.parse(String(event.data)) as ServerMessage);
    };
    socket.onclose = () => this.dropped(socket);
    socket.onerror = () => this.dropped(socket);
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'welcome':
        this.connection = 'open';
        this.attempt = 0;
        this.role = message.role;
        this.participantId = message.participantId ?? null;
        this.pingTimer ??= setInterval(
          () => this.socket?.readyState === OPEN && this.socket.send('{"type":"ping"}'),
          Math.max(250, this.o.silenceMs / 3),
        );
        // The server handles a socket's messages in order: these follow the catch-up.
        for (const pending of this.outbox) this.transmit(pending);
        break;
      case 'snapshot':
        this.state = message.state as MeetingState;
        this.seq = message.seq;
        break;
      case 'self':
        // [VW-8] a participant's snapshot holds nobody: their own record follows it
        if (this.state) this.state = { ...this.state, participants: { ...this.state.participants, [message.participant.id]: message.participant } };
        break;
      case 'events': {
        // [ST-27] one copy of the participants and of a step's answers per frame, not per event
        const scratch: Scratch = new WeakSet();
        for (const { seq, event } of message.events) {
          if (seq > this.seq) this.state = evolve(this.state, event as MeetingEvent, scratch);
        }
        // [PR-20] steps whose readable part changed come whole, after the events
        if (message.steps && this.state && message.seq > this.seq) {
          this.state = { ...this.state, steps: { ...this.state.steps, ...(message.steps as Record<string, StepRuntime>) } };
        }
        this.seq = Math.max(this.seq, message.seq);
        break;
      }
      case 'ack':
        this.settle(message.commandId, { ok: true, seq: message.seq, duplicate: message.duplicate });
        break;
      case 'rejected':
        this.settle(message.commandId, { ok: false, code: message.code, message: message.message });
        break;
      case 'error':
        this.lastError = message.code;
        // The server dropped a message over its rate limit: send what is unacknowledged again
        // a little later (a resend is applied once).
        if (message.code === 'rate_limited') this.resendLater();
        if (message.code === 'not_authenticated' || message.code === 'unsupported_protocol') this.connection = 'refused';
        break;
      case 'goodbye':
        this.connection = 'removed';
        break;
      case 'pong':
        return;
    }
    this.emit();
  }

  private settle(commandId: string, outcome: CommandOutcome): void {
    this.outbox = this.outbox.filter((p) => p.commandId !== commandId);
    this.saveOutbox();
    this.waiting.get(commandId)?.(outcome);
    this.waiting.delete(commandId);
  }

  private resendTimer: ReturnType<typeof setTimeout> | null = null;

  private resendLater(): void {
    if (this.resendTimer) return;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      for (const pending of this.outbox) this.transmit(pending);
    }, 1000 + this.o.random() * 1000);
  }

  private transmit(pending: Pending): void {
    if (this.socket?.readyState !== OPEN) return;
    this.socket.send(JSON.stringify({ type: 'command', commandId: pending.commandId, command: pending.command }));
  }

  private dropped(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.retry();
  }

  /** After a lost connection or a failed attempt: try again after a backoff, unless the session is over. */
  private retry(): void {
    this.clearTimers();
    if (this.connection === 'stopped' || this.connection === 'refused' || this.connection === 'removed') {
      this.emit();
      return;
    }
    this.connection = 'reconnecting';
    // Full jitter: a random wait up to an exponentially growing cap, so a room of phones
    // that lost the network together does not come back in one wave.
    const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** this.attempt);
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), this.o.random() * cap);
    this.emit();
  }

  private armSilence(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    const socket = this.socket;
    const attempt = this.fetching;
    this.silenceTimer = setTimeout(() => {
      // Nothing heard (not even a pong), or no ticket yet: treat the attempt as dead and start again.
      if (socket) {
        socket.close(4000, 'silent');
        this.dropped(socket);
      } else if (attempt && attempt === this.fetching) {
        this.fetching = null;
        this.retry();
      }
    }, this.o.silenceMs);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.retryTimer = this.silenceTimer = this.pingTimer = this.resendTimer = null;
  }

  private loadOutbox(): Pending[] {
    try {
      const raw = this.o.storage.getItem(this.o.outboxKey);
      return raw ? (JSON.parse(raw) as Pending[]) : [];
    } catch {
      return [];
    }
  }

  private saveOutbox(): void {
    if (this.outbox.length === 0) this.o.storage.removeItem(this.o.outboxKey);
    else this.o.storage.setItem(this.o.outboxKey, JSON.stringify(this.outbox));
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
