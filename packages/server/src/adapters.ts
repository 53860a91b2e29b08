import { type Bus, MemoryBus } from '@goedwerk/bus';
import { openPglite, openPostgres, type Store } from '@goedwerk/store';
import type { Config } from './config.ts';

/** The only place that decides which database and bus are used, from the configuration. */
export async function openAdapters(config: Config): Promise<{ store: Store; bus: Bus }> {
  const store = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl })
    : await openPglite({ dataDir: config.dataDir });
  return { store, bus: new MemoryBus() };
}
