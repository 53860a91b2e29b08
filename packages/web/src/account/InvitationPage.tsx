import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { acceptInvitation, failureOf } from './api.ts';
import { Feedback, failureText } from './parts.tsx';
import { signedIn } from './session.ts';
import '../account.css';

/** The server's rule (MIN_PASSWORD_LENGTH), counted as it counts: in characters, not UTF-16 units. */
const MIN_PASSWORD_LENGTH = 12;
const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;
const TOKEN_KEY = 'goedwerk.invitation';

/**
 * The invitation's token from the address (`/invitation#token=…`), taken out of the address bar
 * so it does not stay in view or in the history; kept for this tab only, so a reload still works.
 */
function takeInvitationToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  try {
    if (fromHash !== null) {
      if (TOKEN.test(fromHash)) window.sessionStorage.setItem(TOKEN_KEY, fromHash);
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
    const stored = window.sessionStorage.getItem(TOKEN_KEY);
    return stored !== null && TOKEN.test(stored) ? stored : null;
  } catch {
    // Storage blocked: the token from the address still works for this visit.
    return fromHash !== null && TOKEN.test(fromHash) ? fromHash : null;
  }
}

function forgetInvitationToken(): void {
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing kept.
  }
}

type Problems = { password?: 'tooShort'; repeat?: 'mismatch' };

/** /invitation#token=…: the invited person sets a password (twice, 12 characters at least) and is signed in. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const uid = useId();
  const [, navigate] = useLocation();
  const [token] = useState(takeInvitationToken);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const repeatInput = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('account.invitation.title'));

  if (!token) {
    return (
      <div className="gw-account gw-account--narrow">
        <div className="gw-page-intro">
          <p className="gw-kicker">{t('account.invitation.title')}</p>
          <Heading level={1}>{t('account.invitation.needLinkTitle')}</Heading>
          <Paragraph>{t('account.invitation.needLink')}</Paragraph>
        </div>
      </div>
    );
  }
  const invitation = token;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problems = {};
    if ([...password].length < MIN_PASSWORD_LENGTH) found.password = 'tooShort';
    else if (password !== repeat) found.repeat = 'mismatch';
    setProblems(found);
    if (found.password || found.repeat) {
      setError(found.password ? t('account.invitation.tooShort') : t('account.invitation.mismatch'));
      (found.password ? passwordInput : repeatInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const account = await acceptInvitation(invitation, password);
      forgetInvitationToken();
      signedIn(account);
      navigate('/account');
    } catch (failure) {
      setBusy(false);
      const kind = failureOf(failure).kind;
      if (kind === 'weak_password') setProblems({ password: 'tooShort' });
      setError(failureText(failureOf(failure), t));
    }
  }

  return (
    <div className="gw-account gw-account--narrow">
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('app.name')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('account.invitation.title')}
        </Heading>
        <Paragraph>{t('account.invitation.intro')}</Paragraph>
      </div>
      <form className="gw-panel gw-account-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-password`} className="utrecht-form-label">
            {t('account.invitation.password')}
          </label>
          <p id={`${uid}-rule`} className="gw-form-field__hint">
            {t('account.invitation.rule')}
          </p>
          {problems.password ? (
            <p id={`${uid}-password-error`} className="gw-form-field__error">
              {t('account.invitation.tooShort')}
            </p>
          ) : null}
          <input
            id={`${uid}-password`}
            ref={passwordInput}
            className="gw-textbox"
            type="password"
            name="new-password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            aria-invalid={problems.password ? true : undefined}
            aria-describedby={problems.password ? `${uid}-password-error ${uid}-rule` : `${uid}-rule`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-repeat`} className="utrecht-form-label">
            {t('account.invitation.repeat')}
          </label>
          {problems.repeat ? (
            <p id={`${uid}-repeat-error`} className="gw-form-field__error">
              {t('account.invitation.mismatch')}
            </p>
          ) : null}
          <input
            id={`${uid}-repeat`}
            ref={repeatInput}
            className="gw-textbox"
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            aria-invalid={problems.repeat ? true : undefined}
            aria-describedby={problems.repeat ? `${uid}-repeat-error` : undefined}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        <Feedback status={busy ? t('account.invitation.busy') : ''} error={error} />
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('account.invitation.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
