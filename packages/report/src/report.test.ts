import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decide, evolve, type MeetingState } from '@goedwerk/core';
import { loadContent } from '../../server/src/content.ts';
import { escapeMarkdown, renderMarkdown } from './markdown.ts';
import { buildReportModel } from './model.ts';
import { roman } from './roman.ts';

async function demoMeeting() {
  const content = await loadContent();
  const demo = content.programmes[0];
  const meeting = demo?.meetings[0];
  assert.ok(demo && meeting);
  const method = content.methods.get(meeting.spec.methodId);
  assert.ok(method);
  const decision = decide(null, { type: 'CreateMeeting', spec: meeting.spec, method }, { now: '2014-01-23T09:00:00.000Z', actor: { role: 'system' }, newId: () => 'unused-in-create-meeting' }, meeting.id);
  assert.ok(decision.ok);
  const state = decision.events.reduce<MeetingState | null>(evolve, null) as MeetingState;
  return { state, cases: content.cases, programme: demo.programme };
}

it('[RP-1] Roman numerals number the dilemmas', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 9, 14, 40, 2014].map(roman), ['I', 'II', 'III', 'IV', 'V', 'IX', 'XIV', 'XL', 'MMXIV']);
  assert.throws(() => roman(0));
});

it('[RP-2] the draft of the demo meeting follows the seed report: title block, questions, dilemmas I–V, programme', async () => {
  const input = await demoMeeting();
  const nl = renderMarkdown(buildReportModel(input, 'nl'));
  assert.match(nl, /^# Verslag bijeenkomst\n\n## \*Professionaliteit en moraliteit\*/);
  assert.match(nl, /\*\*Datum\*\* 23 januari 2014/);
  assert.match(nl, /\*\*Locatie\*\* Goed Werk Hub, Utrecht/);
  assert.match(nl, /De centrale vragen waren:\n\n1\. .+\n2\. .+/);
  const numbers = [...nl.matchAll(/^### \*([IVX]+) /gm)].map((m) => m[1]);
  assert.deepEqual(numbers, ['I', 'II', 'III', 'IV', 'V']);
  assert.match(nl, /Routekaart Goed Werk in het Openbaar Bestuur/);
  assert.doesNotMatch(nl, /Welkom en spelregels/, 'rounds whose steps are all left out of the report are not in it');
  const en = renderMarkdown(buildReportModel(input, 'en'));
  assert.match(en, /^# Meeting report/);
  assert.match(en, /\*\*Date\*\* 23 January 2014/);
});

it('[RP-3] text is escaped: markup typed by a user stays text', () => {
  assert.equal(escapeMarkdown('<script>alert(1)</script>'), '\\<script\\>alert\\(1\\)\\</script\\>');
  assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
  assert.equal(escapeMarkdown('[link](javascript:x)'), '\\[link\\]\\(javascript:x\\)');
});
