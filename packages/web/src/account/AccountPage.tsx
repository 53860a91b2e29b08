import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId } from 'react';
import { RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { mayManageAccounts, mayPrepareMeetings, type Account } from './api.ts';
import { Feedback, failureText, roleLabel, WithAccount } from './parts.tsx';
import { usePageSession } from './session.ts';
import { useSignOut } from './useSignOut.ts';
import '../account.css';

/** /account: who is signed in, what their role may do, and signing out. */
export default function AccountPage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry}>
      {(account) => <Overview account={account} />}
    </WithAccount>
  );
}

function Overview({ account }: { account: Account }) {
  const { t } = useTranslation();
  const uid = useId();
  const { signOut, busy, failure } = useSignOut();
  useDocumentTitle(t('account.home.kicker'));
  const prepare = mayPrepareMeetings(account.role);
  const manage = mayManageAccounts(account.role);

  return (
    <div className="gw-account">
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('account.home.kicker')}</p>
        <Heading level={1} className="gw-account__name">
          {account.displayName}
        </Heading>
        <dl className="gw-account-facts">
          <div>
            <dt>{t('account.home.email')}</dt>
            <dd className="gw-account-facts__email">{account.email}</dd>
          </div>
          <div>
            <dt>{t('account.home.role')}</dt>
            <dd>{roleLabel(account.role, t)}</dd>
          </div>
        </dl>
      </div>

      <section className="gw-account-section" aria-labelledby={`${uid}-actions`}>
        <Heading level={2} id={`${uid}-actions`}>
          {t('account.home.actionsTitle')}
        </Heading>
        {prepare || manage ? (
          <ul className="gw-account-actions">
            {prepare ? (
              <li className="gw-panel">
                <RouterLink to="/meetings/new" className="gw-account-actions__link">
                  {t('account.home.prepare')}
                </RouterLink>
                <p className="gw-muted">{t('account.home.prepareHint')}</p>
              </li>
            ) : null}
            {manage ? (
              <li className="gw-panel">
                <RouterLink to="/admin/accounts" className="gw-account-actions__link">
                  {t('account.home.manage')}
                </RouterLink>
                <p className="gw-muted">{t('account.home.manageHint')}</p>
              </li>
            ) : null}
          </ul>
        ) : null}
        {account.role === 'rapporteur' || account.role === 'editor' ? <Paragraph>{t('account.home.reportRoles')}</Paragraph> : null}
      </section>

      <section className="gw-account-section" aria-labelledby={`${uid}-signout`}>
        <Heading level={2} id={`${uid}-signout`}>
          {t('account.home.signOut')}
        </Heading>
        <Paragraph className="gw-muted">{t('account.home.signOutHint')}</Paragraph>
        <div className="gw-button-row">
          <Button appearance="secondary-action-button" busy={busy} onClick={() => void signOut()}>
            {t('account.home.signOut')}
          </Button>
        </div>
        <Feedback error={failure ? failureText(failure, t) : null} />
      </section>
    </div>
  );
}
