/**
 * The storage port. The server knows only this interface; each adapter (embedded PGlite,
 * PostgreSQL server) passes the same contract suite (contract.ts). Meeting state and events are
 * opaque JSON here: the store never interprets them, the core does.
 */
export interface SequencedRecord<E = unknown> {
  readonly seq: number;
  readonly event: E;
}

/**
 * [ST-28] Brings a meeting's state forward over the events after it: the core's evolve, given to
 * the store by whoever opens it (the store itself never reads a state or an event). With a fold the
 * store writes the state only every so many events, and a read folds the events after it.
 */
export type Fold<S = unknown, E = unknown> = (state: S | null, events: readonly SequencedRecord<E>[]) => S;

/** [ST-28] How a store keeps meeting states: folded from the last checkpoint, written every `every` events. */
export interface Checkpoints {
  readonly fold: Fold;
  /** Write the state when at least this many events came after the last written one (default 1,000). */
  readonly every?: number;
}

export interface StoredMeeting<S = unknown> {
  readonly id: string;
  readonly seq: number;
  readonly state: S;
}

/** Columns kept beside the snapshot so meetings can be listed without reading their state. */
export interface MeetingMeta {
  readonly programmeId: string | null;
  readonly status: string;
  readonly date: string | null;
  /** Unique among all meetings while set; null when nobody may join. */
  readonly joinCode?: string | null;
  readonly joinToken?: string | null;
}

export interface MeetingSecrets {
  readonly facilitatorTokenHash: string | null;
  readonly screenTokenHash: string | null;
  /** The report's secret links; left as they are when not given. */
  readonly rapporteurTokenHash?: string | null;
  readonly editorTokenHash?: string | null;
}

/** What the case library searches and filters on, kept beside a case's data. */
export interface CaseIndex {
  readonly status: string;
  /** All of the case's Dutch words as one text, and all its English words. */
  readonly textNl: string;
  readonly textEn: string;
}

export interface CaseQuery {
  readonly statuses: readonly string[];
  /** Words as a person types them; stemmed with PostgreSQL's `dutch` and `english` configurations. */
  readonly text?: string;
  readonly theme?: string;
  readonly targetGroup?: string;
  readonly limit?: number;
}

/** An agreement made in a meeting, owned by a role, to come back to by a date. */
export interface FollowUpRecord {
  readonly id: string;
  readonly programmeId: string;
  readonly meetingId: string;
  readonly text: string;
  readonly ownerRole: string;
  readonly reviewDate: string | null;
  readonly status: string;
  readonly createdAt: string;
}

