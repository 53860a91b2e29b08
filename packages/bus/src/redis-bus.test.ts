import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { busContractSuite } from './contract.ts';
import { RESYNC_MESSAGE } from './port.ts';
import { RedisBus } from './redis-bus.ts';

// Runs when REDIS_URL points at a Redis server (CI sets it, see .ci/run); like the PostgreSQL
// contract suite, it is skipped where there is none.
const url = process.env.REDIS_URL?.trim();
if (!url) {
  console.log('# Redis bus contract suite not run here: REDIS_URL is not set');
} else {
  // Two buses, each with its own two connections: two server nodes.
  busContractSuite('Redis pub/sub', {
    open: () => Promise.all([RedisBus.open({ url }), RedisBus.open({ url })]),
  });

  describe('Redis bus: the connection', () => {
    it('[BUS-8] a subscriber whose connection to Redis is cut gets a resync message once it listens again, then later messages', async () => {
      const name = `goedwerk-bus-test-${randomBytes(4).toString('hex')}`;
      const [a, b] = await Promise.all([RedisBus.open({ url }), RedisBus.open({ url, name })]);
      const admin = new Redis(url, { lazyConnect: true });
      await admin.connect();
      try {
        const channel = `test-${process.pid}-cut`;
        const got: string[] = [];
        await b.subscribe(channel, (m) => got.push(m));
        await a.publish(channel, 'before');
        await eventually(() => got.length === 1, 'the message before the cut');
        const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
        const ids = clients.split('\n').filter((l) => l.includes(` name=${name}-subscribe `)).map((l) => /\bid=(\d+)/.exec(l)?.[1]);
        assert.equal(ids.length, 1, 'the subscriber connection is listed by its name');
        await admin.call('CLIENT', 'KILL', 'ID', String(ids[0]));
        await eventually(() => got.includes(RESYNC_MESSAGE), 'the resync message after the reconnect', 10_000);
        await a.publish(channel, 'after');
        await eventually(() => got.at(-1) === 'after', 'the message after the reconnect');
        assert.deepEqual(got, ['before', RESYNC_MESSAGE, 'after']);
      } finally {
        admin.disconnect();
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('[BUS-10] messages published while the publishing connection is cut go out, in order, once it is back', async () => {
      const name = `goedwerk-bus-test-${randomBytes(4).toString('hex')}`;
      const [a, b] = await Promise.all([RedisBus.open({ url, name, publishWaitMs: 200 }), RedisBus.open({ url })]);
      const admin = new Redis(url, { lazyConnect: true });
      await admin.connect();
      try {
        const channel = `test-${process.pid}-pubcut`;
        const got: string[] = [];
        await b.subscribe(channel, (m) => got.push(m));
        const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal'));
        const id = clients.split('\n').find((l) => l.includes(` name=${name}-publish `))?.match(/\bid=(\d+)/)?.[1];
        assert.ok(id, 'the publishing connection is listed by its name');
        await admin.call('CLIENT', 'KILL', 'ID', id);
        const started = Date.now();
        for (const m of ['one', 'two', 'three']) await a.publish(channel, m);
        assert.ok(Date.now() - started < 2000, 'publishing does not hang on the lost connection');
        await eventually(() => got.length === 3, 'the three messages once the connection is back', 10_000);
        assert.deepEqual(got, ['one', 'two', 'three']);
      } finally {
        admin.disconnect();
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('[BUS-7] opening a Redis bus where no Redis answers fails instead of hanging', async () => {
      await assert.rejects(RedisBus.open({ url: 'redis://127.0.0.1:1' }), /cannot reach Redis/);
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
