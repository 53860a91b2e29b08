import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommitDeadlineError, DrizzleStore, type Db } from './drizzle-store.ts';

/** A database whose transactions never settle, as when the client leaves a query waiting on a reset connection. */
const stuckDb = { transaction: () => new Promise(() => {}) } as unknown as Db;

describe('[ST-26] a commit that never settles', () => {
  it('[ST-26] fails with CommitDeadlineError after the deadline, so the meeting is not stopped and nothing is acknowledged', async () => {
    const store = new DrizzleStore('postgres', stuckDb, async () => {}, 50);
    const startedAt = Date.now();
    await assert.rejects(
      store.commitBatch({ meetingId: 'm', items: [{ commandId: 'c1', decide: () => ({ ok: false, error: 'never decided' }) }] }),
      (error: unknown) => error instanceof CommitDeadlineError && error.ms === 50,
    );
    const ms = Date.now() - startedAt;
    assert.ok(ms >= 45 && ms < 2000, `failed after the deadline, not before and not much later (${ms} ms)`);
    // The next commit is tried again, not queued behind the stuck one.
    await assert.rejects(store.commit({ meetingId: 'm', commandId: 'c2', decide: () => ({ ok: false, error: 'never decided' }) }), CommitDeadlineError);
  });
});
