import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import postgres from 'postgres';
import { busContractSuite } from './contract.ts';
import { RESYNC_MESSAGE } from './port.ts';
import { PostgresBus, postgresChannel } from './postgres-bus.ts';

// Runs when DATABASE_URL points at a PostgreSQL server (CI always sets it). Notifications need
// no tables: the buses use that database as it is, on channels of their own.
const url = process.env.DATABASE_URL?.trim();
if (!url) {
  console.log('# PostgreSQL bus contract suite not run here: DATABASE_URL is not set');
} else {
  busContractSuite('PostgreSQL LISTEN/NOTIFY', {
    open: () => Promise.all([PostgresBus.open({ url }), PostgresBus.open({ url })]),
  });

  describe('PostgreSQL bus: channels and the connection', () => {
    it('[BUS-7] any channel name becomes a distinct database channel of at most 63 bytes', () => {
      const names = ['meeting:goed-werk-hub-2014-01-23', 'meeting:GOED-werk', 'meeting:goed_werk', `meeting:${'x'.repeat(300)}`, 'kanaal:één "quoted"'];
      const channels = names.map(postgresChannel);
      assert.equal(new Set(channels).size, names.length, 'no two names share a channel');
      for (const c of channels) assert.match(c, /^[a-z0-9_]{1,63}$/, c);
      assert.equal(postgresChannel(names[0] as string), channels[0], 'the same name, the same channel');
    });

    it('[BUS-8] a listener whose database connection is cut gets a resync message once it listens again, then later messages', async () => {
      const name = `goedwerk_bus_test_${randomBytes(4).toString('hex')}`;
      const [a, b] = await Promise.all([PostgresBus.open({ url }), PostgresBus.open({ url, name })]);
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const channel = `test-${process.pid}-cut`;
        const got: string[] = [];
        await b.subscribe(channel, (m) => got.push(m));
        await a.publish(channel, 'before');
        await eventually(() => got.length === 1, 'the message before the cut');
        const cut = await admin`select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = ${name} and query ilike 'listen%'`;
        assert.equal(cut.length, 1, 'the listening connection is found by its name');
        await eventually(() => got.includes(RESYNC_MESSAGE), 'the resync message after the reconnect', 10_000);
        await a.publish(channel, 'after');
        await eventually(() => got.at(-1) === 'after', 'the message after the reconnect');
        assert.deepEqual(got, ['before', RESYNC_MESSAGE, 'after']);
        // Unsubscribing after the reconnect stops delivery to that handler, and subscribing again works.
        const again: string[] = [];
        const stop = await b.subscribe(channel, (m) => again.push(m));
        await stop();
        await a.publish(channel, 'late');
        await eventually(() => got.at(-1) === 'late', 'the message after unsubscribing the other handler');
        assert.deepEqual(again, []);
      } finally {
        await admin.end();
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('[BUS-9] only a bus opened for it offers to notify inside the commit, on the same channel it listens to', async () => {
      const [plain, inCommit] = await Promise.all([PostgresBus.open({ url }), PostgresBus.open({ url, notifyInCommit: true })]);
      try {
        assert.equal(plain.commitChannel, undefined);
        assert.equal(inCommit.commitChannel?.('meeting:m1'), postgresChannel('meeting:m1'));
        // A notification sent by hand on that channel (as the store does in its transaction) arrives.
        const got: string[] = [];
        await inCommit.subscribe('meeting:m1-bus9', (m) => got.push(m));
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await sql.begin(async (tx) => {
            await tx`select pg_notify(${postgresChannel('meeting:m1-bus9')}, '7')`;
          });
        } finally {
          await sql.end();
        }
        await eventually(() => got.length === 1, 'the notification sent in a transaction');
        assert.deepEqual(got, ['7']);
      } finally {
        await Promise.all([plain.close(), inCommit.close()]);
      }
    });
  });
}

async function eventually(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
