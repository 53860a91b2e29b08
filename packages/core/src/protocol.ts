import { hasUnstorableText } from './text.ts';
import { z } from 'zod';
import { LiveCommand } from './commands.ts';
import { DOMAIN_ERROR_CODES } from './errors.ts';
import { MeetingEvent } from './events.ts';

/**
 * The live protocol between browser and server, both directions, as one versioned module.
 * A change that old clients cannot read raises PROTOCOL_VERSION. See docs/protocol.md.
 */
export const PROTOCOL_VERSION = 4;

/** Largest message a client may send, in bytes. */
export const MAX_CLIENT_MESSAGE_BYTES = 16 * 1024;

const Id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'an id of 8 to 64 letters, digits, - or _');
const Secret = z.string().regex(/^[A-Za-z0-9_-]{20,128}$/);

export const Credential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('facilitator'), token: Secret }).strict(),
  z.object({ kind: z.literal('screen'), token: Secret }).strict(),
  /**
   * A pseudonymous participant: the id and secret are made and kept by the browser. A newcomer
   * shows the join code or the join link's token; a returning participant needs neither.
   */
  z
    .object({
      kind: z.literal('participant'),
      participantId: Id,
      secret: Secret,
      joinCode: z.string().regex(/^[A-Za-z0-9]{8}$/).optional(),
      joinToken: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/).optional(),
    })
    .strict(),
]);
export type Credential = z.infer<typeof Credential>;

export const Hello = z
  .object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    meetingId: Id,
    credential: Credential,
    /** The last sequence number this client has applied; absent on a first connect. */
    lastSeq: z.number().int().min(0).optional(),
  })
  .strict();
export const CommandMessage = z
  .object({
    type: z.literal('command'),
    /** Made by the client; a resend with the same id is applied once. */
    commandId: Id,
    command: LiveCommand,
  })
  .strict();
export const Ping = z.object({ type: z.literal('ping') }).strict();

export const ClientMessage = z.discriminatedUnion('type', [Hello, CommandMessage, Ping]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const SequencedEvent = z.object({ seq: z.number().int().min(1), event: MeetingEvent }).strict();
export type SequencedEvent = z.infer<typeof SequencedEvent>;

export const PROTOCOL_ERROR_CODES = [
  'bad_json',
  'bad_message',
  'unsupported_protocol',
  'not_authenticated',
  'already_authenticated',
  'unknown_meeting',
  'too_large',
  'rate_limited',
  'internal',
] as const;
export const ProtocolErrorCode = z.enum(PROTOCOL_ERROR_CODES);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCode>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.literal(PROTOCOL_VERSION),
    meetingId: Id,
    role: z.enum(['facilitator', 'screen', 'participant']),
    participantId: Id.optional(),
  }),
  /**
   * The whole meeting as this role may see it, at `seq`. Since version 4 (VW-8) a participant's
   * snapshot holds no participant: one who has joined gets their own record in `self` right after.
   */
  z.object({ type: z.literal('snapshot'), seq: z.number().int().min(0), state: z.unknown() }),
  /** (Since version 4, VW-8) this participant's own record, after a snapshot: who joined is otherwise the facilitator's and the screen's to see. */
  z.object({ type: z.literal('self'), participant: z.object({ id: Id, joinedAt: z.string() }).strict() }),
  /**
   * Events after the client's last seq, in order, as this role may see them; `seq` is where
   * the client stands after applying them (events this role may not see leave gaps). `steps`
   * (since version 2): runtimes of steps, as this role may see them, that replace the client's
   * after the events are applied: what may be read of those steps changed (a reveal or hide, k
   * answers reached), which the events alone cannot carry. Since version 3 (VW-7) the screen and
   * participants get no event for an answer to a counted step (a choice or a scale): the step
   * comes in `steps` instead, with its contributions empty and a `summary` of counts. Since
   * version 4 (VW-8) a participant gets no event for someone else's arrival, and no frame at all
   * for a batch that holds nothing it may see.
   */
  z.object({ type: z.literal('events'), seq: z.number().int().min(1), events: z.array(SequencedEvent), steps: z.record(z.string(), z.unknown()).optional() }),
  /** The command is committed; `seq` is the meeting's sequence number after it. */
  z.object({ type: z.literal('ack'), commandId: Id, seq: z.number().int().min(0), duplicate: z.boolean() }),
  /** The meeting ended this connection for a reason the client should show (e.g. removed). */
  z.object({ type: z.literal('goodbye'), reason: z.enum(['removed', 'closed']) }),
  /** The command was refused by the domain or the policy; nothing changed. */
  z.object({
    type: z.literal('rejected'),
    commandId: Id,
    code: z.enum(DOMAIN_ERROR_CODES),
    message: z.string(),
  }),
  /** The message could not be read or is not allowed here; nothing changed. */
  z.object({ type: z.literal('error'), code: ProtocolErrorCode, message: z.string() }),
  z.object({ type: z.literal('pong') }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | { ok: false; code: ProtocolErrorCode; message: string };

/** Reads one raw frame from a client: size, JSON and schema are checked here, at the edge. */
export function parseClientMessage(raw: string): ParseResult {
  if (raw.length > MAX_CLIENT_MESSAGE_BYTES) {
    return { ok: false, code: 'too_large', message: `messages may be at most ${MAX_CLIENT_MESSAGE_BYTES} bytes` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_json', message: 'the message is not valid JSON' };
  }
  // [PR-17] text no database can keep as typed (NUL, a lone surrogate) is refused, never stored
  if (hasUnstorableText(data)) {
    return { ok: false, code: 'bad_message', message: 'the message holds a NUL character or a broken character' };
  }
  const result = ClientMessage.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    return { ok: false, code: 'bad_message', message: `invalid message${where}: ${first?.message ?? 'unknown'}` };
  }
  return { ok: true, message: result.data };
}
