import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DOMAIN_ERROR_CODES } from '@goedwerk/core';
import shell from '../catalogue-shell.json' with { type: 'json' };
import en from '../../../content/i18n/en.json' with { type: 'json' };
import nl from '../../../content/i18n/nl.json' with { type: 'json' };

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = resolve(here, '../src');

type Catalogue = { readonly [key: string]: string | Catalogue };

/** Flattens nested keys to dotted paths with their values. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const catalogues = { nl: flatten(nl as Catalogue), en: flatten(en as Catalogue) };
const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** A key used with `count` is present as its plural forms (`key_one`, `key_other`). */
function hasKey(keys: Map<string, unknown>, key: string): boolean {
  return keys.has(key) || PLURAL_SUFFIXES.some((suffix) => keys.has(`${key}_${suffix}`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keys written literally as t('…'), t("…") or i18nKey="…". */
function usedKeys(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const keys: string[] = [];
  for (const match of text.matchAll(/\bt\(\s*['"]([^'"`]+)['"]/g)) keys.push(match[1]!);
  for (const match of text.matchAll(/\bi18nKey=\{?\s*['"]([^'"]+)['"]/g)) keys.push(match[1]!);
  return keys;
}

const files = sourceFiles(srcDir);
const used = new Map<string, string[]>();
for (const file of files) {
  for (const key of usedKeys(file)) used.set(key, [...(used.get(key) ?? []), file.slice(srcDir.length + 1)]);
}

const missingInNl = [...catalogues.en.keys()].filter((k) => !catalogues.nl.has(k));
const missingInEn = [...catalogues.nl.keys()].filter((k) => !catalogues.en.has(k));
const usedButAbsent = [...used.keys()].filter((k) => !hasKey(catalogues.nl, k) || !hasKey(catalogues.en, k));
const missingTotal = missingInNl.length + missingInEn.length + usedButAbsent.length;
console.log(`FIGURE i18n_missing_keys=${missingTotal}`);

test('nl and en have exactly the same keys', () => {
  assert.deepEqual(
    { missingInNl, missingInEn },
    { missingInNl: [], missingInEn: [] },
    `keys missing in nl: ${missingInNl.join(', ') || 'none'}; keys missing in en: ${missingInEn.join(', ') || 'none'}`,
  );
});

test('every key used in packages/web/src exists in both catalogues', () => {
  assert.ok(used.size > 50, `expected to find the keys used in src, found only ${used.size}`);
  const report = usedButAbsent.map((k) => `${k} (in ${used.get(k)!.join(', ')}; nl: ${hasKey(catalogues.nl, k)}, en: ${hasKey(catalogues.en, k)})`);
  assert.deepEqual(report, [], `keys used but absent:\n${report.join('\n')}`);
});

test('no catalogue value is empty', () => {
  const empty = Object.entries(catalogues).flatMap(([lang, keys]) =>
    [...keys].filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => `${lang}: ${key}`),
  );
  assert.deepEqual(empty, [], `empty or non-text values: ${empty.join(', ')}`);
});

test('no key is missing overall', () => {
  assert.equal(missingTotal, 0);
});

test('every domain error code has a text in both catalogues (the interface translates refusals)', () => {
  const missing = DOMAIN_ERROR_CODES.flatMap((code) =>
    (['nl', 'en'] as const).filter((lang) => !catalogues[lang].has(`errors.${code}`)).map((lang) => `${lang}: errors.${code}`),
  );
  assert.deepEqual(missing, []);
});

/**
 * The main bundle carries only the shell sections of the catalogue (catalogue-shell.json), so
 * every module it loads without a page chunk, and the join pages, may only use those sections.
 */
test('the shell and the participant’s pages use only the catalogue sections shipped in the main bundle', () => {
  const sections = new Set(shell.sections);
  const visited = new Set<string>();
  const queue = ['main.tsx', 'pages/JoinPage.tsx', 'pages/ParticipantPage.tsx'].map((f) => join(srcDir, f));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (visited.has(file)) continue;
    visited.add(file);
    const text = readFileSync(file, 'utf8');
    // Static value imports only: `import type` is erased and `import()` loads a separate chunk.
    for (const match of text.matchAll(/^import (?!type )[^;]*?from '(\.{1,2}\/[^']+\.tsx?)';$/gm)) {
      queue.push(resolve(dirname(file), match[1]!));
    }
  }
  const outside = [...visited].flatMap((file) =>
    usedKeys(file)
      .filter((key) => !sections.has(key.split('.')[0]!))
      .map((key) => `${key} in ${file.slice(srcDir.length + 1)}`),
  );
  assert.ok(visited.size >= 5, `expected to follow the shell's imports, reached ${visited.size} files`);
  assert.deepEqual(outside, [], `keys outside the shell sections (${shell.sections.join(', ')}):\n${outside.join('\n')}`);
});
