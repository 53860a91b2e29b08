import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Checkpoints, CommitDecision, Store, StoredMeeting } from './port.ts';

/** A tiny stand-in for the meeting core: the store must not care what the state means. */
interface CounterState {
  n: number;
  items: string[];
}
interface CounterEvent {
  type: 'added';
  item: string;
}
const meta = { programmeId: 'prog-a', status: 'open', date: '2026-01-01' };

function add(...items: string[]) {
  return (current: StoredMeeting<CounterState> | null): CommitDecision<CounterState, CounterEvent> => {
    const state = current?.state ?? { n: 0, items: [] };
    return {
      ok: true,
      events: items.map((item) => ({ type: 'added', item })),
      state: { n: state.n + items.length, items: [...state.items, ...items] },
      meta,
    };
  };
}
const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** How many events each fold of the counter brought a state forward over, in order (ST-28). */
const folds: number[] = [];

/**
 * [ST-28] The counter's fold, for a target to open its store with: a checkpoint every 3 events, so
 * that most reads in this suite fold the events after one. Events of other kinds change nothing.
 */
export const COUNTER_CHECKPOINTS: Checkpoints = {
  every: 3,
  fold(state, records) {
    folds.push(records.length);
    let current = (state as CounterState | null) ?? { n: 0, items: [] };
    for (const { event } of records) {
      const e = event as CounterEvent;
      if (e.type === 'added') current = { n: current.n + 1, items: [...current.items, e.item] };
    }
    return current;
  },
};

