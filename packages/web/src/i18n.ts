import type nl from '../../../content/i18n/nl.json';
import nlShell from 'virtual:goedwerk-catalogue/nl';
import { interpolate } from './i18n-format.ts';

/** The interface languages, Dutch first. */
export const UI_LANGUAGES = ['nl', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const STORAGE_KEY = 'goedwerk.language';

/*
 * A small translator with the part of i18next's behaviour the interface uses: nested keys
 * ("join.title"), {{name}} interpolation, plural forms by `count` (key_one, key_other, chosen with
 * Intl.PluralRules) and Dutch as the fallback language. i18next itself costs about 16 KB gzip on
 * every page, which the phone's budget (≤ 100 KB of JavaScript) cannot spare.
 */

type Tree = { [key: string]: string | Tree };
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** Every key of the catalogue (plural forms by their base key): a typo does not compile. */
export type TranslationKey = WithoutPlural<Leaves<typeof nl>>;
export type TranslationOptions = Readonly<Record<string, unknown>>;
export type TFunction = (key: TranslationKey, options?: TranslationOptions) => string;

const bundles: Record<UiLanguage, Tree> = { nl: {}, en: {} };
let language: UiLanguage = 'nl';
let revision = 0;
const listeners = new Set<() => void>();

function merge(target: Tree, source: Tree): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') merge(existing, value);
    else target[key] = typeof value === 'object' ? structuredClone(value) : value;
  }
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralForm(lang: UiLanguage, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

function find(lang: UiLanguage, key: string, options: TranslationOptions | undefined): string | undefined {
  const count = options?.count;
  if (typeof count === 'number') {
    const found = lookup(bundles[lang], `${key}_${pluralForm(lang, count)}`) ?? lookup(bundles[lang], `${key}_other`);
    if (found !== undefined) return found;
  }
  return lookup(bundles[lang], key);
}

/** The text for `key` in `lang` (falling back to Dutch, then to the key itself), with {{values}} filled in. */
export function translate(lang: UiLanguage, key: string, options?: TranslationOptions): string {
  const text = find(lang, key, options) ?? (lang === 'nl' ? undefined : find('nl', key, options)) ?? key;
  return options ? interpolate(lang, text, options) : text;
}

/** Whether the catalogue (of the current language or Dutch) has this key. */
export function exists(key: string): boolean {
  return lookup(bundles[language], key) !== undefined || lookup(bundles.nl, key) !== undefined;
}

/** A `t` bound to one language. */
export function fixedT(lang: UiLanguage): TFunction {
  return (key, options) => translate(lang, key, options);
}

export function currentLanguage(): UiLanguage {
  return language;
}

/** Changes whenever the language changes or texts are added, so components can re-render. */
export function catalogueRevision(): number {
  return revision;
}

export function onCatalogueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  revision++;
  for (const listener of listeners) listener();
}

/** Reads the saved choice; Dutch unless the visitor chose English before. */
function savedLanguage(): UiLanguage {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to Dutch.
    return 'nl';
  }
}

/*
 * The catalogues come in two parts, both read from content/i18n/<lang>.json at build time (see
 * vite.config.ts): the shell (header, footer, status texts and the participant's pages) and the
 * whole catalogue. The main bundle holds only the Dutch shell, so a phone joining a meeting loads
 * as little as possible; the other pages wait for the whole catalogue (`loadCatalogue`).
 */
const shellLoaders: Record<UiLanguage, () => Promise<{ default: object }>> = {
  nl: () => Promise.resolve({ default: nlShell }),
  en: () => import('virtual:goedwerk-catalogue/en'),
};
const fullLoaders: Record<UiLanguage, () => Promise<{ default: object }>> = {
  nl: () => import('../../../content/i18n/nl.json'),
  en: () => import('../../../content/i18n/en.json'),
};
const loaded = new Map<string, Promise<void>>();

function load(lang: UiLanguage, part: 'shell' | 'full'): Promise<void> {
  const key = `${lang}:${part}`;
  let promise = loaded.get(key);
  if (!promise) {
    const loader = part === 'shell' ? shellLoaders[lang] : fullLoaders[lang];
    promise = loader().then((module) => {
      merge(bundles[lang], module.default as Tree);
      changed();
    });
    promise.catch(() => loaded.delete(key)); // a failed chunk load may be retried
    loaded.set(key, promise);
  }
  return promise;
}

/** Loads the whole catalogue of the current language (and Dutch, the fallback). Pages other than the participant's await this. */
export async function loadCatalogue(): Promise<void> {
  await Promise.all([load('nl', 'full'), language === 'nl' ? undefined : load(language, 'full')]);
}

/** Switches the interface language, remembers it and tells assistive technology via <html lang>. */
export async function changeLanguage(lang: UiLanguage): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch still works for this visit.
  }
  // Whatever was loaded for the old language is needed for the new one too.
  const needFull = loaded.has('nl:full');
  await load(lang, 'shell');
  if (needFull) await load(lang, 'full');
  language = lang;
  document.documentElement.lang = lang;
  changed();
}

/** Starts with the Dutch shell and switches to the saved language; resolves once its shell is there. */
export async function initI18n(): Promise<void> {
  merge(bundles.nl, nlShell as Tree);
  loaded.set('nl:shell', Promise.resolve());
  document.documentElement.lang = 'nl';
  const lang = savedLanguage();
  if (lang !== 'nl') {
    try {
      await changeLanguage(lang);
    } catch {
      // The English chunk could not load (offline): stay in Dutch rather than show nothing.
    }
  }
}
