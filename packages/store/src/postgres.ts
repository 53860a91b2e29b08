import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { COMMIT_DEADLINE_MS, type Db, DrizzleStore } from './drizzle-store.ts';
import type { Checkpoints } from './port.ts';
import { MIGRATIONS_FOLDER } from './migrations.ts';
import * as schema from './schema.ts';

export interface PostgresOptions {
  /** A postgres:// connection URL. */
  readonly url: string;
  readonly maxConnections?: number;
  /** [ST-28] The core's fold: with it the state is written only every so many events. */
  readonly checkpoints?: Checkpoints;
}

/** An arbitrary constant: nodes starting together take turns to migrate. */
const MIGRATION_LOCK = 4_711_2014;

/**
 * Seconds to wait before connecting again after a failed attempt: doubling from 0.1 s with jitter,
 * at most 1 s, so a node is back within a second of a restarted database. (The library's default
 * grows to 20 s: after a 3-second restart it waited 5 to 7 s more.)
 */
export const reconnectBackoff = (retries: number): number => Math.min(0.1 * 2 ** retries, 1) * (0.5 + Math.random() / 2);

/** Connects to a PostgreSQL server and brings its schema up to date (one node at a time). */
export async function openPostgres({ url, maxConnections = 10, checkpoints }: PostgresOptions): Promise<DrizzleStore> {
  const client = postgres(url, { max: maxConnections, onnotice: () => {}, backoff: reconnectBackoff });
  const db = drizzle({ client, schema });
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await lock.end();
  }
  await db.execute(sql`select 1`);
  return new DrizzleStore('postgres', db as unknown as Db, () => client.end({ timeout: 5 }), COMMIT_DEADLINE_MS, checkpoints ?? null);
}
