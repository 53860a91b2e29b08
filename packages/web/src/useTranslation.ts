import { useMemo, useSyncExternalStore } from 'react';
import { catalogueRevision, currentLanguage, fixedT, onCatalogueChange, type TFunction, type UiLanguage } from './i18n.ts';

/**
 * `{ t, i18n }` for a component, re-rendering it when the language changes or texts arrive.
 * The same shape as react-i18next's hook, in a few lines (see i18n.ts for why not i18next).
 */
export function useTranslation(): { t: TFunction; i18n: { language: UiLanguage } } {
  const revision = useSyncExternalStore(onCatalogueChange, catalogueRevision);
  const language = currentLanguage();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const t = useMemo(() => fixedT(language), [language, revision]);
  return { t, i18n: { language } };
}
