import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/*
 * Issue 9: no component may write interface text in the source; every visible or announced text
 * comes from the catalogues through t('…'). This test reads packages/web/src with the TypeScript
 * compiler's parser and reports
 *  - JSX text containing a letter (`<p>Opslaan</p>`);
 *  - string and template literals with a letter given to an attribute that is shown or read out
 *    (aria-label, title, alt, placeholder, label, …), also as a branch of `? :`, `&&`, `||`, `??`;
 *  - string and template literals with a letter as a child expression (`{'Opslaan'}`,
 *    `{open ? 'Sluiten' : 'Openen'}`);
 *  - literal texts assigned to document.title or to an element's textContent, innerText or ariaLabel.
 * Class names, ids, roles, types and other attributes that are not language are not looked at.
 */

const here = dirname(fileURLToPath(import.meta.url));
const srcDir = resolve(here, '../src');

/** DOM properties whose value is shown or read out, when a literal text is assigned to them in code. */
const VISIBLE_PROPERTIES = new Set(['textContent', 'innerText', 'ariaLabel', 'ariaDescription', 'ariaValueText']);

/** Attributes whose value is shown on the page or read out by assistive technology. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'alt',
  'placeholder',
  'label',
]);

/** `value` is the visible caption of these input types. */
const CAPTIONED_INPUT_TYPES = new Set(['button', 'submit', 'reset']);

/**
 * Texts that are not language and so are rightly written in the source. Texts without a letter
 * (·, ×, →, %, digits, punctuation between translated parts) pass without an entry. Every entry
 * says why; keep the list short — anything a Dutch or English reader would read as a word belongs
 * in the catalogues.
 */
const ALLOWED: readonly { readonly text: string | RegExp; readonly reason: string }[] = [
  // The language switch names each language in that language itself, so that a reader finds their
  // own language whatever the interface language is (WCAG 3.1.2, with lang on the button).
  { text: 'Nederlands', reason: 'the Dutch language named in Dutch, in the language switch' },
  { text: 'English', reason: 'the English language named in English, in the language switch' },
  { text: 'Goed Werk Hub', reason: 'the product name, a proper name, the same in every language' },
  // "<host>/join" on the big screen is the address participants type; routes are not translated.
  { text: /^\/[a-z0-9/-]*$/, reason: 'a web address path (a route), the same in every language' },
];

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** Whether a text (trimmed) would be read as language: it has a letter and is not allowed above. */
function isLanguage(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  return !ALLOWED.some(({ text: allowed }) => (typeof allowed === 'string' ? allowed === trimmed : allowed.test(trimmed)));
}

function attributeName(name: ts.JsxAttributeName): string {
  return ts.isIdentifier(name) ? name.text : `${name.namespace.text}:${name.name.text}`;
}

/** The string literal value of a JSX attribute (`type="submit"` or `type={'submit'}`), if it is one. */
function literalAttribute(attributes: ts.JsxAttributes, name: string): string | undefined {
  for (const property of attributes.properties) {
    if (!ts.isJsxAttribute(property) || attributeName(property.name) !== name) continue;
    const init = property.initializer;
    if (init && ts.isStringLiteral(init)) return init.text;
    if (init && ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)) return init.expression.text;
  }
  return undefined;
}

/**
 * The literal texts an expression can evaluate to directly: the literal itself, both branches of
 * `? :`, the right of `&&` and both sides of `||` and `??`, through parentheses and `as`.
 * Template literals count with their written parts (`${n} deelnemers` is hard-coded text).
 */
function literalTexts(expression: ts.Expression): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [{ node: expression, text: expression.text }];
  if (ts.isTemplateExpression(expression)) {
    const text = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ');
    return [{ node: expression, text }];
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return literalTexts(expression.expression);
  }
  if (ts.isConditionalExpression(expression)) return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const op = expression.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(expression.right);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return [...literalTexts(expression.left), ...literalTexts(expression.right)];
    }
  }
  return [];
}

/** Every hard-coded interface text in one source file. */
export function scanSource(fileName: string, source: string): Finding[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string): void => {
    if (!isLanguage(text)) return;
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    findings.push({ file: fileName, line: line + 1, text: text.replace(/\s+/g, ' ').trim() });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      // A child expression: {'text'} or {cond ? 'a' : 'b'}.
      for (const { node: literal, text } of literalTexts(node.expression)) report(literal, text);
    } else if (ts.isJsxAttribute(node)) {
      const name = attributeName(node.name);
      const element = node.parent.parent; // JsxAttributes → JsxOpeningElement | JsxSelfClosingElement
      const captionedInput =
        name === 'value' &&
        ts.isJsxOpeningLikeElement(element) &&
        element.tagName.getText(sourceFile) === 'input' &&
        CAPTIONED_INPUT_TYPES.has(literalAttribute(node.parent, 'type') ?? '');
      if (VISIBLE_ATTRIBUTES.has(name) || captionedInput) {
        const init = node.initializer;
        if (init && ts.isStringLiteral(init)) report(init, init.text);
        else if (init && ts.isJsxExpression(init) && init.expression) {
          for (const { node: literal, text } of literalTexts(init.expression)) report(literal, text);
        }
      }
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      (VISIBLE_PROPERTIES.has(node.left.name.text) || node.left.getText(sourceFile) === 'document.title')
    ) {
      for (const { node: literal, text } of literalTexts(node.right)) report(literal, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sourceFiles(srcDir);
const findings = files.flatMap((file) => scanSource(relative(srcDir, file), readFileSync(file, 'utf8')));
console.log(`FIGURE i18n_hardcoded_strings=${findings.length}`);

test('the scanner finds hard-coded text (self-check on an inline component)', () => {
  const snippet = [
    'export function Sample({ open, n }: { open: boolean; n: number }) {',
    "  document.title = open ? t('sample.title') : 'Voorbeeldpagina';",
    '  return (',
    '    <section aria-label="Voorbeeld" className="gw-sample" role="region">',
    '      <h2 id="sample-heading">Kop</h2>',
    "      <img src=\"x.png\" alt={'Een plaatje'} />",
    "      <p title={open ? 'Open' : t('sample.closed')}>{'Letterlijk'}</p>",
    '      <p>{`${n} deelnemers`}</p>',
    '      <input type="submit" value="Verstuur" />',
    "      <input type=\"text\" value=\"not-a-caption\" placeholder={t('sample.placeholder')} />",
    '      <span aria-hidden="true">·</span> <span>{n}%</span> <span>→ 3</span> <span>{`${n} × ${n}`}</span>',
    '      <span lang="nl">Nederlands</span> <strong>{`${location.host}/join`}</strong>',
    "      <p>{t('sample.text')}</p>",
    '    </section>',
    '  );',
    '}',
  ].join('\n');
  const found = scanSource('Sample.tsx', snippet).map(({ line, text }) => `${line}:${text}`);
  assert.deepEqual(found, ['2:Voorbeeldpagina', '4:Voorbeeld', '5:Kop', '6:Een plaatje', '7:Open', '7:Letterlijk', '8:deelnemers', '9:Verstuur']);
});

test('the scanner reads the web app’s sources', () => {
  assert.ok(files.filter((f) => f.endsWith('.tsx')).length > 40, `expected the web app's components, found ${files.length} files`);
});

test('no component in packages/web/src has a hard-coded interface text (all go through t())', () => {
  const listing = findings.map(({ file, line, text }) => `${file}:${line}: ${JSON.stringify(text)}`);
  assert.equal(findings.length, 0, `hard-coded texts (move them to content/i18n/nl.json and en.json):\n${listing.join('\n')}`);
});
