import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseMethod } from './method.ts';
import { testMethod } from './test-fixtures.ts';

const t = (s: string) => ({ nl: s, en: s });
const choice = (id: string, options: string[], pairedWith?: string) => ({
  id,
  primitive: 'choice',
  title: t(id),
  options: options.map((o) => ({ id: o, label: t(o) })),
  ...(pairedWith ? { pairedWith } : {}),
});
const method = (steps: unknown[]) => ({ id: 'm', version: 1, name: t('m'), summary: t('m'), rounds: [{ id: 'r', title: t('r'), steps }] });

it('[MT-1] a valid method gets its defaults filled in', () => {
  const step = testMethod.rounds[0]?.steps[0];
  assert.equal(step?.scope, 'plenary');
  assert.equal(step?.visibility, 'anonymous');
  assert.equal(step?.report, 'full');
});

it('[MT-2] a step id used twice is refused with a readable message', () => {
  assert.throws(() => parseMethod(method([choice('x', ['a', 'b']), choice('x', ['a', 'b'])]), 'dup.yaml'), /dup\.yaml[\s\S]*"x" is used twice/);
});

it('[MT-3] a paired choice must follow a choice step with the same options', () => {
  assert.throws(() => parseMethod(method([choice('na', ['a', 'b'], 'voor'), choice('voor', ['a', 'b'])])), /not an earlier choice step/);
  assert.throws(() => parseMethod(method([choice('voor', ['a', 'b']), choice('na', ['a', 'c'], 'voor')])), /same options/);
  assert.doesNotThrow(() => parseMethod(method([choice('voor', ['a', 'b']), choice('na', ['a', 'b'], 'voor')])));
});

it('[MT-4] unknown primitives, missing translations and unknown keys are refused', () => {
  assert.throws(() => parseMethod(method([{ id: 'x', primitive: 'poll', title: t('x') }])));
  assert.throws(() => parseMethod(method([{ id: 'x', primitive: 'info', title: { nl: 'alleen Nederlands' } }])));
  assert.throws(() => parseMethod(method([{ id: 'x', primitive: 'info', title: t('x'), colour: 'red' }])));
  assert.throws(() => parseMethod(method([choice('x', ['a'])])), 'a choice needs two options at least');
});
