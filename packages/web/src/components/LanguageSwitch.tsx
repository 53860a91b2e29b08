import { Button } from '@utrecht/button-react';
import { useTranslation } from '../useTranslation.ts';
import { changeLanguage, UI_LANGUAGES, type UiLanguage } from '../i18n.ts';

/** Two toggle buttons, each naming its language in that language (so "English" is read in English). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current: UiLanguage = i18n.language === 'en' ? 'en' : 'nl';
  const names: Record<UiLanguage, { full: string; short: string }> = {
    nl: { full: t('language.nl'), short: t('language.nlShort') },
    en: { full: t('language.en'), short: t('language.enShort') },
  };
  return (
    <div role="group" aria-label={t('language.label')} className="gw-language-switch">
      {UI_LANGUAGES.map((lang) => (
        <Button
          key={lang}
          appearance="subtle-button"
          pressed={lang === current}
          lang={lang}
          className="gw-language-switch__button"
          onClick={() => void changeLanguage(lang)}
        >
          <span className="gw-language-switch__full">{names[lang].full}</span>
          <span className="gw-language-switch__short" aria-hidden="true">
            {names[lang].short}
          </span>
        </Button>
      ))}
    </div>
  );
}
