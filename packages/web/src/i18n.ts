import i18next from 'i18next';
import type nl from '../../../content/i18n/nl.json';
import nlShell from 'virtual:goedwerk-catalogue/nl';

/** The interface languages, Dutch first. */
export const UI_LANGUAGES = ['nl', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const STORAGE_KEY = 'goedwerk.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
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
 * vite.config.ts): the shell (header, footer, status texts and the participant's join pages) and
 * the whole catalogue. The main bundle holds only the Dutch shell, so a phone joining a meeting
 * loads as little as possible; the other pages wait for the whole catalogue (`loadCatalogue`).
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
      i18next.addResourceBundle(lang, 'translation', module.default, true, true);
    });
    promise.catch(() => loaded.delete(key)); // a failed chunk load may be retried
    loaded.set(key, promise);
  }
  return promise;
}

/** Loads the whole catalogue of the current language (and Dutch, the fallback). Pages other than joining await this. */
export async function loadCatalogue(): Promise<void> {
  const lang: UiLanguage = i18next.language === 'en' ? 'en' : 'nl';
  await Promise.all([load('nl', 'full'), lang === 'nl' ? undefined : load(lang, 'full')]);
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
  await i18next.changeLanguage(lang);
}

i18next.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
});

/** Initialises i18next with the saved language; resolves once its shell catalogue is there. */
export async function initI18n(): Promise<void> {
  await i18next.init({
    resources: { nl: { translation: nlShell } },
    lng: 'nl',
    fallbackLng: 'nl',
    supportedLngs: [...UI_LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes text already.
    returnNull: false,
    initAsync: false,
  });
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

export default i18next;
