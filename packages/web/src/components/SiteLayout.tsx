import { SkipLink } from '@nl-design-system-candidate/skip-link-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { useLocation } from 'wouter';
import { BrandMark } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { AppLink, RouterLink } from './RouterLink.tsx';
import { Loading } from './Loading.tsx';
import { loadCatalogue } from '../i18n.ts';

/*
 * The header's sign-in link, or the signed-in name and "Uitloggen": its own chunk with the whole
 * catalogue, like a page. Participants never have an account, so their pages (/join, /j/…, /m/…)
 * leave it out and a phone loads nothing more for it.
 */
const AccountNav = lazy(() => Promise.all([import('../account/AccountNav.tsx'), loadCatalogue()]).then(([module]) => module));
const isParticipantPath = (path: string) => /^\/(join|j|m)(\/|$)/.test(path);

/** Moves focus to the main content after in-app navigation, so keyboard and screen reader users start at the top of the new page. */
function useFocusMainOnNavigate() {
  const [pathname] = useLocation();
  const main = useRef<HTMLElement>(null);
  // Compare with the last path rather than counting renders: effects may run twice (StrictMode).
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return main;
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" className="gw-menu-button__icon">
      {open ? (
        <path d="M4 4l12 12M16 4L4 16" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      ) : (
        <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      )}
    </svg>
  );
}

/** Header with navigation and language switch, the main landmark, and the footer: around every page but the presentation screen. */
export function SiteLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const main = useFocusMainOnNavigate();
  const [pathname] = useLocation();
  // On phones the navigation folds behind a menu button; it folds again after each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="utrecht-page-layout gw-page">
      <SkipLink href="#main">{t('skipLink')}</SkipLink>
      <header className="utrecht-page-header gw-header">
        <div className="utrecht-page-header__content gw-header__content">
          <AppLink to="/" className="gw-brand">
            <BrandMark className="gw-brand__mark" />
            <span className="gw-brand__name">{t('app.name')}</span>
          </AppLink>
          <LanguageSwitch />
          <Button
            appearance="subtle-button"
            className="gw-menu-button"
            aria-expanded={menuOpen}
            aria-controls="gw-main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MenuIcon open={menuOpen} />
            <span className="gw-menu-button__label">{t('nav.menu')}</span>
          </Button>
          <nav id="gw-main-nav" aria-label={t('nav.label')} className={menuOpen ? 'gw-nav gw-nav--open' : 'gw-nav'}>
            <ul className="gw-nav__list">
              <li>
                <RouterLink to="/" markCurrent className="gw-nav__link">
                  {t('nav.home')}
                </RouterLink>
              </li>
              <li>
                <RouterLink to="/programmes" markCurrent end={false} className="gw-nav__link">
                  {t('nav.programmes')}
                </RouterLink>
              </li>
              <li>
                <RouterLink to="/library" markCurrent end={false} className="gw-nav__link">
                  {t('nav.library')}
                </RouterLink>
              </li>
              <li>
                <RouterLink to="/join" markCurrent end={false} className="gw-nav__link">
                  {t('nav.join')}
                </RouterLink>
              </li>
              {isParticipantPath(pathname) ? null : (
                <Suspense fallback={null}>
                  <AccountNav />
                </Suspense>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <div className="utrecht-page-body gw-body">
        <main id="main" ref={main} tabIndex={-1} className="utrecht-page-body__content gw-main">
          <Suspense fallback={<Loading />}>
            {children}
          </Suspense>
        </main>
      </div>
      <footer className="utrecht-page-footer gw-footer">
        <div className="utrecht-page-footer__content gw-footer__content">
          <div className="gw-footer__brand">
            <BrandMark className="gw-brand__mark" />
            <span className="gw-brand__name">{t('app.name')}</span>
          </div>
          <Paragraph className="gw-footer__line">{t('footer.openSource')}</Paragraph>
          <Paragraph className="gw-footer__line">{t('footer.licence')}</Paragraph>
          <Paragraph className="gw-footer__line">
            <RouterLink to="/toegankelijkheid" markCurrent className="gw-footer__link">
              {t('footer.accessibility')}
            </RouterLink>
          </Paragraph>
        </div>
      </footer>
    </div>
  );
}
