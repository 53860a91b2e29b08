import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

it('[CLI-5] `goedwerk library export --format md` writes one Markdown file per case, and `library import` of that folder gives the same library elsewhere', async () => {
  const work = await mkdtemp(join(tmpdir(), 'goedwerk-library-'));
  try {
    const run = (dataDir: string, ...args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env, GOEDWERK_DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      return spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    };
    const first = join(work, 'first');
    const second = join(work, 'second');
    const folder = join(work, 'cases');
    assert.equal(run(first, 'demo').status, 0);
    const exported = run(first, 'library', 'export', '--format', 'md', '--out', folder);
    assert.equal(exported.status, 0, exported.stderr);
    const files = (await readdir(folder)).sort();
    assert.equal(files.length, 5);
    const sample = await readFile(join(folder, 'rapport-in-de-la.md'), 'utf8');
    assert.match(sample, /^---\n/);
    assert.match(sample, /\n# Nederlands\n/);
    assert.match(sample, /\n## Situatie\n/);
    const imported = run(second, 'library', 'import', folder);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /imported 5 case\(s\)/);
    const a = run(first, 'library', 'export');
    const b = run(second, 'library', 'export');
    assert.equal(a.status, 0);
    assert.equal(b.stdout, a.stdout, 'the same library, byte for byte, as JSON');
    assert.equal(JSON.parse(a.stdout).cases.length, 5);
    assert.equal(run(second, 'library', 'import', join(folder, 'missing.json')).status, 1);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
