#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: the project ships no build step for Node.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
