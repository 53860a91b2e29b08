import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ANONYMISATION_STATES, Case, CASE_STATUSES, CONSENT_STATES } from '@goedwerk/core';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { loadContent } from './content.ts';
import {
  caseFromMarkdown,
  caseToMarkdown,
  libraryFromJson,
  libraryFromMarkdownFiles,
  libraryToJson,
  libraryToMarkdownFiles,
} from './library-files.ts';

// --- Arbitraries: valid cases with nasty text ----------------------------------------------------

const NASTY = [
  '#', '# Nederlands', '# English', '## Situatie', '## Situation', '## Gevolg  ', '## In hindsight', '### Sub',
  '---', '...', '***', 'yes', 'no', 'null', '~', 'true', '1e3', '0x1F', '2014-01-23', ': ', ' #', ' # not a comment',
  "'", '"', "''", '\\', '\\n', '- ', '> ', '| ', '|-', '>-', '* ', '_x_', '`', '```', '<b>', '&amp;', '[a](b)',
  '!tag', '&anchor', '*alias', '{', '}', '[', ']', ',', '?', '%YAML', '@',
  '\n', '\n\n', '\n\n\n', '\t', '\r\n', '\r', ' ', '   ', '\u00a0', '\u2028', '\u2029', '\u0085', '\ufeff', '\0',
  '\u001b', '\u007f', '\ud800', '\udc00', 'é', 'ë', '’', '“”', '👍🏽', '👨‍👩‍👧', '🇳🇱', '𝔘', 'ﬁ', 'e\u0301', 'ع', '漢字',
  '\n---\n', '\n# English\n', '\n## Wat is er gedaan\n', '\n## Achteraf \t\n', '\n    code\n', '\n  - item\n',
];
const longLine = fc.integer({ min: 1, max: 60 }).map((n) => 'een lange regel met woorden '.repeat(n).trim());
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.lorem({ maxCount: 8 }), weight: 2 },
  { arbitrary: longLine, weight: 1 },
);
/** Text as a valid case holds it: `nonEmpty` trims, so only trimmed, non-empty text is valid as such. */
const text = fc
  .array(piece, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join('').trim())
  .filter((s) => s.length > 0);
const localized = fc.oneof(fc.record({ nl: text }), fc.record({ en: text }), fc.record({ nl: text, en: text }));
const slug = fc.oneof(
  fc.constantFrom('null', 'yes', 'no', 'true', '1e3', '0', '007', '2014', 'a-b-c'),
  fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/),
);
const caseArb = fc
  .record(
    {
      id: slug,
      title: localized,
      hornA: localized,
      hornB: localized,
      situation: localized,
      action: localized,
      consequence: localized,
      hindsight: localized,
      criterion: localized,
      publicityTest: fc.boolean(),
      themes: fc.array(slug, { maxLength: 12 }),
      source: localized,
      targetGroups: fc.array(slug, { maxLength: 8 }),
      prompts: fc.array(localized, { maxLength: 10 }),
      sourceMeetingId: slug,
      consent: fc.constantFrom(...CONSENT_STATES),
      anonymisation: fc.constantFrom(...ANONYMISATION_STATES),
      status: fc.constantFrom(...CASE_STATUSES),
    },
    { requiredKeys: ['id', 'title', 'situation'] },
  )
  // Through the schema, as a stored case is: defaults filled in; it throws if the arbitrary were wrong.
  .map((raw) => Case.parse(raw));
const library = fc.uniqueArray(caseArb, { selector: (c) => c.id, maxLength: 4 });

const BODY_FIELDS = ['situation', 'action', 'consequence', 'hindsight'] as const;

function frontMatterOf(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  assert.ok(match, 'the file starts with front matter');
  return (parseYaml(match[1] ?? '') ?? {}) as Record<string, unknown>;
}

// --- Property ------------------------------------------------------------------------------------

const seed = Number(process.env.GOEDWERK_TEST_SEED ?? Date.now() % 2_147_483_647);
console.log('seed', seed);

