import i18next from 'i18next';
import { useMemo, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  i18next.on('languageChanged', onChange);
  return () => i18next.off('languageChanged', onChange);
}

function currentLanguage(): string {
  return i18next.language;
}

/**
 * `{ t, i18n }` for a component, re-rendering it when the language changes. The same shape as
 * react-i18next's hook, in a few lines: that hook (with namespaces, Suspense and ready states we
 * do not use) costs about 2.5 KB gzip on the phone, which the bundle budget cannot spare.
 */
export function useTranslation() {
  const language = useSyncExternalStore(subscribe, currentLanguage);
  const t = useMemo(() => i18next.getFixedT(language), [language]);
  return { t, i18n: i18next };
}
