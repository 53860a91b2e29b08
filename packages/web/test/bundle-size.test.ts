import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/*
 * The phone's JavaScript budget (docs quality bar: participant page, first load ≤ 100 KB gzip).
 * After `vite build` (npm test builds first), the manifest says which chunks a first load of a
 * route needs: the entry with its static imports, and the route's lazily loaded page with its
 * static imports. Their gzip sizes are summed here.
 */

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifestPath = `${dist}.vite/manifest.json`;
const BUDGET = 102_400;

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}
type Manifest = Record<string, ManifestChunk>;

function readManifest(): Manifest {
  assert.ok(existsSync(manifestPath), `no ${manifestPath}: build the web client first (npm run build)`);
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

/** The chunk and everything it imports statically, as manifest keys. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  assert.ok(chunk, `the manifest has no chunk ${key}`);
  into.add(key);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

/** Gzip bytes of the JavaScript a first load of a route needs: the entry and the page module of the route. */
function firstLoadBytes(manifest: Manifest, pageModule: string): { bytes: number; files: string[] } {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  assert.ok(entry, 'the manifest has an entry chunk');
  assert.ok(manifest[entry]?.dynamicImports?.includes(pageModule), `${pageModule} is a lazily loaded route of the entry`);
  const keys = closure(manifest, pageModule, closure(manifest, entry));
  const files = [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length, 0);
  return { bytes, files };
}

test('the participant’s join page (/join) loads at most 100 KB of JavaScript, gzipped', () => {
  const { bytes, files } = firstLoadBytes(readManifest(), 'src/pages/JoinPage.tsx');
  console.log(`FIGURE web_participant_js_gzip_bytes=${bytes}`);
  console.log(`# /join loads ${files.length} files: ${files.join(', ')}`);
  assert.ok(bytes <= BUDGET, `/join needs ${bytes} bytes of gzipped JavaScript; the budget is ${BUDGET}`);
});

test('the participant’s live page (/m/:meetingId) loads at most 100 KB of JavaScript, gzipped', () => {
  const { bytes, files } = firstLoadBytes(readManifest(), 'src/pages/ParticipantPage.tsx');
  console.log(`# web_participant_live_js_gzip_bytes=${bytes} (/m/:meetingId, ${files.length} files)`);
  assert.ok(bytes <= BUDGET, `/m/:meetingId needs ${bytes} bytes of gzipped JavaScript; the budget is ${BUDGET}`);
});
