import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { type Db, DrizzleStore } from './drizzle-store.ts';
import { MIGRATIONS_FOLDER } from './migrations.ts';
import * as schema from './schema.ts';

export interface PostgresOptions {
  /** A postgres:// connection URL. */
  readonly url: string;
  readonly maxConnections?: number;
}

/** An arbitrary constant: nodes starting together take turns to migrate. */
const MIGRATION_LOCK = 4_711_2014;

/** Connects to a PostgreSQL server and brings its schema up to date (one node at a time). */
export async function openPostgres({ url, maxConnections = 10 }: PostgresOptions): Promise<DrizzleStore> {
  const client = postgres(url, { max: maxConnections, onnotice: () => {} });
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
  return new DrizzleStore('postgres', db as unknown as Db, () => client.end({ timeout: 5 }));
}
