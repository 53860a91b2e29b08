/**
 * wouter imports `use-sync-external-store/shim` for React versions before 18; React 19 has the
 * hook itself, so the build points the shim here (vite.config.ts) and ships no polyfill.
 */
export { useSyncExternalStore } from 'react';
