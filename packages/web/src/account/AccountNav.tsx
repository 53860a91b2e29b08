import { RouterLink } from '../components/RouterLink.tsx';
import { useTranslation } from '../useTranslation.ts';
import { useHeaderSession } from './session.ts';
import { useSignOut } from './useSignOut.ts';
import '../account.css';

/**
 * The header's account items (list items of the main navigation): "Inloggen" when signed out,
 * the signed-in person's name (to their account page) and "Uitloggen" when signed in. Loaded
 * lazily by SiteLayout, never on the participant's pages.
 */
export default function AccountNav() {
  const { t } = useTranslation();
  const session = useHeaderSession();
  const { signOut, busy, failure } = useSignOut();

  if (session.state === 'signed-in') {
    // One item: on a wide screen the name sits above "Uitloggen", so the header keeps one line.
    return (
      <li className="gw-account-nav gw-account-nav--first gw-account-nav--signed-in">
        <RouterLink to="/account" markCurrent className="gw-nav__link gw-account-nav__name">
          <span className="gw-visually-hidden">{t('account.nav.signedInAs')} </span>
          {session.account.displayName}
        </RouterLink>
        <button type="button" className="gw-account-nav__button" aria-busy={busy || undefined} onClick={() => void signOut()}>
          {t('account.nav.signOut')}
        </button>
        {failure ? (
          <p role="alert" className="gw-account-nav__error">
            {failure.kind === 'network' ? t('status.network') : t('status.server')}
          </p>
        ) : null}
      </li>
    );
  }
  if (session.state === 'signed-out') {
    return (
      <li className="gw-account-nav gw-account-nav--first">
        <RouterLink to="/login" markCurrent className="gw-nav__link">
          {t('account.nav.signIn')}
        </RouterLink>
      </li>
    );
  }
  return null;
}
