import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { loadContent } from './content.ts';

it('[CT-1] the shipped content is valid: four methods, five cases, the demo programme', async () => {
  const content = await loadContent();
  assert.deepEqual([...content.methods.keys()].sort(), ['dilemma-plenair', 'dilemmamethode', 'goed-werk-hub', 'socratisch-gesprek']);
  assert.equal(content.cases.length, 5);
  const [demo] = content.programmes;
  assert.equal(demo?.programme.id, 'routekaart-goed-werk');
  assert.equal(demo?.meetings[0]?.spec.date, '2014-01-23');
  const steps = content.methods.get('dilemmamethode')?.rounds.flatMap((r) => r.steps) ?? [];
  assert.ok(steps.length >= 10, 'the dilemma method has its ten steps');
});

it('[CT-2] a broken content file stops loading with the file and field named', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'goedwerk-content-'));
  try {
    await mkdir(join(dir, 'cases'));
    await writeFile(join(dir, 'cases', 'kapot.yaml'), 'id: kapot\ntitle: { nl: Alleen Nederlands }\n');
    await assert.rejects(loadContent(dir), (error: Error) => {
      assert.match(error.message, /kapot\.yaml/);
      assert.match(error.message, /situation/);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
