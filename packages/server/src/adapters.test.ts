import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import postgres from 'postgres';
import { openAdapters } from './adapters.ts';
import { readConfig } from './config.ts';

describe('choosing the bus', () => {
  it('[BUS-7] REDIS_URL must be a redis:// or rediss:// address', () => {
    assert.equal(readConfig({}).redisUrl, undefined);
    assert.equal(readConfig({ REDIS_URL: ' redis://127.0.0.1:6379 ' }).redisUrl, 'redis://127.0.0.1:6379');
    assert.throws(() => readConfig({ REDIS_URL: 'http://127.0.0.1:6379' }), /REDIS_URL must start with redis:\/\/ or rediss:\/\//);
  });

  it('[BUS-7] without DATABASE_URL and REDIS_URL: the embedded database and the in-process bus', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-adapters-'));
    try {
      const { store, bus } = await openAdapters(readConfig({ GOEDWERK_DATA_DIR: dataDir }));
      assert.deepEqual([store.kind, bus.kind, bus.commitChannel], ['pglite', 'memory', undefined]);
      await bus.close();
      await store.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  const adminUrl = process.env.DATABASE_URL?.trim();
  if (!adminUrl) {
    console.log('# [BUS-7] the PostgreSQL and Redis choices not checked here: DATABASE_URL is not set');
    return;
  }
  it('[BUS-7] on PostgreSQL: its own NOTIFY, sent in the commit; with REDIS_URL as well: Redis', async (t) => {
    const name = `goedwerk_adapters_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const onPostgres = await openAdapters(readConfig({ DATABASE_URL: url.toString() }));
      assert.deepEqual([onPostgres.store.kind, onPostgres.bus.kind], ['postgres', 'postgres']);
      assert.equal(typeof onPostgres.bus.commitChannel, 'function', 'the notification goes with the commit');
      await onPostgres.bus.close();
      await onPostgres.store.close();
      const redisUrl = process.env.REDIS_URL?.trim();
      if (!redisUrl) {
        t.diagnostic('Redis choice not checked: REDIS_URL is not set');
        return;
      }
      const withRedis = await openAdapters(readConfig({ DATABASE_URL: url.toString(), REDIS_URL: redisUrl }));
      assert.deepEqual([withRedis.store.kind, withRedis.bus.kind, withRedis.bus.commitChannel], ['postgres', 'redis', undefined]);
      await withRedis.bus.close();
      await withRedis.store.close();
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
