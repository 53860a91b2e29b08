import { fileURLToPath } from 'node:url';

/** The one folder of SQL migrations, shared by both adapters (written by drizzle-kit). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));
