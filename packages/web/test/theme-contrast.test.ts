import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

/*
 * WCAG 2.1 AA contrast of the default theme (issue 9): the design tokens of src/theme.css, resolved
 * through their var() chains, and the few literal colours of the presentation screen in app.css and
 * live.css, for the pairs the app really shows. Text needs 4.5:1 (SC 1.4.3), large text and the
 * parts of controls and the focus ring 3:1 (SC 1.4.3, 1.4.11). Each ratio is printed as
 * `# contrast <pair> <ratio>`.
 */

const src = new URL('../src/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, src), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Every `--name: value` of the rules for `.gw-theme` in `css`, added to (and over) `into`. */
function themeTokens(css: string, into = new Map<string, string>()): Map<string, string> {
  let rules = 0;
  for (const rule of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (!rule[1]!.split(',').some((selector) => selector.trim() === '.gw-theme')) continue;
    rules++;
    for (const m of rule[2]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+)(;|$)/g)) into.set(m[1]!, m[2]!.trim());
  }
  assert.ok(rules > 0, 'the stylesheet has a rule for .gw-theme');
  return into;
}

/**
 * The default tokens; with GOEDWERK_THEME_CSS set, an organisation's token file over them, as the
 * server links it: `GOEDWERK_THEME_CSS=organisation.css node --import tsx --test <this file>`.
 */
const orgTheme = process.env.GOEDWERK_THEME_CSS?.trim();
const tokens = themeTokens(read('theme.css'));
if (orgTheme) themeTokens(readFileSync(orgTheme, 'utf8'), tokens);
/** app.css, then live.css: the order styles.ts imports them in, so a later declaration wins. */
const layout = read('app.css') + '\n' + read('live.css');

/** A value with every var() replaced by the token's value (or the fallback), recursively. */
function resolve(value: string, seen: readonly string[] = []): string {
  return value.replace(/var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_all, name: string, fallback?: string) => {
    assert.ok(!seen.includes(name), `var() cycle through ${name}`);
    const own = tokens.get(name);
    if (own === undefined) {
      assert.ok(fallback !== undefined, `${name} is not a token of theme.css`);
      return resolve(fallback.trim(), seen);
    }
    return resolve(own, [...seen, name]);
  });
}

/** The last value of `property` in a rule whose selector is exactly `selector`, in app.css and live.css. */
function declared(selector: string, property: string): string {
  let found: string | undefined;
  for (const rule of layout.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (rule[1]!.trim() !== selector) continue;
    for (const d of rule[2]!.matchAll(/(?:^|;)\s*([\w-]+)\s*:\s*([^;]+)/g)) if (d[1] === property) found = d[2]!.trim();
  }
  assert.ok(found !== undefined, `no ${property} for ${selector} in app.css or live.css`);
  return found;
}

type Rgba = readonly [number, number, number, number];

function parseColour(text: string): Rgba {
  const value = text.trim().toLowerCase();
  if (value === 'white') return [255, 255, 255, 1];
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
  if (hex && [3, 4].includes(hex.length)) return parseColour(`#${[...hex].map((c) => c + c).join('')}`);
  if (hex && [6, 8].includes(hex.length)) {
    const n = (i: number) => Number.parseInt(hex.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), hex.length === 8 ? n(6) / 255 : 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[/,]\s*([\d.]+)(%?))?\s*\)$/.exec(value);
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : Number(rgb[4]) / (rgb[5] ? 100 : 1);
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), alpha];
  }
  throw new Error(`not a colour: ${text}`);
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  const mix = (i: 0 | 1 | 2) => top[i] * a + bottom[i] * (1 - a);
  return [mix(0), mix(1), mix(2), 1];
}

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour given as a token (`--name`), a layout declaration (`selector|property`) or a literal. */
function colour(ref: string): Rgba {
  if (ref.startsWith('--')) return parseColour(resolve(`var(${ref})`));
  const [selector, property] = ref.split('|');
  if (property) return parseColour(resolve(declared(selector!, property)));
  return parseColour(resolve(ref));
}

const TEXT = 4.5;
const LARGE_OR_UI = 3;

interface Pair {
  readonly name: string;
  readonly fg: string;
  /** The background; translucent layers are painted over the ones after them (`over`). */
  readonly bg: string;
  readonly over?: readonly string[];
  readonly min: number;
}

