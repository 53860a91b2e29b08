export * from './port.ts';
export { CHECKPOINT_EVERY, DrizzleStore } from './drizzle-store.ts';
export { openPglite, type PgliteOptions } from './pglite.ts';
export { openPostgres, type PostgresOptions, reconnectBackoff } from './postgres.ts';
export { MIGRATIONS_FOLDER } from './migrations.ts';