/** A staff account (facilitator, rapporteur, editor, programme manager, admin). Times are ISO strings. */
export interface AccountRecord {
  readonly id: string;
  /** Lowercased. */
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly passwordHash: string | null;
  readonly inviteTokenHash: string | null;
  readonly inviteExpiresAt: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export type AccountPatch = Partial<Pick<AccountRecord, 'displayName' | 'role' | 'passwordHash' | 'inviteTokenHash' | 'inviteExpiresAt' | 'disabledAt'>>;

export interface SessionRecord {
  readonly idHash: string;
  readonly accountId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorRole: string;
  readonly action: string;
  readonly target: string | null;
}

/** What the retention rule removes from a meeting's log. */
export interface EventPurge {
  readonly deleteTypes: readonly string[];
  readonly stripFields: readonly { readonly type: string; readonly field: string }[];
}

/** A meeting's report as stored: an opaque document with its workflow status. */
export interface StoredReport<D = unknown> {
  readonly meetingId: string;
  /** Goes up by one with every save; a save names the version it was made on. */
  readonly version: number;
  readonly status: string;
  readonly document: D;
  readonly approvedAt: string | null;
  readonly contributionsPurgedAt: string | null;
}

/** What the caller's decide function returns inside the commit transaction. */
export type CommitDecision<S, E> =
  | { readonly ok: false; readonly error: unknown }
  | {
      readonly ok: true;
      readonly events: readonly E[];
      readonly state: S;
      readonly meta: MeetingMeta;
      /** Only when the command creates the meeting. */
      readonly secrets?: MeetingSecrets;
    };

export type CommitResult<E> =
  /** The events are durable; `seq` is the meeting's sequence number after them. */
  | { readonly kind: 'committed'; readonly seq: number; readonly events: readonly SequencedRecord<E>[] }
  /** This command id was applied before: nothing new happened. */
  | { readonly kind: 'duplicate'; readonly seq: number }
  | { readonly kind: 'rejected'; readonly error: unknown };

export interface CommitRequest<S, E> {
  readonly meetingId: string;
  readonly commandId: string;
  /** Called inside the transaction with the current snapshot (null for a new meeting). */
  readonly decide: (current: StoredMeeting<S> | null) => CommitDecision<S, E>;
  /**
   * [ST-22] A notification (PostgreSQL `pg_notify`) sent inside the same transaction, after the
   * events are appended: listeners get it only when the commit succeeds, and never for a
   * duplicate, a refusal or a commit that appends nothing. `message` gets the new seq.
   */
  readonly notify?: { readonly channel: string; readonly message: (seq: number) => string };
}

/** One command of a batch: its id and its decision on the state the commands before it left. */
export interface BatchItem<S, E> {
  readonly commandId: string;
  readonly decide: (current: StoredMeeting<S> | null) => CommitDecision<S, E>;
}

export interface CommitBatchRequest<S, E> {
  readonly meetingId: string;
  readonly items: readonly BatchItem<S, E>[];
  /** As in CommitRequest: one notification, with the seq after the whole batch. */
  readonly notify?: CommitRequest<S, E>['notify'];
}

/** The outcome of one command of a batch: a commit result, or the error its decide function threw. */
export type BatchResult<E> = CommitResult<E> | { readonly kind: 'failed'; readonly error: unknown };

export interface Store {
  /** Which adapter this is, for logs and /healthz. */
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;

  putProgramme(id: string, data: unknown): Promise<void>;
  getProgramme(id: string): Promise<unknown | null>;
  listProgrammes(): Promise<{ id: string; data: unknown }[]>;

  /** Stores a case with what the library searches and filters on (its status and its words per language). */
  putCase(id: string, data: unknown, index: CaseIndex): Promise<void>;
  getCase(id: string): Promise<unknown | null>;
  /** Every case of any status, by id. */
  listCases(): Promise<{ id: string; data: unknown }[]>;
  /**
   * Cases of the given statuses, filtered by theme and target group; with `text`, only those
   * whose Dutch or English words match it after stemming, best match first.
   */
  searchCases(query: CaseQuery): Promise<{ id: string; data: unknown; status: string }[]>;

  addFollowUp(followUp: FollowUpRecord): Promise<void>;
  listFollowUps(programmeId: string): Promise<FollowUpRecord[]>;
  /** Sets a follow-up's status (open or done); false if there is no such follow-up in that programme. */
  setFollowUpStatus(programmeId: string, id: string, status: string): Promise<boolean>;

  /**
   * Decides and appends in ONE transaction: the command id is checked for a resend, the
   * meeting row is locked, the caller decides on the latest snapshot, and events, snapshot
   * and command id are written together. Returns only after the commit.
   */
  commit<S, E>(request: CommitRequest<S, E>): Promise<CommitResult<E>>;
  /**
   * [ST-23] Several commands on one meeting in ONE transaction (group commit): each decides on the
   * state the ones before it left, in order; a resend or a refusal affects only itself. The
   * snapshot is written once, the events and command ids together, one notification at the end.
   * One result per item, in order; returns only after the commit.
   */
  commitBatch<S, E>(request: CommitBatchRequest<S, E>): Promise<BatchResult<E>[]>;
  getMeeting<S = unknown>(id: string): Promise<StoredMeeting<S> | null>;
  listMeetings<S = unknown>(filter?: { programmeId?: string }): Promise<StoredMeeting<S>[]>;
  /** Events with seq > afterSeq, in order, at most `limit`. */
  eventsSince<E = unknown>(meetingId: string, afterSeq: number, limit?: number): Promise<SequencedRecord<E>[]>;
  getMeetingSecrets(id: string): Promise<MeetingSecrets | null>;
  /** Replaces the hashes of a meeting's secret links (old links stop working); false if no such meeting. */
  setMeetingSecrets(id: string, secrets: MeetingSecrets): Promise<boolean>;
  /** The meeting with this join code or join-link token, if any. */
  findMeetingByJoin(by: { code: string } | { token: string }): Promise<string | null>;
  /** Writes a meeting's whole log, as read from an export; refuses if the meeting exists. */
  importMeeting<S, E>(id: string, events: readonly SequencedRecord<E>[], state: S, meta: MeetingMeta): Promise<void>;