it('[LB-1] [LB-3] any valid library survives JSON and Markdown exactly (property)', () => {
  let runs = 0;
  fc.assert(
    fc.property(library, (cases) => {
      runs += 1;
      assert.deepStrictEqual(libraryFromJson(libraryToJson(cases)), { cases, errors: [] });
    }),
    { seed, numRuns: 500 },
  );

  const placed = { body: 0, frontMatter: 0 };
  fc.assert(
    fc.property(library, (cases) => {
      runs += 1;
      const files = libraryToMarkdownFiles(cases);
      assert.deepStrictEqual(files.map((f) => f.name), cases.map((c) => `${c.id}.md`));
      for (const [i, c] of cases.entries()) {
        const content = files[i]?.content ?? '';
        assert.ok(!content.includes('\r'), 'no carriage return in the file');
        assert.deepStrictEqual(caseFromMarkdown(content), c);
        const front = frontMatterOf(content);
        for (const field of BODY_FIELDS) {
          for (const lang of ['nl', 'en'] as const) {
            if (c[field]?.[lang] === undefined) continue;
            if ((front[field] as Record<string, unknown> | undefined)?.[lang] === undefined) placed.body += 1;
            else placed.frontMatter += 1;
          }
        }
      }
      assert.deepStrictEqual(libraryFromMarkdownFiles(files), { cases, errors: [] });
    }),
    { seed: seed + 1, numRuns: 500 },
  );
  // Both places were exercised: the body for ordinary prose, the front matter for the rest.
  assert.ok(placed.body > 100 && placed.frontMatter > 100, JSON.stringify(placed));
  console.log(`FIGURE library_roundtrip_runs=${runs}`);
});

// --- Examples ------------------------------------------------------------------------------------

it('[LB-2] a starter case becomes a readable Markdown file with the prose under its headings', async () => {
  const { cases } = await loadContent();
  const starter = cases.find((c) => c.id === 'rapport-in-de-la');
  assert.ok(starter);
  const [file] = libraryToMarkdownFiles([starter]);
  assert.equal(file?.name, 'rapport-in-de-la.md');
  const content = file?.content ?? '';
  const lines = content.split('\n');
  const headings = lines.filter((l) => l.startsWith('#'));
  assert.deepStrictEqual(headings, [
    '# Nederlands', '## Situatie', '## Wat is er gedaan', '## Gevolg', '## Achteraf',
    '# English', '## Situation', '## What was done', '## Consequence', '## In hindsight',
  ]);
  assert.equal(lines[0], '---');
  assert.ok(lines.includes('id: rapport-in-de-la'));
  assert.ok(lines.includes('themes: [loyaliteit, vakmanschap, integriteit, politiek-ambtelijke-verhoudingen]'));
  assert.ok(lines.includes('  nl: "Rapport in de la: trouw aan je vak of aan je leiding?"'));
  // The prose is a plain paragraph right under its heading, not in the front matter.
  const situatie = lines.indexOf('## Situatie');
  assert.equal(lines[situatie + 1], '');
  assert.equal(lines[situatie + 2], starter.situation.nl);
  assert.equal(lines[lines.indexOf('## In hindsight') + 2], starter.hindsight?.en);
  assert.ok(!('situation' in frontMatterOf(content)));
  assert.equal((frontMatterOf(content).title as { nl: string }).nl, starter.title.nl);
  for (const c of cases) assert.deepStrictEqual(caseFromMarkdown(caseToMarkdown(c)), c);
});

