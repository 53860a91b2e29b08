import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { assertReportParts } from '../../report/src/test-report-parts.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs the real command line on its own embedded database, as a user would. */
function goedwerk(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, GOEDWERK_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 0, `goedwerk ${args.join(' ')}: ${result.stderr}`);
  return result;
}

describe('goedwerk report: the demo meeting of 23 January 2014 as held', () => {
  let dataDir = '';
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-cli-'));
    goedwerk(dataDir, 'demo');
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('[CLI-1] `goedwerk report goed-werk-hub-2014 --format md` gives every part of the seed report in order, five dilemmas, three lessons and no participant name', async () => {
    const md = goedwerk(dataDir, 'report', 'goed-werk-hub-2014', '--format', 'md').stdout;
    const script = parse(await readFile(join(root, 'content/demo/goed-werk-hub-2014.yaml'), 'utf8')) as { participants: { name: string }[] };
    const names = script.participants.flatMap((p) => [p.name, ...p.name.split(/\s+/).filter((part) => part.length >= 4 && /^\p{Lu}/u.test(part))]);
    assert.equal(script.participants.length, 15);
    assertReportParts(md, { dilemmas: 5, lessons: 3, participantNames: names });
    assert.doesNotMatch(md, /Concept/, 'the demo report is published, not a draft');
  });

  it('[CLI-2] `--out` writes the other formats to a file; without --out a binary format is refused', async () => {
    const out = join(dataDir, 'verslag.html');
    goedwerk(dataDir, 'report', 'goed-werk-hub-2014', '--format', 'html', '--out', out);
    assert.match(await readFile(out, 'utf8'), /^<!doctype html>\n<html lang="nl">/);
    const env: NodeJS.ProcessEnv = { ...process.env, GOEDWERK_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'report', 'goed-werk-hub-2014', '--format', 'pdf'], { cwd: root, env, encoding: 'utf8' });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--format pdf needs --out FILE/);
  });
});
