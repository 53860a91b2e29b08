import { useTranslation } from '../useTranslation.ts';
import { themeLabel } from './labels.ts';

/** A case's themes as badges, and a marker when the publicity test applies. */
export function ThemeList({ themes, publicityTest = false }: { themes: readonly string[]; publicityTest?: boolean }) {
  const { t } = useTranslation();
  if (themes.length === 0 && !publicityTest) return null;
  return (
    <ul className="gw-badges" aria-label={t('case.themes')}>
      {themes.map((theme) => (
        <li key={theme} className="nl-data-badge gw-theme-badge">
          {themeLabel(theme)}
        </li>
      ))}
      {publicityTest ? <li className="nl-data-badge gw-theme-badge gw-theme-badge--publicity">{t('case.publicityTest')}</li> : null}
    </ul>
  );
}
