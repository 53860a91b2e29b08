
import { sql } from 'drizzle-orm';
import { bigserial, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The one database schema, for the embedded database and PostgreSQL alike. Change it here,
 * then run `npm run db:generate -w @goedwerk/store` to write the next SQL migration.
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const programmes = pgTable('programmes', {
  id: text('id').primaryKey(),
  data: jsonb('data').notNull(),
  createdAt: created(),
  updatedAt: updated(),
});

/** PostgreSQL's full-text document type; PGlite has it too, with the same snowball dictionaries. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const cases = pgTable(
  'cases',
  {
    id: text('id').primaryKey(),
    data: jsonb('data').notNull(),
    /** draft, submitted, published or archived: only published cases are in the library for everyone. */
    status: text('status').notNull().default('published'),
    /** The case's words per language, as one text each, for the search columns below. */
    searchTextNl: text('search_text_nl').notNull().default(''),
    searchTextEn: text('search_text_en').notNull().default(''),
    /** Stemmed by the `dutch` and the `english` configuration: "verantwoordelijkheden" finds "verantwoordelijk". */
    searchNl: tsvector('search_nl').generatedAlwaysAs(sql`to_tsvector('dutch'::regconfig, search_text_nl)`),
    searchEn: tsvector('search_en').generatedAlwaysAs(sql`to_tsvector('english'::regconfig, search_text_en)`),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('cases_status_idx').on(t.status),
    index('cases_search_nl_idx').using('gin', t.searchNl),
    index('cases_search_en_idx').using('gin', t.searchEn),
  ],
);

/** Agreements made in a meeting, to come back to in the programme's next meeting. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id').notNull(),
    meetingId: text('meeting_id').notNull(),
    text: text('text').notNull(),
    /** A role, never a person's name: "de leidinggevende", "het programmateam". */
    ownerRole: text('owner_role').notNull(),
    reviewDate: text('review_date'),
    status: text('status').notNull().default('open'),
    createdAt: created(),
  },
  (t) => [index('follow_ups_programme_idx').on(t.programmeId)],
);

/** One row per meeting: the latest snapshot of its state and the sequence number it is at. */
export const meetings = pgTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id'),
    status: text('status').notNull(),
    date: text('date'),
    /** Set while participants may join: the 8-character code and the token of the join link. */
    joinCode: text('join_code'),
    joinToken: text('join_token'),
    lastSeq: integer('last_seq').notNull(),
    /** The state after event `state_seq` (a checkpoint, ST-28): the events after it bring it to `last_seq`. */
    state: jsonb('state').notNull(),
    stateSeq: integer('state_seq').notNull(),
    /**
     * Counts every write of `state`, also those that keep `last_seq` (an erasure rewrites the state
     * in place): a node's copy of the state in memory is current only while both are unchanged.
     */
    stateRevision: integer('state_revision').notNull().default(0),
    facilitatorTokenHash: text('facilitator_token_hash'),
    screenTokenHash: text('screen_token_hash'),
    /** The secret links of the report's rapporteur and editor (redacteur). */
    rapporteurTokenHash: text('rapporteur_token_hash'),
    editorTokenHash: text('editor_token_hash'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('meetings_programme_idx').on(t.programmeId, t.date),
    uniqueIndex('meetings_join_code_idx').on(t.joinCode),
    uniqueIndex('meetings_join_token_idx').on(t.joinToken),
  ],
);

/**
 * The report of a meeting as the rapporteur edits it, with its workflow status. It outlives
 * the raw contributions: those are deleted some days after approval (`contributions_purged_at`).
 */
export const reports = pgTable(
  'reports',
  {
    meetingId: text('meeting_id')
      .primaryKey()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    document: jsonb('document').notNull(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    contributionsPurgedAt: timestamp('contributions_purged_at', { withTimezone: true }),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('reports_approved_idx').on(t.approvedAt)],
);

/** The append-only event log of every meeting: the source of truth. */
export const meetingEvents = pgTable(
  'meeting_events',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seq] })],
);

/** Command ids already applied, so a resend is answered with the first outcome, once. */
export const processedCommands = pgTable(
  'processed_commands',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    commandId: text('command_id').notNull(),
    seq: integer('seq').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.commandId] })],
);

/** The secret of each pseudonymous participant, hashed; it proves a returning browser is the same one. */
export const participantCredentials = pgTable(
  'participant_credentials',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    participantId: text('participant_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.participantId] })],
);

/** Facilitators, rapporteurs, editors, programme managers and admins. Participants need no account. */
export const accounts = pgTable('accounts', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').notNull(),
  /** argon2id; null until the invitation is accepted. */
  passwordHash: text('password_hash'),
  /** The invitation link's token, hashed, and until when it works. */
  inviteTokenHash: text('invite_token_hash'),
  inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }),
  createdAt: created(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** Server-side login sessions: the cookie holds an opaque id, only its hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: created(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * What staff did outside a meeting's own event log: account and session changes, meetings
 * prepared, reports moved along. Who (account id and role), what, on what; never contribution text.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    target: text('target'),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/**
 * Failed attempts (wrong join codes, wrong passwords) by a pseudonymous key: an HMAC of the
 * address or account, never the address itself. Shared by every node, so a limit holds across
 * them; rows older than the longest window are deleted as new ones come.
 */
export const failedAttempts = pgTable(
  'failed_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('failed_attempts_key_at_idx').on(t.key, t.at), index('failed_attempts_at_idx').on(t.at)],
);