export interface ContractTarget {
  /** Opens the store under test; `reopen` opens the same data again after close. */
  open(): Promise<Store>;
  reopen(): Promise<Store>;
  /**
   * Listens for notifications on a database channel from outside the store, as another node
   * would. Absent where nobody else can listen (the embedded database): ST-22 is not registered there.
   */
  listen?(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /** Opens a second store on the same data, as another node would. Absent on the embedded database: ST-24 is not registered there. */
  openOther?(): Promise<Store>;
}

/**
 * The storage contract: every adapter passes exactly these tests. Rule IDs refer to
 * docs/spec/storage.md.
 */
export function storeContractSuite(name: string, target: ContractTarget): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await target.open();
    });
    after(async () => {
      await store.close();
    });

    it('[ST-1] programmes and cases are stored, replaced and listed', async () => {
      await store.putProgramme('prog-a', { title: { nl: 'Eerste' } });
      await store.putProgramme('prog-a', { title: { nl: 'Tweede' } });
      await store.putCase('case-b', { title: { nl: 'B' } }, { status: 'published', textNl: 'B', textEn: '' });
      await store.putCase('case-a', { title: { nl: 'A' } }, { status: 'published', textNl: 'A', textEn: '' });
      assert.deepEqual(await store.getProgramme('prog-a'), { title: { nl: 'Tweede' } });
      assert.equal(await store.getProgramme('missing'), null);
      assert.deepEqual(
        (await store.listCases()).filter((c) => c.id.startsWith('case-')).map((c) => c.id),
        ['case-a', 'case-b'],
      );
      assert.deepEqual(await store.getCase('case-a'), { title: { nl: 'A' } });
    });

    it('[ST-2] a commit appends events with consecutive seqs and stores the snapshot', async () => {
      const id = newId('m');
      const first = await store.commit({ meetingId: id, commandId: newId('c'), decide: add('x', 'y') });
      assert.deepEqual(first, {
        kind: 'committed',
        seq: 2,
        events: [
          { seq: 1, event: { type: 'added', item: 'x' } },
          { seq: 2, event: { type: 'added', item: 'y' } },
        ],
      });
      const second = await store.commit({ meetingId: id, commandId: newId('c'), decide: add('z') });
      assert.equal(second.kind === 'committed' && second.seq, 3);
      assert.deepEqual(await store.getMeeting(id), { id, seq: 3, state: { n: 3, items: ['x', 'y', 'z'] } });
      assert.deepEqual(
        (await store.eventsSince(id, 1)).map((r) => r.seq),
        [2, 3],
      );
      assert.deepEqual(
        (await store.eventsSince(id, 0, 1)).map((r) => r.seq),
        [1],
      );
    });

    it('[ST-3] a resent command id is answered as a duplicate and appends nothing', async () => {
      const id = newId('m');
      const commandId = newId('c');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('a') });
      const once = await store.commit({ meetingId: id, commandId, decide: add('b') });
      const again = await store.commit({ meetingId: id, commandId, decide: add('b') });
      assert.equal(once.kind, 'committed');
      assert.deepEqual(again, { kind: 'duplicate', seq: 2 });
      assert.equal((await store.getMeeting<CounterState>(id))?.state.n, 2);
    });

    it('[ST-4] a rejected decision changes nothing and returns the error', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('a') });
      const commandId = newId('c');
      const result = await store.commit<CounterState, CounterEvent>({
        meetingId: id,
        commandId,
        decide: () => ({ ok: false, error: { code: 'nope' } }),
      });
      assert.deepEqual(result, { kind: 'rejected', error: { code: 'nope' } });
      assert.equal((await store.getMeeting(id))?.seq, 1);
      // A rejected command id is not remembered: fixing the cause and resending applies it.
      assert.equal((await store.commit({ meetingId: id, commandId, decide: add('b') })).kind, 'committed');
    });

    it('[ST-5] a decide function that throws rolls the whole transaction back', async () => {
      const id = newId('m');
      await assert.rejects(
        store.commit({
          meetingId: id,
          commandId: newId('c'),
          decide: () => {
            throw new Error('bug in decide');
          },
        }),
        /bug in decide/,
      );
      assert.equal(await store.getMeeting(id), null);
    });

    it('[ST-6] concurrent commands on one meeting get every seq exactly once', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('start') });
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => store.commit({ meetingId: id, commandId: newId('c'), decide: add(`i${i}`) })),
      );
      const seqs = results.map((r) => (r.kind === 'committed' ? r.seq : -1)).sort((a, b) => a - b);
      assert.deepEqual(seqs, Array.from({ length: 25 }, (_, i) => i + 2));
      const log = await store.eventsSince(id, 0);
      assert.deepEqual(
        log.map((r) => r.seq),
        Array.from({ length: 26 }, (_, i) => i + 1),
      );
      assert.equal((await store.getMeeting<CounterState>(id))?.state.n, 26);
    });

    it('[ST-7] the same command sent 20 times at once is applied once', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('start') });
      const commandId = newId('c');
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.commit({ meetingId: id, commandId, decide: add('vote') })),
      );
      assert.equal(results.filter((r) => r.kind === 'committed').length, 1);
      assert.equal(results.filter((r) => r.kind === 'duplicate').length, 19);
      assert.ok(results.every((r) => r.kind !== 'rejected' && r.seq === 2));
      assert.equal((await store.getMeeting<CounterState>(id))?.state.n, 2);
    });

    it('[ST-8] two first commands racing to create one meeting: both are applied in turn', async () => {
      const id = newId('m');
      const seen: (number | null)[] = [];
      const decide = (current: StoredMeeting<CounterState> | null) => {
        seen.push(current?.seq ?? null);
        return add('x')(current);
      };
      const results = await Promise.all([
        store.commit({ meetingId: id, commandId: newId('c'), decide }),
        store.commit({ meetingId: id, commandId: newId('c'), decide }),
      ]);
      assert.deepEqual(results.map((r) => r.kind), ['committed', 'committed']);
      assert.equal((await store.getMeeting(id))?.seq, 2);
      assert.ok(seen.includes(1), 'the second command saw the first one committed');
    });

    it('[ST-9] meetings are listed per programme in date order, with secrets kept apart', async () => {
      const programmeId = newId('p');
      const make = (date: string, secrets?: { facilitatorTokenHash: string; screenTokenHash: string }) => {
        const id = newId('m');
        return store
          .commit<CounterState, CounterEvent>({
            meetingId: id,
            commandId: newId('c'),
            decide: () => ({
              ok: true,
              events: [{ type: 'added', item: date }],
              state: { n: 1, items: [date] },
              meta: { programmeId, status: 'draft', date },
              ...(secrets ? { secrets } : {}),
            }),
          })
          .then(() => id);
      };
      const later = await make('2026-03-01', { facilitatorTokenHash: 'f-hash', screenTokenHash: 's-hash' });
      const earlier = await make('2026-02-01');
      const listed = await store.listMeetings({ programmeId });
      assert.deepEqual(listed.map((m) => m.id), [earlier, later]);
      assert.deepEqual(await store.getMeetingSecrets(later), { facilitatorTokenHash: 'f-hash', screenTokenHash: 's-hash', rapporteurTokenHash: null, editorTokenHash: null });
      assert.deepEqual(await store.getMeetingSecrets(earlier), { facilitatorTokenHash: null, screenTokenHash: null, rapporteurTokenHash: null, editorTokenHash: null });
      assert.equal(await store.getMeetingSecrets('missing'), null);
    });

    it('[ST-10] an imported meeting log is stored whole, and only once', async () => {
      const id = newId('m');
      const events = [
        { seq: 1, event: { type: 'added', item: 'p' } },
        { seq: 2, event: { type: 'added', item: 'q' } },
      ];
      await store.importMeeting(id, events, { n: 2, items: ['p', 'q'] }, meta);
      assert.deepEqual(await store.eventsSince(id, 0), events);
      assert.equal((await store.getMeeting(id))?.seq, 2);
      await assert.rejects(store.importMeeting(id, events, { n: 2, items: [] }, meta));
      const next = await store.commit({ meetingId: id, commandId: newId('c'), decide: add('r') });
      assert.equal(next.kind === 'committed' && next.seq, 3);
    });

    it('[ST-11] the first secret claimed for a participant is the one kept', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('a') });
      assert.equal(await store.claimParticipant(id, 'p1', 'hash-1'), 'hash-1');
      assert.equal(await store.claimParticipant(id, 'p1', 'hash-2'), 'hash-1');
      assert.equal(await store.claimParticipant(id, 'p2', 'hash-2'), 'hash-2');
    });

    it('[ST-13] a meeting is found by its join code or link, and its secret links can be replaced', async () => {
      const id = newId('m');
      const code = `C${randomUUID().replace(/-/g, '').slice(0, 7).toUpperCase()}`;
      const token = `t-${randomUUID()}`;
      await store.commit<CounterState, CounterEvent>({
        meetingId: id,
        commandId: newId('c'),
        decide: () => ({ ok: true, events: [{ type: 'added', item: 'x' }], state: { n: 1, items: ['x'] }, meta: { ...meta, joinCode: code, joinToken: token } }),
      });
      assert.equal(await store.findMeetingByJoin({ code }), id);
      assert.equal(await store.findMeetingByJoin({ token }), id);
      assert.equal(await store.findMeetingByJoin({ code: 'NOSUCHCD' }), null);
      // A second meeting cannot take the same code while the first holds it.
      await assert.rejects(
        store.commit<CounterState, CounterEvent>({
          meetingId: newId('m'),
          commandId: newId('c'),
          decide: () => ({ ok: true, events: [{ type: 'added', item: 'y' }], state: { n: 1, items: ['y'] }, meta: { ...meta, joinCode: code, joinToken: `${token}-2` } }),
        }),
      );
      assert.equal(await store.setMeetingSecrets(id, { facilitatorTokenHash: 'new-f', screenTokenHash: 'new-s' }), true);
      assert.deepEqual(await store.getMeetingSecrets(id), { facilitatorTokenHash: 'new-f', screenTokenHash: 'new-s', rapporteurTokenHash: null, editorTokenHash: null });
      // The report's links are set on their own and leave the others as they are.
      assert.equal(await store.setMeetingSecrets(id, { facilitatorTokenHash: 'new-f', screenTokenHash: 'new-s', rapporteurTokenHash: 'r', editorTokenHash: 'e' }), true);
      assert.deepEqual(await store.getMeetingSecrets(id), { facilitatorTokenHash: 'new-f', screenTokenHash: 'new-s', rapporteurTokenHash: 'r', editorTokenHash: 'e' });
      assert.equal(await store.setMeetingSecrets('missing', { facilitatorTokenHash: 'x', screenTokenHash: 'y' }), false);
    });

    it('[ST-14] a report is saved only on the version it was made on; a stale save is refused with the current version', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('r') });
      assert.equal(await store.getReport(id), null);
      assert.deepEqual(await store.saveReport(id, { text: 'one' }, { status: 'draft', approvedAt: null }, 0), { ok: true, version: 1 });
      assert.deepEqual(await store.saveReport(id, { text: 'again' }, { status: 'draft', approvedAt: null }, 0), { ok: false, version: 1 });
      assert.deepEqual(await store.saveReport(id, { text: 'two' }, { status: 'in_review', approvedAt: null }, 1), { ok: true, version: 2 });
      assert.deepEqual(await store.saveReport(id, { text: 'stale' }, { status: 'draft', approvedAt: null }, 1), { ok: false, version: 2 });
      const stored = await store.getReport<{ text: string }>(id);
      assert.equal(stored?.document.text, 'two');
      assert.equal(stored?.status, 'in_review');
      assert.equal(stored?.approvedAt, null);
    });

    it('[ST-15] retention: the contributions and names of a meeting approved long enough ago are deleted, its report is kept', async () => {
      const old = newId('m');
      const recent = newId('m');
      for (const id of [old, recent]) {
        await store.commit({ meetingId: id, commandId: newId('c'), decide: add('kept') });
        await store.commit({ meetingId: id, commandId: newId('c'), decide: (m) => ({ ok: true, events: [{ type: 'secret', item: 'raw words' }, { type: 'joined', item: 'p', name: 'Ann' }], state: m?.state as CounterState, meta }) });
      }
      await store.saveReport(old, { text: 'report' }, { status: 'approved', approvedAt: '2026-01-01T10:00:00.000Z' }, 0);
      await store.saveReport(recent, { text: 'report' }, { status: 'approved', approvedAt: '2026-03-01T10:00:00.000Z' }, 0);
      assert.deepEqual(await store.reportsApprovedBefore('2026-02-01T00:00:00.000Z'), [old]);
      assert.equal(await store.purgeEvents(old, { deleteTypes: ['secret'], stripFields: [{ type: 'joined', field: 'name' }] }, { n: 1, items: ['kept'] }), 1);
      assert.deepEqual((await store.eventsSince(old, 0)).map((r) => r.event), [{ type: 'added', item: 'kept' }, { type: 'joined', item: 'p' }]);
      assert.equal((await store.eventsSince(recent, 0)).length, 3);
      assert.deepEqual((await store.getMeeting(old))?.state, { n: 1, items: ['kept'] });
      assert.equal((await store.getReport<{ text: string }>(old))?.document.text, 'report');
      assert.notEqual((await store.getReport(old))?.contributionsPurgedAt, null);
      assert.deepEqual(await store.reportsApprovedBefore('2026-02-01T00:00:00.000Z'), []);
    });

    it('[ST-16] accounts: one per e-mail address (any case), found by address or invitation, changed and disabled', async () => {
      const id = newId('acc');
      const email = `${id}@Example.NL`;
      assert.equal(await store.createAccount({ id, email, displayName: 'Fee', role: 'facilitator', inviteTokenHash: `inv-${id}`, inviteExpiresAt: '2030-01-01T00:00:00.000Z' }), true);
      assert.equal(await store.createAccount({ id: newId('acc'), email: email.toUpperCase(), displayName: 'Twee', role: 'admin', inviteTokenHash: null, inviteExpiresAt: null }), false);
      const found = await store.findAccountByEmail(email.toUpperCase());
      assert.equal(found?.id, id);
      assert.equal(found?.email, email.toLowerCase());
      assert.equal(found?.passwordHash, null);
      assert.equal((await store.findAccountByInvite(`inv-${id}`))?.id, id);
      assert.equal(await store.updateAccount(id, { passwordHash: 'hash', inviteTokenHash: null, inviteExpiresAt: null }), true);
      assert.equal(await store.findAccountByInvite(`inv-${id}`), null);
      assert.equal((await store.getAccount(id))?.passwordHash, 'hash');
      assert.equal(await store.updateAccount(id, { disabledAt: '2026-02-01T00:00:00.000Z' }), true);
      assert.equal((await store.getAccount(id))?.disabledAt, '2026-02-01T00:00:00.000Z');
      assert.ok((await store.listAccounts()).some((a) => a.id === id));
      assert.equal(await store.updateAccount('missing', { role: 'admin' }), false);
    });

    it('[ST-17] sessions are stored by the hash of their id and end one by one, per account, or all at once', async () => {
      const account = newId('acc');
      await store.createAccount({ id: account, email: `${account}@example.nl`, displayName: 'S', role: 'admin', inviteTokenHash: null, inviteExpiresAt: null });
      for (const n of [1, 2, 3]) await store.createSession({ idHash: `${account}-s${n}`, accountId: account, expiresAt: '2030-01-01T00:00:00.000Z', lastSeenAt: '2028-01-01T00:00:00.000Z' });
      const s1 = await store.getSession(`${account}-s1`);
      assert.equal(s1?.accountId, account);
      assert.equal(s1?.revokedAt, null);
      assert.equal(s1?.lastSeenAt, '2028-01-01T00:00:00.000Z');
      await store.touchSession(`${account}-s1`, '2029-01-01T00:00:00.000Z');
      assert.equal((await store.getSession(`${account}-s1`))?.lastSeenAt, '2029-01-01T00:00:00.000Z');
      assert.equal(await store.revokeSessions({ idHash: `${account}-s1` }, '2029-01-02T00:00:00.000Z'), 1);
      assert.equal(await store.revokeSessions({ accountId: account }, '2029-01-03T00:00:00.000Z'), 2);
      assert.equal(await store.revokeSessions({ accountId: account }, '2029-01-04T00:00:00.000Z'), 0);
      assert.equal((await store.getSession(`${account}-s1`))?.revokedAt, '2029-01-02T00:00:00.000Z');
      assert.equal(await store.getSession('nope'), null);
    });

    it('[ST-18] the audit log keeps who did what, newest first, per actor; erasing an account removes it and its sessions', async () => {
      const actor = newId('acc');
      await store.createAccount({ id: actor, email: `${actor}@example.nl`, displayName: 'A', role: 'admin', inviteTokenHash: null, inviteExpiresAt: null });
      await store.createSession({ idHash: `${actor}-s`, accountId: actor, expiresAt: '2030-01-01T00:00:00.000Z', lastSeenAt: '2029-01-01T00:00:00.000Z' });
      await store.appendAudit({ id: newId('au'), at: '2026-01-01T10:00:00.000Z', actorId: actor, actorRole: 'admin', action: 'account.invite', target: 'x' });
      await store.appendAudit({ id: newId('au'), at: '2026-01-02T10:00:00.000Z', actorId: actor, actorRole: 'admin', action: 'account.disable', target: 'x' });
      await store.appendAudit({ id: newId('au'), at: '2026-01-03T10:00:00.000Z', actorId: null, actorRole: 'system', action: 'retention', target: 'm' });
      assert.deepEqual((await store.listAudit({ actorId: actor })).map((e) => e.action), ['account.disable', 'account.invite']);
      assert.equal((await store.listAudit({ limit: 1 }))[0]?.at, '2026-01-03T10:00:00.000Z');
      assert.equal(await store.deleteAccount(actor), true);
      assert.equal(await store.getAccount(actor), null);
      assert.equal(await store.getSession(`${actor}-s`), null);
      assert.equal(await store.deleteAccount(actor), false);
    });

    it('[ST-19] part of a meeting log is rewritten in one go: events deleted, others replaced, the snapshot stored', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: () => ({ ok: true, events: [{ type: 'added', item: 'a', name: 'Ann' }, { type: 'added', item: 'b' }, { type: 'added', item: 'c' }], state: { n: 3, items: ['a', 'b', 'c'] }, meta }) });
      await store.rewriteEvents(id, { deleteSeqs: [2], replace: [{ seq: 1, event: { type: 'added', item: 'a' } }] }, { n: 2, items: ['a', 'c'] });
      assert.deepEqual(await store.eventsSince(id, 0), [
        { seq: 1, event: { type: 'added', item: 'a' } },
        { seq: 3, event: { type: 'added', item: 'c' } },
      ]);
      assert.deepEqual(await store.getMeeting(id), { id, seq: 3, state: { n: 2, items: ['a', 'c'] } });
    });

    it('[ST-23] a batch of commands is one transaction: each decides on what the ones before left; a resend, a refusal or a failure affects only itself', async () => {
      const id = newId('m');
      const earlier = newId('c');
      await store.commit({ meetingId: id, commandId: earlier, decide: add('a') });
      const seen: number[] = [];
      const counting = (item: string) => (current: StoredMeeting<CounterState> | null) => {
        seen.push(current?.seq ?? -1);
        return add(item)(current);
      };
      const twice = newId('c');
      const refused = newId('c');
      const failing = newId('c');
      const results = await store.commitBatch<CounterState, CounterEvent>({
        meetingId: id,
        items: [
          { commandId: newId('c'), decide: counting('b') },
          { commandId: earlier, decide: counting('never') },
          { commandId: refused, decide: () => ({ ok: false, error: 'no' }) },
          {
            commandId: failing,
            decide: () => {
              throw new Error('a bug in one command');
            },
          },
          { commandId: twice, decide: counting('c') },
          { commandId: twice, decide: counting('never') },
          { commandId: newId('c'), decide: counting('d') },
        ],
      });
      assert.deepEqual(
        results.map((r) => r.kind),
        ['committed', 'duplicate', 'rejected', 'failed', 'committed', 'duplicate', 'committed'],
      );
      assert.deepEqual(results.map((r) => ('seq' in r ? r.seq : null)), [2, 1, null, null, 3, 3, 4]);
      assert.deepEqual(seen, [1, 2, 3], 'each command decided on the state the ones before it left');
      assert.deepEqual(await store.getMeeting(id), { id, seq: 4, state: { n: 4, items: ['a', 'b', 'c', 'd'] } });
      assert.deepEqual((await store.eventsSince<CounterEvent>(id, 0)).map((r) => [r.seq, r.event.item]), [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
      // The refused and the failed command left no trace: sent again, they are decided again.
      const again = await store.commitBatch<CounterState, CounterEvent>({
        meetingId: id,
        items: [
          { commandId: refused, decide: add('e') },
          { commandId: failing, decide: add('f') },
          { commandId: twice, decide: add('never') },
        ],
      });
      assert.deepEqual(again.map((r) => [r.kind, 'seq' in r ? r.seq : null]), [['committed', 5], ['committed', 6], ['duplicate', 3]]);
    });

    it('[ST-23] a state read from the store cannot be changed by its reader', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('a') });
      const read = (await store.getMeeting<CounterState>(id))!;
      assert.throws(() => read.state.items.push('b'), TypeError);
      assert.deepEqual((await store.getMeeting(id))?.state, { n: 1, items: ['a'] });
    });

    it('[ST-25] failed attempts are counted per key in a window, and old ones are forgotten', async () => {
      const key = newId('k');
      const other = newId('k');
      const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes)).toISOString();
      assert.equal(await store.recordAttempt(key, at(0), at(-10), at(-60)), 1);
      assert.equal(await store.recordAttempt(key, at(5), at(-5), at(-55)), 2);
      assert.equal(await store.recordAttempt(other, at(6), at(-4), at(-54)), 1, 'another key counts apart');
      assert.equal(await store.countAttempts(key, at(1)), 1, 'only those after the start of the window');
      assert.equal(await store.countAttempts(key, at(-1)), 2);
      // An hour on: the old attempts are deleted as a new one comes.
      assert.equal(await store.recordAttempt(other, at(70), at(60), at(10)), 1);
      assert.equal(await store.countAttempts(key, at(-100)), 0, 'forgotten');
    });

    const { openOther } = target;
    // Registered only where a second store can open the same data (PostgreSQL).
    if (openOther) it('[ST-24] a node sees what another node wrote: a commit, and an erasure that rewrites the state at the same seq', async () => {
      const other = await openOther();
      try {
        const id = newId('m');
        await store.commit({ meetingId: id, commandId: newId('c'), decide: add('a', 'b') });
        assert.deepEqual((await store.getMeeting(id))?.state, { n: 2, items: ['a', 'b'] });
        await other.commit({ meetingId: id, commandId: newId('c'), decide: add('c') });
        assert.deepEqual(await store.getMeeting(id), { id, seq: 3, state: { n: 3, items: ['a', 'b', 'c'] } });
        await other.rewriteEvents(id, { deleteSeqs: [2], replace: [] }, { n: 2, items: ['a', 'c'] });
        assert.deepEqual(await store.getMeeting(id), { id, seq: 3, state: { n: 2, items: ['a', 'c'] } }, 'the erased state, not the copy in memory');
        const next = await store.commit<CounterState, CounterEvent>({ meetingId: id, commandId: newId('c'), decide: add('d') });
        assert.equal(next.kind === 'committed' && next.seq, 4);
        assert.deepEqual((await other.getMeeting(id))?.state, { n: 3, items: ['a', 'c', 'd'] }, 'the commit decided on the erased state');
      } finally {
        await other.close();
      }
    });

    it('[ST-20] the library search stems Dutch and English words, filters by status, theme and target group, best match first', async () => {
      const put = (id: string, status: string, nl: string, en: string, themes: string[], targetGroups: string[]) =>
        store.putCase(id, { id, themes, targetGroups }, { status, textNl: nl, textEn: en });
      await put('zoek-een', 'published', 'Wie is hier verantwoordelijk voor het rapport?', '', ['loyaliteit'], ['leidinggevenden']);
      await put('zoek-twee', 'published', 'Een kwestie van vertrouwen en verantwoordelijk handelen, verantwoordelijk tot het eind', 'Acting responsibly', ['vertrouwen'], ['uitvoering']);
      await put('zoek-drie', 'submitted', 'Ook deze tekst is verantwoordelijk', '', ['loyaliteit'], []);
      await put('zoek-vier', 'published', 'Over iets heel anders: de begroting', 'Responsibilities of the board', [], []);
      const ids = async (q: Parameters<Store['searchCases']>[0]) => (await store.searchCases(q)).map((c) => c.id).filter((id) => id.startsWith('zoek-'));
      const published = ['published'];
      // "verantwoordelijkheden" and "verantwoordelijk" share the stem "verantwoord".
      const dutch = await ids({ statuses: published, text: 'verantwoordelijkheden' });
      console.log(`FIGURE search_stemmed_hits=${dutch.length}`);
      assert.deepEqual(dutch, ['zoek-twee', 'zoek-een'], 'both published cases, the one that says it twice first; not the submitted one');
      assert.deepEqual((await ids({ statuses: published, text: 'responsible' })).sort(), ['zoek-twee', 'zoek-vier'], 'English stemming: "responsible" finds "responsibly" and "responsibilities"');
      assert.ok((await ids({ statuses: published, text: 'responsibility' })).includes('zoek-vier'), '"responsibility" finds "responsibilities"');
      assert.deepEqual(await ids({ statuses: ['submitted'], text: 'verantwoordelijkheid' }), ['zoek-drie']);
      assert.deepEqual(await ids({ statuses: published, theme: 'loyaliteit' }), ['zoek-een']);
      assert.deepEqual(await ids({ statuses: published, targetGroup: 'uitvoering', text: 'verantwoordelijk' }), ['zoek-twee']);
      assert.deepEqual(await ids({ statuses: published, text: '"( ) OR - de het' }), [], 'any typed text is a valid query; punctuation and stop words alone find nothing');
      assert.deepEqual(await ids({ statuses: published, text: 'verantwoordelijk -vertrouwen' }), ['zoek-een'], 'a minus leaves out');
      assert.deepEqual(await ids({ statuses: [], text: 'verantwoordelijk' }), []);
    });

    it('[ST-21] follow-ups are kept per programme in the order made, and marked done', async () => {
      const programmeId = newId('p');
      const base = { programmeId, meetingId: 'm-1', ownerRole: 'programmateam', reviewDate: '2014-05-01', status: 'open' };
      await store.addFollowUp({ ...base, id: newId('f'), text: 'Eerste afspraak', createdAt: '2014-01-23T10:00:00.000Z' });
      const second = newId('f');
      await store.addFollowUp({ ...base, id: second, text: 'Tweede afspraak', reviewDate: null, createdAt: '2014-01-23T11:00:00.000Z' });
      await store.addFollowUp({ ...base, programmeId: newId('p'), id: newId('f'), text: 'Elders', createdAt: '2014-01-23T09:00:00.000Z' });
      const list = await store.listFollowUps(programmeId);
      assert.deepEqual(list.map((f) => [f.text, f.reviewDate, f.status]), [['Eerste afspraak', '2014-05-01', 'open'], ['Tweede afspraak', null, 'open']]);
      assert.equal(await store.setFollowUpStatus(programmeId, second, 'done'), true);
      assert.equal(await store.setFollowUpStatus(newId('p'), second, 'open'), false, 'not through another programme');
      assert.equal((await store.listFollowUps(programmeId))[1]?.status, 'done');
    });

    // Registered only where another connection can listen (PostgreSQL); the embedded database has none.
    const listen = target.listen?.bind(target);
    if (listen) it('[ST-22] a notification given to a commit is sent inside its transaction: once when committed, never for a duplicate or a refusal', async () => {
      const id = newId('m');
      const channel = `st22_${randomUUID().replaceAll('-', '')}`;
      const notify = { channel, message: (seq: number) => `${id}@${seq}` };
      const got: string[] = [];
      // What the store shows when the notification arrives: delivered only after the commit.
      const seenAtArrival: number[] = [];
      const stop = await listen(channel, (message) => {
        const i = got.push(message) - 1;
        void store.getMeeting(id).then((m) => {
          seenAtArrival[i] = m?.seq ?? 0;
        });
      });
      try {
        const commandId = newId('c');
        assert.equal((await store.commit({ meetingId: id, commandId, decide: add('a'), notify })).kind, 'committed');
        assert.equal((await store.commit({ meetingId: id, commandId, decide: add('a'), notify })).kind, 'duplicate');
        const refused = await store.commit({ meetingId: id, commandId: newId('c'), decide: () => ({ ok: false, error: 'no' }), notify });
        assert.equal(refused.kind, 'rejected');
        await assert.rejects(
          store.commit({ meetingId: id, commandId: newId('c'), decide: () => { throw new Error('decide failed'); }, notify }),
          /decide failed/,
        );
        const nothing = await store.commit({ meetingId: id, commandId: newId('c'), decide: (m) => ({ ok: true, events: [], state: m?.state as CounterState, meta }), notify });
        assert.equal(nothing.kind, 'committed');
        // Two first commands racing to create a meeting: a losing attempt is rolled back with its notification and tried again.
        const fresh = newId('m');
        const freshNotify = { channel, message: (seq: number) => `${fresh}@${seq}` };
        await Promise.all([1, 2].map(() => store.commit({ meetingId: fresh, commandId: newId('c'), decide: add('r'), notify: freshNotify })));
        assert.equal((await store.commit({ meetingId: id, commandId: newId('c'), decide: add('b', 'c'), notify })).kind, 'committed');
        const want = [`${id}@1`, `${fresh}@1`, `${fresh}@2`, `${id}@3`];
        const until = Date.now() + 3000;
        while (got.length < want.length && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(got, want);
        const mine = got.flatMap((m, i) => (m.startsWith(`${id}@`) ? [[Number(m.split('@')[1]), seenAtArrival[i] ?? -1]] : []));
        for (const [notified, seen] of mine) assert.ok((seen as number) >= (notified as number), `seq ${notified} was readable when its notification arrived (saw ${seen})`);
      } finally {
        await stop();
      }
    });

    it('[ST-28] the state is written every few events and folded forward on read: after a reopen, in a list, after an erasure', async () => {
      const id = newId('m');
      const items: string[] = [];
      for (let i = 0; i < 8; i++) {
        items.push(`e${i}`);
        await store.commit({ meetingId: id, commandId: newId('c'), decide: add(`e${i}`) });
      }
      // A batch decides on what the commands before it left, from a state folded forward.
      const batch = await store.commitBatch<CounterState, CounterEvent>({
        meetingId: id,
        items: [
          { commandId: newId('c'), decide: add('x') },
          { commandId: newId('c'), decide: add('y', 'z') },
        ],
      });
      assert.deepEqual(batch.map((r) => r.kind === 'committed' && r.seq), [9, 11]);
      // Checkpoints so far at seqs 1, 4, 7 and 11 (each commit that ends 3 or more events after the last): one more event after it.
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('w') });
      items.push('x', 'y', 'z', 'w');
      const want = { id, seq: 12, state: { n: 12, items } };
      assert.deepEqual(await store.getMeeting(id), want);
      assert.deepEqual((await store.listMeetings<CounterState>()).find((m) => m.id === id), want, 'a list folds too');
      // A new node has no copy: the checkpoint and the one event after it.
      await store.close();
      store = await target.reopen();
      folds.length = 0;
      assert.deepEqual(await store.getMeeting(id), want);
      assert.deepEqual(folds, [1], 'one event folded onto the checkpoint, not the whole log');
      const next = await store.commit<CounterState, CounterEvent>({ meetingId: id, commandId: newId('c'), decide: add('after') });
      assert.equal(next.kind === 'committed' && next.seq, 13);
      // An erasure writes its state at the last seq: nothing is folded onto it, not even after a reopen.
      const erased = { n: 1, items: ['erased'] };
      await store.rewriteEvents(id, { deleteSeqs: [1], replace: [] }, erased);
      folds.length = 0;
      assert.deepEqual(await store.getMeeting(id), { id, seq: 13, state: erased });
      await store.close();
      store = await target.reopen();
      assert.deepEqual(await store.getMeeting(id), { id, seq: 13, state: erased });
      assert.deepEqual(folds, [], 'the erased state is read as written');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('later') });
      assert.deepEqual((await store.getMeeting(id))?.state, { n: 2, items: ['erased', 'later'] });
    });

    it('[ST-12] everything committed is there after closing and opening again', async () => {
      const id = newId('m');
      await store.commit({ meetingId: id, commandId: newId('c'), decide: add('durable') });
      await store.close();
      store = await target.reopen();
      assert.deepEqual(await store.getMeeting(id), { id, seq: 1, state: { n: 1, items: ['durable'] } });
      assert.deepEqual(await store.getProgramme('prog-a'), { title: { nl: 'Tweede' } });
    });
  });
}