it('[LB-3] a text the body cannot hold goes in the front matter, Markdown syntax stays in the body', () => {
  const c = Case.parse({
    id: 'kop-in-tekst',
    title: { nl: 'yes' },
    situation: { nl: 'Eerst dit.\n## Gevolg\nDan dat.', en: '# A heading of its own\n\n- a list\n- `code`\n\n---\n\n> quote' },
    action: { nl: 'Regel één\r\nRegel twee' },
    consequence: { en: 'null: "quoted" \u{1F44D}\u{1F3FD}' },
    hindsight: { nl: 'Gewone tekst.', en: 'Before\u2028after, a bell\u0007 and a tab\tare fine' },
  });
  const markdown = caseToMarkdown(c);
  const front = frontMatterOf(markdown);
  assert.deepStrictEqual(front.situation, { nl: c.situation.nl });
  assert.deepStrictEqual(front.action, { nl: c.action?.nl });
  assert.equal(front.consequence, undefined);
  assert.deepStrictEqual(front.hindsight, { en: c.hindsight?.en });
  assert.ok(markdown.includes('## Achteraf\n\nGewone tekst.\n'));
  assert.ok(markdown.includes(`## Situation\n\n${c.situation.en}\n`));
  assert.ok(markdown.includes(`## Consequence\n\nnull: "quoted" 👍🏽\n`));
  assert.ok(!markdown.includes('\r'));
  assert.deepStrictEqual(caseFromMarkdown(markdown), c);

  // Found by the property: yaml 2.9 writes a line of one space in a multi-line double-quoted string
  // as an escaped backslash, and a folded `>` block changes the newlines around a more-indented line.
  const long = 'een lange regel met woorden '.repeat(4).trim();
  const quoted = Case.parse({
    id: 'spatie-regel',
    title: { nl: 'Titel' },
    hornA: { nl: `${long}\u0007\n\n\n \n\n${long}` },
    hornB: { en: `${long}\n  - item\n\t\n# English` },
    situation: { en: `x\u0000 ${long}\n \nb` },
  });
  assert.deepStrictEqual(caseFromMarkdown(caseToMarkdown(quoted)), quoted);
});

const valid = (id: string, extra: Record<string, unknown> = {}) =>
  Case.parse({ id, title: { nl: `Casus ${id}` }, situation: { nl: 'Wat er speelde.' }, ...extra });
const envelope = (cases: unknown[]) => JSON.stringify({ format: 'goedwerk-case-library', version: 1, cases });

it('[LB-4] an invalid case is reported with its position, id and reason, and the others are imported', () => {
  const a = valid('eerste');
  const c = valid('derde');
  const fromJson = libraryFromJson(envelope([a, { ...valid('tweede'), title: { nl: '   ' } }, c, { title: { en: 'No id' }, situation: { en: 'x' } }]));
  assert.deepStrictEqual(fromJson.cases, [a, c]);
  assert.equal(fromJson.errors.length, 2);
  assert.deepStrictEqual({ ...fromJson.errors[0], reason: undefined }, { index: 1, id: 'tweede', reason: undefined });
  assert.match(fromJson.errors[0]?.reason ?? '', /^title\.nl: /);
  assert.deepStrictEqual({ ...fromJson.errors[1], reason: undefined }, { index: 3, reason: undefined });
  assert.match(fromJson.errors[1]?.reason ?? '', /^id: /);

  const files = libraryToMarkdownFiles([a, valid('tweede'), c]);
  files[1] = { name: 'tweede.md', content: (files[1]?.content ?? '').replace('status: published', 'status: gepubliceerd') };
  const fromFiles = libraryFromMarkdownFiles(files);
  assert.deepStrictEqual(fromFiles.cases, [a, c]);
  assert.equal(fromFiles.errors.length, 1);
  assert.deepStrictEqual({ ...fromFiles.errors[0], reason: undefined }, { index: 1, file: 'tweede.md', id: 'tweede', reason: undefined });
  assert.match(fromFiles.errors[0]?.reason ?? '', /^status: /);
});

it('[LB-5] a duplicate id is reported and only the first case with it is imported', () => {
  const first = valid('zelfde');
  const second = valid('zelfde', { title: { nl: 'Een andere casus' } });
  const other = valid('anders');
  const fromJson = libraryFromJson(envelope([first, other, second]));
  assert.deepStrictEqual(fromJson.cases, [first, other]);
  assert.deepStrictEqual(fromJson.errors, [{ index: 2, id: 'zelfde', reason: 'the id "zelfde" is already used by the case at position 0' }]);

  const files = [...libraryToMarkdownFiles([first, other]), { name: 'kopie.md', content: caseToMarkdown(second) }];
  const fromFiles = libraryFromMarkdownFiles(files);
  assert.deepStrictEqual(fromFiles.cases, [first, other]);
  assert.deepStrictEqual(fromFiles.errors, [{ index: 2, file: 'kopie.md', id: 'zelfde', reason: 'the id "zelfde" is already used by the case at position 0' }]);
});

