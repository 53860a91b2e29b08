export * from './port.ts';
export { MemoryBus } from './memory-bus.ts';