const pairs: readonly Pair[] = [
  // Body text and headings
  { name: 'text on page', fg: '--utrecht-document-color', bg: '--utrecht-document-background-color', min: TEXT },
  { name: 'text on card', fg: '--utrecht-card-color', bg: '--utrecht-card-background-color', min: TEXT },
  { name: 'heading on page', fg: '--nl-heading-level-1-color', bg: '--utrecht-page-body-background-color', min: TEXT },
  { name: 'header text on header', fg: '--utrecht-page-header-color', bg: '--utrecht-page-header-background-color', min: TEXT },
  { name: 'footer text on footer', fg: '--utrecht-page-footer-color', bg: '--utrecht-page-footer-background-color', min: TEXT },
  { name: 'form label on surface', fg: '--utrecht-form-label-color', bg: '--gw-color-surface', min: TEXT },
  { name: 'text field text on field', fg: '.gw-textbox|color', bg: '.gw-textbox|background', min: TEXT },
  // Secondary text
  { name: 'muted text on page', fg: '--gw-color-ink-muted', bg: '--gw-color-page', min: TEXT },
  { name: 'muted text on surface', fg: '--gw-color-ink-muted', bg: '--gw-color-surface', min: TEXT },
  { name: 'muted text on primary tint', fg: '.gw-next-meeting__label|color', bg: '.gw-next-meeting|background', min: TEXT },
  { name: 'data-list key on surface', fg: '--utrecht-data-list-item-key-color', bg: '--gw-color-surface', min: TEXT },
  // Links
  { name: 'link on page', fg: '--nl-link-color', bg: '--gw-color-page', min: TEXT },
  { name: 'link on surface', fg: '--nl-link-color', bg: '--gw-color-surface', min: TEXT },
  { name: 'link on primary tint', fg: '--nl-link-color', bg: '--gw-color-primary-tint', min: TEXT },
  { name: 'link hover on page', fg: '--nl-link-hover-color', bg: '--gw-color-page', min: TEXT },
  { name: 'skip link', fg: '--nl-skip-link-color', bg: '--nl-skip-link-background-color', min: TEXT },
  // Buttons
  { name: 'primary button', fg: '--utrecht-button-primary-action-color', bg: '--utrecht-button-primary-action-background-color', min: TEXT },
  { name: 'primary button hover', fg: '--utrecht-button-primary-action-hover-color', bg: '--utrecht-button-primary-action-hover-background-color', min: TEXT },
  { name: 'primary button active', fg: '--utrecht-button-primary-action-active-color', bg: '--utrecht-button-primary-action-active-background-color', min: TEXT },
  { name: 'primary button focus', fg: '--utrecht-button-primary-action-focus-color', bg: '--utrecht-button-primary-action-focus-background-color', min: TEXT },
  { name: 'secondary button', fg: '--utrecht-button-secondary-action-color', bg: '--utrecht-button-secondary-action-background-color', min: TEXT },
  { name: 'secondary button hover', fg: '--utrecht-button-secondary-action-hover-color', bg: '--utrecht-button-secondary-action-hover-background-color', min: TEXT },
  { name: 'secondary button active', fg: '--utrecht-button-secondary-action-active-color', bg: '--utrecht-button-secondary-action-active-background-color', min: TEXT },
  { name: 'secondary button focus', fg: '--utrecht-button-secondary-action-focus-color', bg: '--utrecht-button-secondary-action-focus-background-color', min: TEXT },
  { name: 'subtle button on page', fg: '--utrecht-button-subtle-color', bg: '--gw-color-page', min: TEXT },
  { name: 'subtle button hover', fg: '--utrecht-button-subtle-hover-color', bg: '--utrecht-button-subtle-hover-background-color', min: TEXT },
  { name: 'subtle button pressed', fg: '--utrecht-button-subtle-pressed-color', bg: '--utrecht-button-subtle-pressed-background-color', min: TEXT },
  { name: 'data badge', fg: '--nl-data-badge-color', bg: '--nl-data-badge-background-color', min: TEXT },
  // Alerts and errors
  { name: 'info alert text', fg: '--utrecht-alert-info-color', bg: '--utrecht-alert-info-background-color', min: TEXT },
  { name: 'error alert text', fg: '--utrecht-alert-error-color', bg: '--utrecht-alert-error-background-color', min: TEXT },
  { name: 'error text on surface', fg: '--gw-color-error', bg: '--gw-color-surface', min: TEXT },
  { name: 'error text on page', fg: '--gw-color-error', bg: '--gw-color-page', min: TEXT },
  { name: 'error text on error tint', fg: '--gw-color-error', bg: '--gw-color-error-tint', min: TEXT },
  { name: 'info text on info tint', fg: '--gw-color-info', bg: '--gw-color-info-tint', min: TEXT },
  { name: 'publicity test text on its tint', fg: '--gw-color-accent', bg: '--gw-color-accent-tint', min: TEXT },
  // Presentation screen (projector): light text on the dark screen colour
  { name: 'screen text', fg: '.gw-screen|color', bg: '.gw-screen|background', min: TEXT },
  { name: 'screen subtitle', fg: '.gw-screen__subtitle|color', bg: '.gw-screen|background', min: TEXT },
  { name: 'screen meta', fg: '.gw-screen__meta|color', bg: '.gw-screen|background', min: TEXT },
  { name: 'screen count', fg: '.gw-screen__count|color', bg: '.gw-screen|background', min: TEXT },
  { name: 'screen step label', fg: '.gw-screen__label|color', bg: '.gw-screen__step|background', over: ['.gw-screen|background'], min: TEXT },
  { name: 'screen step text', fg: '.gw-screen|color', bg: '.gw-screen__step|background', over: ['.gw-screen|background'], min: TEXT },
  { name: 'screen join panel', fg: '.gw-screen__join|color', bg: '.gw-screen__join|background', min: TEXT },
  { name: 'screen results panel', fg: '.gw-screen__results|color', bg: '.gw-screen__results|background', min: TEXT },
  // Non-text: the boundaries of controls and the focus indicator (SC 1.4.11)
  { name: 'text field border on surface', fg: '--gw-color-line-strong', bg: '--gw-color-surface', min: LARGE_OR_UI },
  { name: 'text field border on page', fg: '--gw-color-line-strong', bg: '--gw-color-page', min: LARGE_OR_UI },
  { name: 'invalid field border on surface', fg: '.gw-textbox[aria-invalid=\'true\']|border-color', bg: '--gw-color-surface', min: LARGE_OR_UI },
  { name: 'secondary button border on surface', fg: '--utrecht-button-secondary-action-border-color', bg: '--gw-color-surface', min: LARGE_OR_UI },
  { name: 'primary button on page', fg: '--utrecht-button-primary-action-background-color', bg: '--gw-color-page', min: LARGE_OR_UI },
  { name: 'focus ring on page', fg: '--utrecht-focus-outline-color', bg: '--gw-color-page', min: LARGE_OR_UI },
  { name: 'focus ring on surface', fg: '--gw-focus-color', bg: '--gw-color-surface', min: LARGE_OR_UI },
  { name: 'focus ring on its halo', fg: '--gw-focus-color', bg: '--gw-focus-halo', min: LARGE_OR_UI },
  { name: 'focus ring on primary tint', fg: '--gw-focus-color', bg: '--gw-color-primary-tint', min: LARGE_OR_UI },
  { name: 'focus ring on footer', fg: '.gw-footer :focus-visible|outline-color', bg: '--utrecht-page-footer-background-color', min: LARGE_OR_UI },
  { name: 'focus ring on screen', fg: '.gw-screen :focus-visible|outline-color', bg: '.gw-screen|background', min: LARGE_OR_UI },
];