it('[LB-6] a document or file not in the format is refused with a plain reason', () => {
  const whole: [string, RegExp][] = [
    ['{"format": "goedwerk-case-library", ', /not valid JSON/],
    [JSON.stringify({ format: 'goedwerk-programme', version: 1, cases: [] }), /not a case library/],
    [JSON.stringify({ format: 'goedwerk-case-library', version: 2, cases: [] }), /version 2 .*cannot be read/],
    [JSON.stringify({ format: 'goedwerk-case-library', version: 1 }), /no list of "cases"/],
    [JSON.stringify([valid('los')]), /not a case library/],
  ];
  for (const [input, reason] of whole) {
    const result = libraryFromJson(input);
    assert.deepStrictEqual(result.cases, [], input);
    assert.equal(result.errors.length, 1, input);
    assert.match(result.errors[0]?.reason ?? '', reason, input);
    assert.equal(result.errors[0]?.index, undefined);
  }

  const good = caseToMarkdown(valid('goed', { situation: { nl: 'Wat er speelde.', en: 'What happened.' } }));
  const broken: [string, RegExp][] = [
    ['# Nederlands\n\n## Situatie\n\nTekst.\n', /does not start with front matter/],
    ['---\nid: goed\ntitle:\n  nl: Titel\n', /no closing line/],
    ['---\nid: goed\ntitle: [unclosed\n---\n', /not valid YAML/],
    ['---\n- a\n- b\n---\n', /not a list of fields/],
    [good.replace('## Situatie\n', 'Losse tekst.\n\n## Situatie\n'), /line \d+ of the text is not under a section heading/],
    [`${good}\n## Situation\n\nAgain.\n`, /"## Situation" appears twice/],
    [good.replace('# English\n\n## Situation', '# Nederlands\n\n## Situation'), /"## Situation" is under "# Nederlands"/],
    [good.replace('---\n\n', 'situation:\n  nl: Ook hier.\n---\n\n'), /situation\.nl is both in the front matter and in the text/],
  ];
  for (const [content, reason] of broken) {
    assert.throws(() => caseFromMarkdown(content, 'goed.md'), (error: Error) => reason.test(error.message) && error.message.startsWith('goed.md: '), content);
  }
  const result = libraryFromMarkdownFiles([{ name: 'goed.md', content: good }, ...broken.map(([content], i) => ({ name: `kapot-${i}.md`, content }))]);
  assert.deepStrictEqual(result.cases, [caseFromMarkdown(good)]);
  assert.deepStrictEqual(result.errors.map((e) => e.index), broken.map((_, i) => i + 1));
  assert.ok(result.errors.every((e, i) => e.file === `kapot-${i}.md` && broken[i]?.[1].test(e.reason)));
});

it('[LB-7] a Markdown file edited by hand is read: line ends, blank lines, empty sections, id from the file name', () => {
  const handWritten = [
    '\uFEFF---',
    'title:',
    '  nl: Zelf geschreven',
    '  en: Written by hand',
    'themes: [eigen-werk]',
    '---',
    '',
    '# Nederlands  ',
    '## Situatie   ',
    '',
    '',
    'Eerste alinea.',
    '',
    'Tweede alinea.',
    '',
    '',
    '## Wat is er gedaan',
    '',
    '## Gevolg',
    '',
    '   ',
    '# English',
    '',
    '## Situation',
    'First paragraph.',
    '',
  ].join('\r\n');
  assert.deepStrictEqual(
    caseFromMarkdown(handWritten, 'cases/zelf-geschreven.md'),
    Case.parse({
      id: 'zelf-geschreven',
      title: { nl: 'Zelf geschreven', en: 'Written by hand' },
      themes: ['eigen-werk'],
      situation: { nl: 'Eerste alinea.\n\nTweede alinea.', en: 'First paragraph.' },
    }),
  );
  // An id in the front matter wins over the file name.
  assert.equal(caseFromMarkdown(caseToMarkdown(valid('eigen-id')), 'hernoemd.md').id, 'eigen-id');
});
