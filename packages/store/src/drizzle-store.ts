import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { SnapshotCache, type Snapshot } from './snapshot-cache.ts';
import type { AccountPatch, AccountRecord, AuditEntry, BatchResult, CaseIndex, CaseQuery, Checkpoints, CommitBatchRequest, CommitDecision, FollowUpRecord, CommitRequest, CommitResult, EventPurge, SessionRecord, MeetingMeta, MeetingSecrets, SequencedRecord, Store, StoredMeeting, StoredReport } from './port.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
const { accounts, auditLog, cases, failedAttempts, followUps, meetingEvents, meetings, participantCredentials, processedCommands, programmes, reports, sessions } = schema;

const UNIQUE_VIOLATION = '23505';
const MAX_ATTEMPTS = 5;

/** True when a driver error (possibly wrapped by Drizzle) is a unique-key violation. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}


/**
 * A commit that neither committed nor failed within its deadline. Its outcome is unknown: it may
 * still commit later, so the caller must not acknowledge it; a resend of the same command is then
 * applied once (its command id is stored with its events).
 */
export class CommitDeadlineError extends Error {
  override readonly name = 'CommitDeadlineError';
  constructor(readonly ms: number) {
    super(`a commit took longer than ${ms} ms`);
  }
}

/**
 * How long a commit may take before the caller gets an error instead of waiting on. The PostgreSQL
 * client can leave a query inside a transaction waiting for ever when its connection is reset at
 * the wrong moment (seen in the RL-7 test); a meeting's commands are committed one batch at a
 * time, so one such wait would stop that meeting on this node.
 */
export const COMMIT_DEADLINE_MS = 20_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CommitDeadlineError(ms)), ms);
  });
  // If the work fails after the deadline, that failure has been answered already.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** [ST-28] By default a meeting's state is written when this many events came after the last write. */
export const CHECKPOINT_EVERY = 1000;

/** A meeting row as a read or a commit sees it: the state is null when this node's copy serves. */
interface MeetingRow {
  readonly lastSeq: number;
  readonly revision: number;
  readonly stateSeq: number;
  readonly state: unknown;
}

/** The store over any PostgreSQL-compatible Drizzle database: one implementation, two drivers. */
export class DrizzleStore implements Store {
  private readonly checkpointEvery: number;

  constructor(
    readonly kind: 'pglite' | 'postgres',
    private readonly db: Db,
    private readonly onClose: () => Promise<void>,
    private readonly commitDeadlineMs = COMMIT_DEADLINE_MS,
    private readonly checkpoints: Checkpoints | null = null,
  ) {
    // Without a fold the state is written at every commit, as it is read: at the row's last seq.
    this.checkpointEvery = checkpoints ? Math.max(1, checkpoints.every ?? CHECKPOINT_EVERY) : 1;
  }

  /**
   * This node's copies of recently used meetings' states, each valid at one seq and revision: a
   * read or a commit that finds the row there takes the copy instead of reading and parsing the
   * whole state again. Checked against the row on every use, so other nodes' writes are seen.
   */
  private readonly snapshots = new SnapshotCache();

  close(): Promise<void> {
    return this.onClose();
  }

  async putProgramme(id: string, data: unknown): Promise<void> {
    await this.db
      .insert(programmes)
      .values({ id, data })
      .onConflictDoUpdate({ target: programmes.id, set: { data, updatedAt: new Date() } });
  }

  async getProgramme(id: string): Promise<unknown | null> {
    const rows = await this.db.select({ data: programmes.data }).from(programmes).where(eq(programmes.id, id));
    return rows[0]?.data ?? null;
  }

  listProgrammes(): Promise<{ id: string; data: unknown }[]> {
    return this.db.select({ id: programmes.id, data: programmes.data }).from(programmes).orderBy(asc(programmes.id));
  }

