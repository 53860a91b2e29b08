#!/usr/bin/env node
// Finds every test file and runs them with node's test runner through tsx. Node 20 does not
// expand globs after --test, so the list is made here. Files run two at a time (two cores), but
// those timed on the whole machine run first, alone.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const onlyUnit = process.argv.includes('--only-unit');
const roots = ['packages', 'e2e'];

function find(dir) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((f) => /\.test\.tsx?$/.test(f) && !f.split('/').includes('node_modules') && !f.split('/').includes('dist'))
    .map((f) => join(dir, f));
}

const files = roots
  .flatMap(find)
  .filter((f) => !onlyUnit || !f.startsWith('e2e'))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Chromium comes packed inside @sparticuz/chromium and is unpacked to /tmp on first use. Unpack it
// here, once, so that two test files starting together never run it while the other still writes it
// (spawn ETXTBSY).
if (!onlyUnit && !process.env.GOEDWERK_CHROMIUM) {
  const { default: chromium } = await import('@sparticuz/chromium');
  await chromium.executablePath();
}
// Files whose figure is a time on the whole machine run first, on their own: beside another file
// (the kill -9 rounds take minutes) the reconnect storm measured the other file as much as itself.
const ALONE = ['packages/server/test/reconnect-storm.test.ts'];
const run = (list, concurrency) =>
  list.length === 0
    ? 0
    : (spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, '--test-timeout=1800000', ...list], { cwd: root, stdio: 'inherit' }).status ?? 1);
const alone = run(files.filter((f) => ALONE.includes(f)), 1);
const rest = run(files.filter((f) => !ALONE.includes(f)), 2);
if (alone !== 0) console.error('✖ a test file run on its own failed (see above)');
process.exit(alone !== 0 ? alone : rest);
