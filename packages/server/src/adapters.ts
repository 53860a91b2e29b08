import { type Bus, MemoryBus, PostgresBus, RedisBus } from '@goedwerk/bus';
import { type MeetingEvent, type MeetingState, replay } from '@goedwerk/core';
import { type Checkpoints, openPglite, openPostgres, type Store } from '@goedwerk/store';
import type { Config } from './config.ts';

/** [ST-28] How the store brings a meeting's checkpoint forward: the core's evolve over the events after it. */
export const MEETING_CHECKPOINTS: Checkpoints = {
  fold(state, records) {
    const folded = replay(
      records.map((r) => r.event as MeetingEvent),
      state as MeetingState | null,
    );
    if (folded === null) throw new Error('a meeting without a CreateMeeting event');
    return folded;
  },
};

/**
 * The only place that decides which database and bus are used, from the configuration.
 * Bus ([BUS-7], docs/spec/bus.md): Redis when REDIS_URL is set; else, on PostgreSQL, its own
 * LISTEN/NOTIFY, the notification sent inside the commit ([BUS-9]); else the in-process bus of a
 * single node.
 */
export async function openAdapters(config: Config): Promise<{ store: Store; bus: Bus }> {
  const store = config.databaseUrl
    ? await openPostgres({ url: config.databaseUrl, checkpoints: MEETING_CHECKPOINTS })
    : await openPglite({ dataDir: config.dataDir, checkpoints: MEETING_CHECKPOINTS });
  try {
    return { store, bus: await openBus(config) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function openBus(config: Config): Promise<Bus> | Bus {
  if (config.redisUrl) return RedisBus.open({ url: config.redisUrl });
  // The same database as the store: its commits may carry the notification themselves.
  if (config.databaseUrl) return PostgresBus.open({ url: config.databaseUrl, notifyInCommit: true });
  return new MemoryBus();
}