  getReport<D = unknown>(meetingId: string): Promise<StoredReport<D> | null>;
  /**
   * Saves a report if it is still at `expectedVersion` (0: not stored yet). A conflict returns
   * the version that is stored, so the caller can reload instead of overwriting someone's work.
   */
  saveReport<D>(
    meetingId: string,
    document: D,
    meta: { readonly status: string; readonly approvedAt: string | null },
    expectedVersion: number,
  ): Promise<{ readonly ok: boolean; readonly version: number }>;
  /** Meetings whose report was approved before this time and whose contributions are still kept. */
  reportsApprovedBefore(before: string): Promise<string[]>;
  /**
   * Deletes a meeting's events of the given types (its raw contributions), removes one field
   * from the events of other types (display names), and replaces its snapshot with `state`, in
   * one transaction; marks the report as purged. Returns the events deleted.
   */
  purgeEvents<S>(meetingId: string, purge: EventPurge, state: S): Promise<number>;

  /** Adds an account; false when its e-mail address is taken. */
  createAccount(account: Omit<AccountRecord, 'createdAt' | 'disabledAt' | 'passwordHash'>): Promise<boolean>;
  getAccount(id: string): Promise<AccountRecord | null>;
  findAccountByEmail(email: string): Promise<AccountRecord | null>;
  findAccountByInvite(inviteTokenHash: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<AccountRecord[]>;
  updateAccount(id: string, patch: AccountPatch): Promise<boolean>;
  createSession(session: Pick<SessionRecord, 'idHash' | 'accountId' | 'expiresAt' | 'lastSeenAt'>): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  touchSession(idHash: string, at: string): Promise<void>;
  /** Ends sessions (one, an account's, or everyone's); returns how many were still open. */
  revokeSessions(which: { readonly idHash: string } | { readonly accountId: string } | 'all', at: string): Promise<number>;

  /**
   * Rewrites part of a meeting's log in one transaction (erasure on request): deletes the events
   * with these numbers, replaces others, and stores the snapshot that replaying the result gives.
   */
  rewriteEvents<S, E>(meetingId: string, change: { readonly deleteSeqs: readonly number[]; readonly replace: readonly SequencedRecord<E>[] }, state: S): Promise<void>;
  /** Removes an account and, with it, its sessions (erasure on request). */
  deleteAccount(id: string): Promise<boolean>;
  /**
   * [ST-25] Records a failed attempt under a pseudonymous key (never an address or an e-mail as
   * typed), deletes every attempt older than `forgetBefore`, and returns how many attempts the key
   * has since `since`, this one included: one transaction, so nodes sharing the database count together.
   */
  recordAttempt(key: string, at: string, since: string, forgetBefore: string): Promise<number>;
  /** How many failed attempts the key has since `since`. */
  countAttempts(key: string, since: string): Promise<number>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  listAudit(filter?: { readonly actorId?: string; readonly limit?: number }): Promise<AuditEntry[]>;

  /** Records a participant's secret hash the first time; returns the hash that is stored. */
  claimParticipant(meetingId: string, participantId: string, secretHash: string): Promise<string>;
}
