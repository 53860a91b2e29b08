import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { authOptions, failureOf, login } from './api.ts';
import { Feedback, failureText, isReturnPath } from './parts.tsx';
import { forgetFarewell, peekFarewell, signedIn } from './session.ts';
import '../account.css';

/** Where to go after signing in: the page that sent the visitor here (one of ours), else their account. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next !== null && isReturnPath(next) ? next : '/account';
}

/** /login: e-mail address and password. The same message for an unknown address and a wrong password. */
export default function LoginPage() {
  const { t } = useTranslation();
  const uid = useId();
  const [, navigate] = useLocation();
  const search = useSearch();
  useDocumentTitle(t('account.login.title'));
  const [farewell] = useState(peekFarewell);
  useEffect(forgetFarewell, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // Back from single sign-on that did not work: say why.
  const ssoOutcome = new URLSearchParams(search).get('sso');
  const [error, setError] = useState<string | null>(
    ssoOutcome === 'unknown' ? t('account.login.ssoUnknown') : ssoOutcome === 'failed' || ssoOutcome === 'expired' ? t('account.login.ssoFailed') : null,
  );
  const [sso, setSso] = useState(false);
  useEffect(() => {
    const abort = new AbortController();
    authOptions(abort.signal).then(
      (options) => setSso(options.sso),
      () => undefined,
    );
    return () => abort.abort();
  }, []);
  const [missing, setMissing] = useState<{ email: boolean; password: boolean }>({ email: false, password: false });
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const status = busy
    ? t('account.login.busy')
    : farewell?.kind === 'signed-out'
      ? t('account.login.signedOut')
      : farewell?.kind === 'sessions-ended'
        ? t('account.login.sessionsEnded', { count: farewell.count })
        : '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const absent = { email: email.trim() === '', password: password === '' };
    setMissing(absent);
    if (absent.email || absent.password) {
      setError(t('account.login.missing'));
      (absent.email ? emailInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const account = await login(email.trim(), password);
      signedIn(account);
      navigate(nextPath(search));
    } catch (failure) {
      setBusy(false);
      setPassword('');
      setError(failureText(failureOf(failure), t));
      passwordInput.current?.focus();
    }
  }

  return (
    <div className="gw-account gw-account--narrow">
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('app.name')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('account.login.title')}
        </Heading>
        <Paragraph>{t('account.login.intro')}</Paragraph>
      </div>
      {sso ? (
        <div className="gw-panel gw-account-form">
          <Paragraph>{t('account.login.ssoIntro')}</Paragraph>
          <div className="gw-button-row">
            <a className="utrecht-button utrecht-button--primary-action" href="/api/auth/oidc/start">
              {t('account.login.sso')}
            </a>
          </div>
        </div>
      ) : null}
      <form className="gw-panel gw-account-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-email`} className="utrecht-form-label">
            {t('account.login.email')}
          </label>
          <input
            id={`${uid}-email`}
            ref={emailInput}
            className="gw-textbox"
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-invalid={missing.email || undefined}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-password`} className="utrecht-form-label">
            {t('account.login.password')}
          </label>
          <input
            id={`${uid}-password`}
            ref={passwordInput}
            className="gw-textbox"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            aria-invalid={missing.password || undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <Feedback status={status} error={error} />
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('account.login.submit')}
          </Button>
        </div>
      </form>
      <div className="gw-account-aside">
        <Paragraph className="gw-muted">{t('account.login.noAccount')}</Paragraph>
        <Paragraph className="gw-muted">
          {t('account.login.participants')} <RouterLink to="/join">{t('account.login.participantsLink')}</RouterLink>
        </Paragraph>
      </div>
    </div>
  );
}
