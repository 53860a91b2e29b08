import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { LoadError } from '../components/Status.tsx';
import { ButtonLink } from '../components/RouterLink.tsx';
import { Loading } from '../components/Loading.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import type { TFunction } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import type { Account, AccountFailure, AccountRole } from './api.ts';
import type { SessionState } from './session.ts';

// Exhaustive switches rather than computed keys: the compiler and the catalogue test both see every key.

export function roleLabel(role: AccountRole, t: TFunction): string {
  switch (role) {
    case 'admin':
      return t('account.roles.admin');
    case 'programme_manager':
      return t('account.roles.programme_manager');
    case 'facilitator':
      return t('account.roles.facilitator');
    case 'rapporteur':
      return t('account.roles.rapporteur');
    case 'editor':
      return t('account.roles.editor');
  }
}

/** What went wrong, in the interface language. */
export function failureText(failure: AccountFailure, t: TFunction): string {
  switch (failure.kind) {
    case 'network':
      return t('status.network');
    case 'unauthorized':
      return t('account.errors.unauthorized');
    case 'forbidden':
      return t('account.errors.forbidden');
    case 'not-found':
      return t('account.errors.notFound');
    case 'invalid_credentials':
      return t('account.login.invalid');
    case 'too_many_attempts':
      return t('account.login.throttled');
    case 'weak_password':
      return t('account.invitation.tooShort');
    case 'unknown_invitation':
      return t('account.invitation.unknown');
    case 'email_taken':
      return t('account.admin.invite.taken');
    case 'own_account':
      return t('account.admin.ownAccount');
    case 'invalid':
      return t('account.errors.invalid');
    case 'server':
      return t('status.server');
  }
}

/** The pages that ask for a session may send the visitor back there after signing in. */
export const RETURN_PATHS = ['/account', '/admin/accounts', '/meetings/new', '/programmes/new', '/library/new', '/library/review'] as const;
/** A case's edit page (`/library/<id>/edit`) may be returned to as well. */
const RETURN_PATTERNS = [/^\/library\/[a-z0-9]+(?:-[a-z0-9]+)*\/edit$/];
export const isReturnPath = (path: string): boolean => (RETURN_PATHS as readonly string[]).includes(path) || RETURN_PATTERNS.some((pattern) => pattern.test(path));

/** The page when there is no session: why, and the way to the login page (and back here after it). */
export function SignInPrompt() {
  const { t } = useTranslation();
  const [location] = useLocation();
  useDocumentTitle(t('account.signInPrompt.title'));
  const back = isReturnPath(location) && location !== '/account' ? `?next=${encodeURIComponent(location)}` : '';
  return (
    <div className="gw-page-intro gw-account-prompt">
      <p className="gw-kicker">{t('account.home.kicker')}</p>
      <Heading level={1}>{t('account.signInPrompt.title')}</Heading>
      <Paragraph>{t('account.signInPrompt.text')}</Paragraph>
      <div className="gw-actions">
        <ButtonLink to={`/login${back}`}>{t('account.signInPrompt.link')}</ButtonLink>
      </div>
    </div>
  );
}

/** The page when the role may not use it. */
export function NoAccess({ account }: { account: Account }) {
  const { t } = useTranslation();
  useDocumentTitle(t('account.noAccess.title'));
  return (
    <div className="gw-page-intro gw-account-prompt">
      <p className="gw-kicker">{t('account.home.kicker')}</p>
      <Heading level={1}>{t('account.noAccess.title')}</Heading>
      <Paragraph>{t('account.noAccess.text', { role: roleLabel(account.role, t) })}</Paragraph>
      <div className="gw-actions">
        <ButtonLink to="/account" appearance="secondary">
          {t('account.noAccess.back')}
        </ButtonLink>
      </div>
    </div>
  );
}

/**
 * The page for a signed-in account (whose role passes `allowed`), or the loading state, the
 * sign-in prompt, the refusal or the network error.
 */
export function WithAccount({
  session,
  retry,
  allowed = () => true,
  children,
}: {
  session: SessionState;
  retry: () => void;
  allowed?: (role: AccountRole) => boolean;
  children: (account: Account) => ReactNode;
}) {
  switch (session.state) {
    case 'unknown':
      return <Loading />;
    case 'failed':
      return <LoadError failure={{ kind: 'network' }} retry={retry} />;
    case 'signed-out':
      return <SignInPrompt />;
    case 'signed-in':
      return allowed(session.account.role) ? <>{children(session.account)}</> : <NoAccess account={session.account} />;
  }
}

/**
 * A status line (role="status", announced politely) and an error (role="alert", announced at
 * once), both always in the page so that what appears in them is announced.
 */
export function Feedback({ status, error }: { status?: string; error?: string | null }) {
  return (
    <div className="gw-account-feedback">
      <p role="status" className="gw-account-feedback__status">
        {status ?? ''}
      </p>
      <div role="alert" className="gw-account-feedback__alert">
        {error ? <p className="gw-account-feedback__error">{error}</p> : null}
      </div>
    </div>
  );
}

/** A secret link shown once, whole: read-only in a text box (to select by hand) and a copy button. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const uid = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function copy() {
    setStatus('');
    setProblem(null);
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t('account.common.copied'));
    } catch {
      // No clipboard (an insecure origin, a refusal): select the text so copying by hand is one step.
      input.current?.select();
      setProblem(t('account.common.copyFailed'));
    }
  }

  return (
    <div className="gw-form-field gw-account-copy">
      <label htmlFor={`${uid}-value`} className="utrecht-form-label">
        {label}
      </label>
      <div className="gw-account-copy__row">
        <textarea
          id={`${uid}-value`}
          ref={input}
          className="gw-textbox gw-account-copy__value"
          readOnly
          rows={2}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button appearance="secondary-action-button" className="gw-account-copy__button" aria-label={t('account.common.copyNamed', { label })} onClick={() => void copy()}>
          {t('account.common.copy')}
        </Button>
      </div>
      <Feedback status={status} error={problem} />
    </div>
  );
}

/**
 * "Are you sure?" in place of the button that asked it: the question, a (dangerous) yes and a
 * cancel. The focus goes to cancel when it appears; `onCancel` should give it back to the trigger.
 */
export function Confirm({ question, yes, busy, onYes, onCancel }: { question: string; yes: string; busy: boolean; onYes: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="gw-confirm gw-account-confirm" role="group" aria-labelledby={`${uid}-question`}>
      <p id={`${uid}-question`} className="gw-confirm__question">
        {question}
      </p>
      <div className="gw-account-confirm__buttons">
        <Button appearance="primary-action-button" hint="danger" busy={busy} onClick={onYes}>
          {yes}
        </Button>
        <Button ref={cancel} appearance="secondary-action-button" disabled={busy} onClick={onCancel}>
          {t('account.common.cancel')}
        </Button>
      </div>
    </div>
  );
}