  async putCase(id: string, data: unknown, index: CaseIndex): Promise<void> {
    const row = { data, status: index.status, searchTextNl: index.textNl, searchTextEn: index.textEn };
    await this.db
      .insert(cases)
      .values({ id, ...row })
      .onConflictDoUpdate({ target: cases.id, set: { ...row, updatedAt: new Date() } });
  }

  async getCase(id: string): Promise<unknown | null> {
    const rows = await this.db.select({ data: cases.data }).from(cases).where(eq(cases.id, id));
    return rows[0]?.data ?? null;
  }

  listCases(): Promise<{ id: string; data: unknown }[]> {
    return this.db.select({ id: cases.id, data: cases.data }).from(cases).orderBy(asc(cases.id));
  }

  async searchCases(query: CaseQuery): Promise<{ id: string; data: unknown; status: string }[]> {
    if (query.statuses.length === 0) return [];
    const conditions = [inArray(cases.status, [...query.statuses])];
    if (query.theme) conditions.push(sql`${cases.data}->'themes' @> ${JSON.stringify([query.theme])}::jsonb`);
    if (query.targetGroup) conditions.push(sql`${cases.data}->'targetGroups' @> ${JSON.stringify([query.targetGroup])}::jsonb`);
    const text = query.text?.trim();
    // websearch_to_tsquery takes anything a person types (quotes, "or", a minus) without a syntax error.
    const nl = sql`websearch_to_tsquery('dutch'::regconfig, ${text ?? ''})`;
    const en = sql`websearch_to_tsquery('english'::regconfig, ${text ?? ''})`;
    if (text) conditions.push(sql`(${cases.searchNl} @@ ${nl} or ${cases.searchEn} @@ ${en})`);
    const order = text ? [desc(sql`greatest(ts_rank(${cases.searchNl}, ${nl}), ts_rank(${cases.searchEn}, ${en}))`), asc(cases.id)] : [asc(cases.id)];
    return this.db
      .select({ id: cases.id, data: cases.data, status: cases.status })
      .from(cases)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(query.limit ?? 200);
  }

  async addFollowUp(f: FollowUpRecord): Promise<void> {
    await this.db.insert(followUps).values({ ...f, createdAt: new Date(f.createdAt) });
  }

