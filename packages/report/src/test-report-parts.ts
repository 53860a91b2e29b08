import assert from 'node:assert/strict';
import { roman } from './roman.ts';

/**
 * Checks that a Dutch report in Markdown has every part the seed report has, in its order:
 * kind of document and title block, introduction with the central questions, a section per
 * round with the dilemmas numbered I, II … and the lessons numbered I, II …, appreciation,
 * the evaluation in figures, author and editor, and the programme. For tests.
 */
export function assertReportParts(md: string, expected: { dilemmas: number; lessons: number; participantNames: readonly string[] }): void {
  const parts: [string, RegExp][] = [
    ['kind of document', /^\*Verslag bijeenkomst\*$/m],
    ['title', /^# \S/m],
    ['subtitle', /^\*[^*\s][^*]*\*$/m],
    ['date', /^\*\*Datum\*\* \d{1,2} \p{L}+ \d{4}$/mu],
    ['location', /^\*\*Locatie\*\* \S/m],
    ['who led it and for whom', /^De bijeenkomst stond onder leiding van .+\. Zij was bedoeld voor /m],
    ['central questions', /^De centrale vragen waren:\n\n1\. /m],
    ['first round', /^## \S/m],
    ...Array.from({ length: expected.dilemmas }, (_, i): [string, RegExp] => [`dilemma ${roman(i + 1)}`, new RegExp(`^### \\*${roman(i + 1)} \\S`, 'm')]),
    ['situation of the last dilemma', /^\*\*Situatie\.\*\* \S/m],
    ['what was done', /^\*\*(Wat er werd gedaan|A)\.\*\* \S/m],
    ...Array.from({ length: expected.lessons }, (_, i): [string, RegExp] => [`lesson ${roman(i + 1)}`, new RegExp(`^### \\*${roman(i + 1)} \\S`, 'm')]),
    ['appreciation', /^## Waardering/m],
    ['evaluation in figures', /^\d+ deelnemers vulden de evaluatie in; zij gaven de bijeenkomst gemiddeld een \d+,\d\.$/m],
    ['author', /^## Verslag geschreven door \S/m],
    ['editor', /^\*\*Redactie: \S.*\*\*$/m],
    ['programme', /^---\n\nDeze bijeenkomst maakt deel uit van \S/m],
  ];
  let at = 0;
  for (const [name, pattern] of parts) {
    const rest = md.slice(at);
    const match = pattern.exec(rest);
    assert.ok(match, `the report has its ${name} after position ${at}`);
    at += match.index + match[0].length;
  }
  const numbered = [...md.matchAll(/^### \*([IVXLC]+) /gm)].map((m) => m[1]);
  assert.equal(numbered.length, expected.dilemmas + expected.lessons, `numbered subsections: ${numbered.join(' ')}`);
  for (const name of expected.participantNames) {
    assert.ok(!new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(md), `the name "${name}" is in the report`);
  }
}
