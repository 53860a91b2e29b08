/** [A11Y-7] Numbers in interface texts are written the way the language writes them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatNumber, interpolate } from '../src/i18n-format.ts';

test('[A11Y-7] a number is grouped and has its decimal sign as the language writes it; a year stays as it is', () => {
  assert.equal(formatNumber('nl', 12345), '12.345');
  assert.equal(formatNumber('en', 12345), '12,345');
  assert.equal(formatNumber('nl', 3.5), '3,5');
  assert.equal(formatNumber('en', 3.5), '3.5');
  assert.equal(formatNumber('nl', 2 / 3), '0,67');
  assert.equal(formatNumber('nl', 2014), '2014');
  assert.equal(formatNumber('en', 2014), '2014');
});

test('[A11Y-7] a catalogue text is filled in with numbers in the language, text as it is, and unknown names left visible', () => {
  assert.equal(interpolate('nl', 'Deelnemers ({{count}})', { count: 12000 }), 'Deelnemers (12.000)');
  assert.equal(interpolate('en', 'Participants ({{count}})', { count: 12000 }), 'Participants (12,000)');
  assert.equal(interpolate('nl', 'Gemiddeld {{mean}} van {{max}}', { mean: 3.75, max: 5 }), 'Gemiddeld 3,75 van 5');
  assert.equal(interpolate('en', 'Step {{ number }} of {{total}}', { number: 2, total: 15 }), 'Step 2 of 15');
  assert.equal(interpolate('nl', '{{name}} schreef {{missing}}', { name: 'Kim' }), 'Kim schreef {{missing}}');
});
