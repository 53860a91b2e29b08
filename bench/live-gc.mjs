// Preloaded by the live benchmark (bench/live.ts) into the server under test, which runs with
// --expose-gc: SIGUSR2 asks for a full garbage collection, so the memory read just after it
// counts what the server keeps, not garbage waiting to be collected. Changes nothing else.
process.on('SIGUSR2', () => globalThis.gc?.());
