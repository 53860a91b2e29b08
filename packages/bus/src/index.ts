export * from './port.ts';
export { MemoryBus } from './memory-bus.ts';
export { RedisBus, type RedisBusOptions } from './redis-bus.ts';
export { PostgresBus, type PostgresBusOptions, postgresChannel } from './postgres-bus.ts';