  async listFollowUps(programmeId: string): Promise<FollowUpRecord[]> {
    const rows = await this.db.select().from(followUps).where(eq(followUps.programmeId, programmeId)).orderBy(asc(followUps.createdAt), asc(followUps.id));
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async setFollowUpStatus(programmeId: string, id: string, status: string): Promise<boolean> {
    const rows = await this.db
      .update(followUps)
      .set({ status })
      .where(and(eq(followUps.programmeId, programmeId), eq(followUps.id, id)))
      .returning({ id: followUps.id });
    return rows.length > 0;
  }

  async commit<S, E>({ meetingId, commandId, decide, notify }: CommitRequest<S, E>): Promise<CommitResult<E>> {
    const [result] = await this.commitBatch({ meetingId, items: [{ commandId, decide }], ...(notify ? { notify } : {}) });
    if (!result) throw new Error('a batch of one gave no result');
    if (result.kind === 'failed') throw result.error;
    return result;
  }

  async commitBatch<S, E>(request: CommitBatchRequest<S, E>): Promise<BatchResult<E>[]> {
    // A concurrent first command on a new meeting, or two copies of one command racing on two
    // nodes, end in a unique violation for the loser; trying again finds the winner's rows.
    for (let attempt = 1; ; attempt++) {
      try {
        const { results, snapshot } = await withDeadline(this.tryCommitBatch(request), this.commitDeadlineMs);
        // Only once committed: a rolled-back transaction leaves the copy as it was.
        if (snapshot) this.snapshots.set(request.meetingId, snapshot);
        return results;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The meeting's state column, or null when this node's copy serves: the same revision, and a seq
   * from the row's checkpoint (ST-28) up to its last seq, so only the events after it are read.
   */
  private static stateUnless(copy: Snapshot | undefined) {
    return copy
      ? sql<unknown>`case when ${meetings.stateRevision} = ${copy.revision} and ${meetings.stateSeq} <= ${copy.seq} and ${meetings.lastSeq} >= ${copy.seq} then null else ${meetings.state} end`
      : sql<unknown>`${meetings.state}`;
  }

  private static readonly rowColumns = { lastSeq: meetings.lastSeq, revision: meetings.stateRevision, stateSeq: meetings.stateSeq };

  /**
   * [ST-28] The state at the row's last seq: the row's checkpoint or this node's copy, whichever the
   * row said serves, brought forward over the events after it (read with `db`, in a transaction
   * where there is one).
   */
  private async stateOf<S>(db: Db, meetingId: string, row: MeetingRow, copy: Snapshot | undefined): Promise<S> {
    let seq: number;
    let state: unknown;
    if (row.state !== null) {
      seq = row.stateSeq;
      state = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
    } else {
      if (!copy) throw new Error('a meeting row without a state');
      seq = copy.seq;
      state = copy.state;
    }
    if (seq >= row.lastSeq) return state as S;
    if (!this.checkpoints) throw new Error('the meeting has events after its stored state, and this store was opened without a fold');
    const events = await db
      .select({ seq: meetingEvents.seq, event: meetingEvents.data })
      .from(meetingEvents)
      .where(and(eq(meetingEvents.meetingId, meetingId), gt(meetingEvents.seq, seq), lte(meetingEvents.seq, row.lastSeq)))
      .orderBy(asc(meetingEvents.seq));
    return this.checkpoints.fold(state, events) as S;
  }

  private tryCommitBatch<S, E>({ meetingId, items, notify }: CommitBatchRequest<S, E>): Promise<{ results: BatchResult<E>[]; snapshot: Snapshot | null }> {
    return this.db.transaction(async (tx) => {
      // Lock the meeting row first, so commands on one meeting are applied one at a time.
      const copy = this.snapshots.get(meetingId);
      const [row] = await tx
        .select({ ...DrizzleStore.rowColumns, state: DrizzleStore.stateUnless(copy) })
        .from(meetings)
        .where(eq(meetings.id, meetingId))
        .for('update');
      const done = new Map<string, number>();
      if (row) {
        const ids = [...new Set(items.map((item) => item.commandId))];
        const rows = await tx
          .select({ commandId: processedCommands.commandId, seq: processedCommands.seq })
          .from(processedCommands)
          .where(and(eq(processedCommands.meetingId, meetingId), inArray(processedCommands.commandId, ids)));
        for (const r of rows) done.set(r.commandId, r.seq);
      }
      let current: StoredMeeting<S> | null = row ? { id: meetingId, seq: row.lastSeq, state: await this.stateOf<S>(tx as unknown as Db, meetingId, row, copy) } : null;
      let meta: MeetingMeta | null = null;
      let secrets: MeetingSecrets | undefined;
      const appended: SequencedRecord<E>[] = [];
      const processed: { meetingId: string; commandId: string; seq: number }[] = [];
      const results: BatchResult<E>[] = [];
      for (const item of items) {
        const before = done.get(item.commandId);
        if (before !== undefined) {
          results.push({ kind: 'duplicate', seq: before });
          continue;
        }
        let decision: CommitDecision<S, E>;
        try {
          decision = item.decide(current);
        } catch (error) {
          results.push({ kind: 'failed', error });
          continue;
        }
        if (!decision.ok) {
          results.push({ kind: 'rejected', error: decision.error });
          continue;
        }
        if (!current && decision.events.length === 0) {
          results.push({ kind: 'rejected', error: new Error('a new meeting needs an event') });
          continue;
        }
        const fromSeq = current?.seq ?? 0;
        const records = decision.events.map((event, i) => ({ seq: fromSeq + i + 1, event }));
        const seq = fromSeq + records.length;
        appended.push(...records);
        processed.push({ meetingId, commandId: item.commandId, seq });
        done.set(item.commandId, seq);
        current = { id: meetingId, seq, state: decision.state };
        meta = decision.meta;
        secrets ??= decision.secrets;
        results.push({ kind: 'committed', seq, events: records });
      }
      if (processed.length === 0 || !current || !meta) return { results, snapshot: null };
      const columns = { ...metaColumns(meta), lastSeq: current.seq, updatedAt: new Date() };
      // [ST-28] the state is written when enough events came after the last write; a read folds the rest
      const checkpoint = { state: current.state, stateSeq: current.seq };
      if (!row) await tx.insert(meetings).values({ id: meetingId, ...columns, ...checkpoint, ...secrets });
      else if (appended.length > 0) {
        const due = current.seq - row.stateSeq >= this.checkpointEvery;
        await tx.update(meetings).set(due ? { ...columns, ...checkpoint } : columns).where(eq(meetings.id, meetingId));
      }
      // Each as one statement with one parameter, the rows as JSON: a batch of 1,000 votes binds one
      // text instead of 4,000 values (building and binding those cost more than the insert itself).
      if (appended.length > 0) {
        const rows = appended.map((r) => ({ seq: r.seq, type: eventRow(meetingId, r).type, data: r.event }));
        await tx.execute(
          sql`insert into ${meetingEvents} (meeting_id, seq, type, data) select ${meetingId}, r.seq, r.type, r.data from json_to_recordset(${JSON.stringify(rows)}::json) as r(seq integer, type text, data jsonb)`,
        );
      }
      const commands = processed.map((p) => ({ command_id: p.commandId, seq: p.seq }));
      await tx.execute(
        sql`insert into ${processedCommands} (meeting_id, command_id, seq) select ${meetingId}, r.command_id, r.seq from json_to_recordset(${JSON.stringify(commands)}::json) as r(command_id text, seq integer)`,
      );
      // [ST-22] Queued by the database and delivered at commit, or dropped with a rollback.
      if (notify && appended.length > 0) await tx.execute(sql`select pg_notify(${notify.channel}, ${notify.message(current.seq)})`);
      const snapshot = appended.length > 0 || !row ? { seq: current.seq, revision: row?.revision ?? 0, state: current.state } : null;
      return { results, snapshot };
    });
  }

  async getMeeting<S>(id: string): Promise<StoredMeeting<S> | null> {
    const copy = this.snapshots.get(id);
    const rows = await this.db
      .select({ ...DrizzleStore.rowColumns, state: DrizzleStore.stateUnless(copy) })
      .from(meetings)
      .where(eq(meetings.id, id));
    const row = rows[0];
    if (!row) {
      this.snapshots.delete(id);
      return null;
    }
    const state = await this.stateOf<S>(this.db, id, row, copy);
    if (state !== copy?.state) this.snapshots.set(id, { seq: row.lastSeq, revision: row.revision, state });
    return { id, seq: row.lastSeq, state };
  }

  async listMeetings<S>(filter: { programmeId?: string } = {}): Promise<StoredMeeting<S>[]> {
    const query = this.db
      .select({ id: meetings.id, ...DrizzleStore.rowColumns, state: meetings.state })
      .from(meetings)
      .where(filter.programmeId === undefined ? undefined : eq(meetings.programmeId, filter.programmeId))
      .orderBy(asc(meetings.date), asc(meetings.id));
    const rows = await query;
    // [ST-28] a meeting with events after its checkpoint is folded forward (one read each)
    return Promise.all(rows.map(async (r) => ({ id: r.id, seq: r.lastSeq, state: await this.stateOf<S>(this.db, r.id, r, undefined) })));
  }

  async eventsSince<E>(meetingId: string, afterSeq: number, limit = 10_000): Promise<SequencedRecord<E>[]> {
    const rows = await this.db
      .select({ seq: meetingEvents.seq, data: meetingEvents.data })
      .from(meetingEvents)
      .where(and(eq(meetingEvents.meetingId, meetingId), gt(meetingEvents.seq, afterSeq)))
      .orderBy(asc(meetingEvents.seq))
      .limit(limit);
    return rows.map((r) => ({ seq: r.seq, event: r.data as E }));
  }

  async getMeetingSecrets(id: string): Promise<MeetingSecrets | null> {
    const rows = await this.db
      .select({
        facilitatorTokenHash: meetings.facilitatorTokenHash,
        screenTokenHash: meetings.screenTokenHash,
        rapporteurTokenHash: meetings.rapporteurTokenHash,
        editorTokenHash: meetings.editorTokenHash,
      })
      .from(meetings)
      .where(eq(meetings.id, id));
    return rows[0] ?? null;
  }

  async setMeetingSecrets(id: string, secrets: MeetingSecrets): Promise<boolean> {
    const rows = await this.db.update(meetings).set(secrets).where(eq(meetings.id, id)).returning({ id: meetings.id });
    return rows.length === 1;
  }

  async findMeetingByJoin(by: { code: string } | { token: string }): Promise<string | null> {
    const where = 'code' in by ? eq(meetings.joinCode, by.code) : eq(meetings.joinToken, by.token);
    const rows = await this.db.select({ id: meetings.id }).from(meetings).where(where);
    return rows[0]?.id ?? null;
  }

  async importMeeting<S, E>(id: string, events: readonly SequencedRecord<E>[], state: S, meta: MeetingMeta): Promise<void> {
    const seq = events.at(-1)?.seq ?? 0;
    await this.db.transaction(async (tx) => {
      await tx.insert(meetings).values({ id, ...metaColumns(meta), lastSeq: seq, state, stateSeq: seq });
      if (events.length > 0) await tx.insert(meetingEvents).values(events.map((r) => eventRow(id, r)));
    });
  }

  async getReport<D>(meetingId: string): Promise<StoredReport<D> | null> {
    const rows = await this.db.select().from(reports).where(eq(reports.meetingId, meetingId));
    const row = rows[0];
    if (!row) return null;
    return {
      meetingId: row.meetingId,
      version: row.version,
      status: row.status,
      document: row.document as D,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      contributionsPurgedAt: row.contributionsPurgedAt?.toISOString() ?? null,
    };
  }

  async saveReport<D>(
    meetingId: string,
    document: D,
    meta: { status: string; approvedAt: string | null },
    expectedVersion: number,
  ): Promise<{ ok: boolean; version: number }> {
    const columns = { document, status: meta.status, approvedAt: meta.approvedAt ? new Date(meta.approvedAt) : null, updatedAt: new Date() };
    if (expectedVersion === 0) {
      const inserted = await this.db
        .insert(reports)
        .values({ meetingId, version: 1, ...columns })
        .onConflictDoNothing()
        .returning({ version: reports.version });
      if (inserted.length === 1) return { ok: true, version: 1 };
    } else {
      const updated = await this.db
        .update(reports)
        .set({ ...columns, version: expectedVersion + 1 })
        .where(and(eq(reports.meetingId, meetingId), eq(reports.version, expectedVersion)))
        .returning({ version: reports.version });
      if (updated.length === 1) return { ok: true, version: expectedVersion + 1 };
    }
    const current = await this.db.select({ version: reports.version }).from(reports).where(eq(reports.meetingId, meetingId));
    return { ok: false, version: current[0]?.version ?? 0 };
  }

  async reportsApprovedBefore(before: string): Promise<string[]> {
    const rows = await this.db
      .select({ meetingId: reports.meetingId })
      .from(reports)
      .where(and(lt(reports.approvedAt, new Date(before)), isNull(reports.contributionsPurgedAt)))
      .orderBy(asc(reports.meetingId));
    return rows.map((r) => r.meetingId);
  }

  async purgeEvents<S>(meetingId: string, purge: EventPurge, state: S): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
      const deleted =
        purge.deleteTypes.length === 0
          ? []
          : await tx
              .delete(meetingEvents)
              .where(and(eq(meetingEvents.meetingId, meetingId), inArray(meetingEvents.type, [...purge.deleteTypes])))
              .returning({ seq: meetingEvents.seq });
      for (const { type, field } of purge.stripFields) {
        await tx
          .update(meetingEvents)
          .set({ data: sql`${meetingEvents.data} - ${field}::text` })
          .where(and(eq(meetingEvents.meetingId, meetingId), eq(meetingEvents.type, type)));
      }
      await tx.update(meetings).set({ state, stateSeq: sql`${meetings.lastSeq}`, stateRevision: sql`${meetings.stateRevision} + 1`, updatedAt: new Date() }).where(eq(meetings.id, meetingId));
      this.snapshots.delete(meetingId);
      await tx.update(reports).set({ contributionsPurgedAt: new Date() }).where(eq(reports.meetingId, meetingId));
      return deleted.length;
    });
  }

  async createAccount(account: Omit<AccountRecord, 'createdAt' | 'disabledAt' | 'passwordHash'>): Promise<boolean> {
    const rows = await this.db
      .insert(accounts)
      .values({ ...account, email: account.email.toLowerCase(), inviteExpiresAt: account.inviteExpiresAt ? new Date(account.inviteExpiresAt) : null })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    return rows.length === 1;
  }

  async getAccount(id: string): Promise<AccountRecord | null> {
    const rows = await this.db.select().from(accounts).where(eq(accounts.id, id));
    return rows[0] ? accountOf(rows[0]) : null;
  }

  async findAccountByEmail(email: string): Promise<AccountRecord | null> {
    const rows = await this.db.select().from(accounts).where(eq(accounts.email, email.toLowerCase()));
    return rows[0] ? accountOf(rows[0]) : null;
  }

  async findAccountByInvite(inviteTokenHash: string): Promise<AccountRecord | null> {
    const rows = await this.db.select().from(accounts).where(eq(accounts.inviteTokenHash, inviteTokenHash));
    return rows[0] ? accountOf(rows[0]) : null;
  }

  async listAccounts(): Promise<AccountRecord[]> {
    return (await this.db.select().from(accounts).orderBy(asc(accounts.email))).map(accountOf);
  }

  async updateAccount(id: string, patch: AccountPatch): Promise<boolean> {
    const { inviteExpiresAt, disabledAt, ...rest } = patch;
    const set = {
      ...rest,
      ...(inviteExpiresAt === undefined ? {} : { inviteExpiresAt: inviteExpiresAt ? new Date(inviteExpiresAt) : null }),
      ...(disabledAt === undefined ? {} : { disabledAt: disabledAt ? new Date(disabledAt) : null }),
    };
    if (Object.keys(set).length === 0) return (await this.getAccount(id)) !== null;
    const rows = await this.db.update(accounts).set(set).where(eq(accounts.id, id)).returning({ id: accounts.id });
    return rows.length === 1;
  }

  async createSession(session: Pick<SessionRecord, 'idHash' | 'accountId' | 'expiresAt' | 'lastSeenAt'>): Promise<void> {
    await this.db.insert(sessions).values({ ...session, expiresAt: new Date(session.expiresAt), lastSeenAt: new Date(session.lastSeenAt) });
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const rows = await this.db.select().from(sessions).where(eq(sessions.idHash, idHash));
    const row = rows[0];
    if (!row) return null;
    return {
      idHash: row.idHash,
      accountId: row.accountId,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }

  async touchSession(idHash: string, at: string): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt: new Date(at) }).where(eq(sessions.idHash, idHash));
  }

  async revokeSessions(which: { idHash: string } | { accountId: string } | 'all', at: string): Promise<number> {
    const open = isNull(sessions.revokedAt);
    const where = which === 'all' ? open : 'idHash' in which ? and(open, eq(sessions.idHash, which.idHash)) : and(open, eq(sessions.accountId, which.accountId));
    const rows = await this.db.update(sessions).set({ revokedAt: new Date(at) }).where(where).returning({ idHash: sessions.idHash });
    return rows.length;
  }

  async rewriteEvents<S, E>(meetingId: string, change: { deleteSeqs: readonly number[]; replace: readonly SequencedRecord<E>[] }, state: S): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
      if (change.deleteSeqs.length > 0) {
        await tx.delete(meetingEvents).where(and(eq(meetingEvents.meetingId, meetingId), inArray(meetingEvents.seq, [...change.deleteSeqs])));
      }
      for (const record of change.replace) {
        const row = eventRow(meetingId, record);
        await tx.update(meetingEvents).set({ type: row.type, data: row.data }).where(and(eq(meetingEvents.meetingId, meetingId), eq(meetingEvents.seq, record.seq)));
      }
      await tx.update(meetings).set({ state, stateSeq: sql`${meetings.lastSeq}`, stateRevision: sql`${meetings.stateRevision} + 1`, updatedAt: new Date() }).where(eq(meetings.id, meetingId));
      this.snapshots.delete(meetingId);
    });
  }

  async deleteAccount(id: string): Promise<boolean> {
    const rows = await this.db.delete(accounts).where(eq(accounts.id, id)).returning({ id: accounts.id });
    return rows.length === 1;
  }

  recordAttempt(key: string, at: string, since: string, forgetBefore: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.delete(failedAttempts).where(lt(failedAttempts.at, new Date(forgetBefore)));
      await tx.insert(failedAttempts).values({ key, at: new Date(at) });
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(failedAttempts)
        .where(and(eq(failedAttempts.key, key), gt(failedAttempts.at, new Date(since))));
      return row?.n ?? 0;
    });
  }

  async countAttempts(key: string, since: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(failedAttempts)
      .where(and(eq(failedAttempts.key, key), gt(failedAttempts.at, new Date(since))));
    return row?.n ?? 0;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values({ ...entry, at: new Date(entry.at) });
  }

  async listAudit(filter: { actorId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(filter.actorId === undefined ? undefined : eq(auditLog.actorId, filter.actorId))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(filter.limit ?? 500);
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }

  async claimParticipant(meetingId: string, participantId: string, secretHash: string): Promise<string> {
    // One statement: the first claim is stored; a later one leaves the row as it was (the update
    // sets the stored hash again) and returns it, so the caller compares against the first.
    const rows = await this.db
      .insert(participantCredentials)
      .values({ meetingId, participantId, secretHash })
      .onConflictDoUpdate({ target: [participantCredentials.meetingId, participantCredentials.participantId], set: { secretHash: sql`${participantCredentials.secretHash}` } })
      .returning({ secretHash: participantCredentials.secretHash });
    const stored = rows[0]?.secretHash;
    if (stored === undefined) throw new Error('participant credential was not stored');
    return stored;
  }
}

function accountOf(row: typeof accounts.$inferSelect): AccountRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    passwordHash: row.passwordHash,
    inviteTokenHash: row.inviteTokenHash,
    inviteExpiresAt: row.inviteExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

function metaColumns(meta: MeetingMeta) {
  return {
    programmeId: meta.programmeId,
    status: meta.status,
    date: meta.date,
    joinCode: meta.joinCode ?? null,
    joinToken: meta.joinToken ?? null,
  };
}

function eventRow<E>(meetingId: string, record: SequencedRecord<E>) {
  const type = (record.event as { type?: unknown }).type;
  return { meetingId, seq: record.seq, type: typeof type === 'string' ? type : 'unknown', data: record.event };
}
