import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { COMMIT_DEADLINE_MS, type Db, DrizzleStore } from './drizzle-store.ts';
import type { Checkpoints } from './port.ts';
import { MIGRATIONS_FOLDER } from './migrations.ts';
import * as schema from './schema.ts';

export interface PgliteOptions {
  /** A folder for the database files, or 'memory://' for a database that lives in memory only. */
  readonly dataDir: string;
  /** [ST-28] The core's fold: with it the state is written only every so many events. */
  readonly checkpoints?: Checkpoints;
}

/**
 * Opens the embedded database (PostgreSQL compiled to WebAssembly) and brings its schema up
 * to date. One process may open a data folder at a time.
 */
export async function openPglite({ dataDir, checkpoints }: PgliteOptions): Promise<DrizzleStore> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return new DrizzleStore('pglite', db as unknown as Db, () => client.close(), COMMIT_DEADLINE_MS, checkpoints ?? null);
}