describe(`the ${orgTheme ? `default theme with ${orgTheme} over it` : 'default theme'} meets WCAG 2.1 AA contrast`, () => {
  it('computes the WCAG ratio correctly', () => {
    assert.equal(contrast(parseColour('#000'), parseColour('#fff')), 21);
    assert.equal(contrast(parseColour('#777'), parseColour('#777')), 1);
    assert.equal(contrast(parseColour('#767676'), parseColour('#ffffff')).toFixed(2), '4.54');
    assert.deepEqual(over(parseColour('rgb(255 255 255 / 50%)'), parseColour('#000000')), [127.5, 127.5, 127.5, 1]);
  });

  for (const pair of pairs) {
    it(`${pair.name} ≥ ${pair.min}:1`, () => {
      let bg = colour(pair.bg);
      for (const under of pair.over ?? []) bg = over(bg, colour(under));
      assert.equal(bg[3], 1, `${pair.name}: the background ${pair.bg} is opaque (or layered with over)`);
      const fg = colour(pair.fg);
      assert.equal(fg[3], 1, `${pair.name}: the foreground ${pair.fg} is opaque`);
      const ratio = contrast(fg, bg);
      console.log(`# contrast ${pair.name.replaceAll(' ', '-')} ${ratio.toFixed(2)}`);
      assert.ok(ratio >= pair.min, `${pair.name}: ${pair.fg} on ${pair.bg} is ${ratio.toFixed(2)}:1, needs ${pair.min}:1`);
    });
  }
});
