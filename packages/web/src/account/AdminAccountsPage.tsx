import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { Loading } from '../components/Loading.tsx';
import { LoadError } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import type { TFunction } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import {
  disableAccount,
  endAllSessions,
  failureOf,
  inviteAccount,
  listAccounts,
  mayManageAccounts,
  ROLES,
  type Account,
  type AccountEntry,
  type AccountFailure,
  type AccountRole,
} from './api.ts';
import { Confirm, CopyField, Feedback, failureText, roleLabel, WithAccount } from './parts.tsx';
import { leaveFarewell, signedOut, usePageSession } from './session.ts';
import '../account.css';

/** /admin/accounts: the accounts with role and status, inviting, disabling, and ending every session. */
export default function AdminAccountsPage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={mayManageAccounts}>
      {(account) => <Admin me={account} />}
    </WithAccount>
  );
}

type List = { state: 'loading' } | { state: 'failed'; failure: AccountFailure } | { state: 'loaded'; accounts: readonly AccountEntry[] };

/** A failure that means the session is gone: the whole page turns into the sign-in prompt. */
function lostSession(failure: AccountFailure): boolean {
  if (failure.kind !== 'unauthorized') return false;
  signedOut();
  return true;
}

function statusOf(entry: AccountEntry): 'invited' | 'active' | 'disabled' {
  return entry.disabled ? 'disabled' : entry.invited ? 'invited' : 'active';
}

function statusLabel(status: 'invited' | 'active' | 'disabled', t: TFunction): string {
  switch (status) {
    case 'invited':
      return t('account.admin.invited');
    case 'active':
      return t('account.admin.active');
    case 'disabled':
      return t('account.admin.disabled');
  }
}

function Admin({ me }: { me: Account }) {
  const { t } = useTranslation();
  const uid = useId();
  useDocumentTitle(t('account.admin.title'));
  const [list, setList] = useState<List>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    listAccounts(controller.signal).then(
      (accounts) => setList({ state: 'loaded', accounts }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = failureOf(error);
        if (!lostSession(failure)) setList({ state: 'failed', failure });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  let body;
  if (list.state === 'loading') body = <Loading />;
  else if (list.state === 'failed') {
    const failure = list.failure;
    body = <LoadError failure={failure.kind === 'network' ? { kind: 'network' } : { kind: 'server', status: 500 }} retry={reload} headingLevel={3} />;
  } else {
    body = (
      <>
        <p className="gw-muted">{t('account.admin.count', { count: list.accounts.length })}</p>
        <ul className="gw-account-list">
          {list.accounts.map((entry) => (
            <AccountItem
              key={entry.id}
              entry={entry}
              own={entry.id === me.id}
              onDisabled={() => {
                setStatus(t('account.admin.disabledDone', { name: entry.displayName }));
                reload();
              }}
            />
          ))}
        </ul>
      </>
    );
  }

  return (
    <div className="gw-account">
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('account.home.kicker')}</p>
        <Heading level={1}>{t('account.admin.title')}</Heading>
      </div>
      <div className="gw-account__columns">
        <section className="gw-account-section" aria-labelledby={`${uid}-list`}>
          <Heading level={2} id={`${uid}-list`}>
            {t('account.admin.listTitle')}
          </Heading>
          <p role="status" className="gw-account-feedback__status">
            {status}
          </p>
          {body}
        </section>
        <div className="gw-account__side">
          <InviteForm
            onInvited={(name) => {
              setStatus(t('account.admin.invite.done', { name }));
              reload();
            }}
          />
          <EndAllSessions />
        </div>
      </div>
    </div>
  );
}

function AccountItem({ entry, own, onDisabled }: { entry: AccountEntry; own: boolean; onDisabled: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = statusOf(entry);
  const trigger = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus) return;
    trigger.current?.focus();
    setRefocus(false);
  }, [refocus]);

  async function disable() {
    setBusy(true);
    setError(null);
    try {
      await disableAccount(entry.id);
      setConfirming(false);
      onDisabled();
    } catch (failure) {
      const kind = failureOf(failure);
      if (lostSession(kind)) return;
      setError(failureText(kind, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="gw-account-item">
      <div className="gw-account-item__head">
        <Heading level={3} appearance="level-5" className="gw-account-item__name">
          {entry.displayName} {own ? <span className="gw-account-item__you">{t('account.admin.you')}</span> : null}
        </Heading>
        <span className={`nl-data-badge gw-account-status gw-account-status--${state}`}>{statusLabel(state, t)}</span>
      </div>
      <dl className="gw-account-item__facts">
        <div>
          <dt>{t('account.admin.email')}</dt>
          <dd className="gw-account-facts__email">{entry.email}</dd>
        </div>
        <div>
          <dt>{t('account.admin.role')}</dt>
          <dd>{roleLabel(entry.role, t)}</dd>
        </div>
      </dl>
      {own || entry.disabled ? null : confirming ? (
        <Confirm
          question={t('account.admin.disableConfirm', { name: entry.displayName })}
          yes={t('account.admin.disableYes')}
          busy={busy}
          onYes={() => void disable()}
          onCancel={() => {
            setConfirming(false);
            setRefocus(true);
          }}
        />
      ) : (
        <div className="gw-button-row gw-account-item__actions">
          <Button ref={trigger} appearance="secondary-action-button" aria-label={t('account.admin.disableNamed', { name: entry.displayName })} onClick={() => setConfirming(true)}>
            {t('account.admin.disable')}
          </Button>
        </div>
      )}
      {error ? (
        <p role="alert" className="gw-account-feedback__error">
          {error}
        </p>
      ) : null}
    </li>
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

type InviteProblems = { email?: 'missing' | 'bad'; name?: 'missing' };

function InviteForm({ onInvited }: { onInvited: (name: string) => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<AccountRole>('facilitator');
  const [problems, setProblems] = useState<InviteProblems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ name: string; email: string; link: string } | null>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const madeHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (made) madeHeading.current?.focus();
  }, [made]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: InviteProblems = {};
    if (email.trim() === '') found.email = 'missing';
    else if (!EMAIL.test(email.trim())) found.email = 'bad';
    if (name.trim() === '') found.name = 'missing';
    setProblems(found);
    if (found.email || found.name) {
      setError(found.email === 'missing' ? t('account.admin.invite.missingEmail') : found.email === 'bad' ? t('account.admin.invite.badEmail') : t('account.admin.invite.missingName'));
      (found.email ? emailInput : nameInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setMade(null);
    try {
      const { account, invitePath } = await inviteAccount({ email: email.trim(), displayName: name.trim(), role });
      setMade({ name: account.displayName, email: account.email, link: `${window.location.origin}${invitePath}` });
      setEmail('');
      setName('');
      setRole('facilitator');
      onInvited(account.displayName);
    } catch (failure) {
      const kind = failureOf(failure);
      if (lostSession(kind)) return;
      if (kind.kind === 'email_taken') {
        setProblems({ email: 'bad' });
        emailInput.current?.focus();
      }
      setError(failureText(kind, t));
    } finally {
      setBusy(false);
    }
  }

  const emailError = problems.email === 'missing' ? t('account.admin.invite.missingEmail') : problems.email === 'bad' ? (error ?? t('account.admin.invite.badEmail')) : null;

  return (
    <section className="gw-panel gw-account-section" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`}>
        {t('account.admin.invite.title')}
      </Heading>
      <Paragraph>{t('account.admin.invite.intro')}</Paragraph>
      {made ? (
        <div className="gw-account-made">
          <Heading level={3} appearance="level-4" id={`${uid}-made`} ref={madeHeading} tabIndex={-1}>
            {t('account.admin.invite.doneTitle', { name: made.name })}
          </Heading>
          <p>{t('account.admin.invite.doneText', { email: made.email })}</p>
          <CopyField label={t('account.admin.invite.link')} value={made.link} />
        </div>
      ) : null}
      <form className="gw-account-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-email`} className="utrecht-form-label">
            {t('account.admin.invite.email')}
          </label>
          {emailError ? (
            <p id={`${uid}-email-error`} className="gw-form-field__error">
              {emailError}
            </p>
          ) : null}
          <input
            id={`${uid}-email`}
            ref={emailInput}
            className="gw-textbox"
            type="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={254}
            required
            aria-invalid={problems.email ? true : undefined}
            aria-describedby={emailError ? `${uid}-email-error` : undefined}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-name`} className="utrecht-form-label">
            {t('account.admin.invite.name')}
          </label>
          <p id={`${uid}-name-hint`} className="gw-form-field__hint">
            {t('account.admin.invite.nameHint')}
          </p>
          {problems.name ? (
            <p id={`${uid}-name-error`} className="gw-form-field__error">
              {t('account.admin.invite.missingName')}
            </p>
          ) : null}
          <input
            id={`${uid}-name`}
            ref={nameInput}
            className="gw-textbox"
            type="text"
            autoComplete="off"
            maxLength={120}
            required
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? `${uid}-name-error ${uid}-name-hint` : `${uid}-name-hint`}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-role`} className="utrecht-form-label">
            {t('account.admin.invite.role')}
          </label>
          <select id={`${uid}-role`} className="gw-select gw-account-select" value={role} onChange={(e) => setRole(e.target.value as AccountRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r, t)}
              </option>
            ))}
          </select>
        </div>
        <Feedback status={busy ? t('account.common.working') : ''} error={error} />
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('account.admin.invite.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function EndAllSessions() {
  const { t } = useTranslation();
  const uid = useId();
  const [, navigate] = useLocation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus) return;
    trigger.current?.focus();
    setRefocus(false);
  }, [refocus]);

  async function endAll() {
    setBusy(true);
    setError(null);
    try {
      const count = await endAllSessions();
      // Our own session ended with the others.
      signedOut();
      leaveFarewell({ kind: 'sessions-ended', count });
      navigate('/login');
    } catch (failure) {
      setBusy(false);
      const kind = failureOf(failure);
      if (!lostSession(kind)) setError(failureText(kind, t));
    }
  }

  return (
    <section className="gw-panel gw-account-section" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`}>
        {t('account.admin.endAll.title')}
      </Heading>
      <Paragraph>{t('account.admin.endAll.text')}</Paragraph>
      {confirming ? (
        <Confirm
          question={t('account.admin.endAll.confirm')}
          yes={t('account.admin.endAll.yes')}
          busy={busy}
          onYes={() => void endAll()}
          onCancel={() => {
            setConfirming(false);
            setRefocus(true);
          }}
        />
      ) : (
        <div className="gw-button-row">
          <Button ref={trigger} appearance="secondary-action-button" hint="danger" onClick={() => setConfirming(true)}>
            {t('account.admin.endAll.button')}
          </Button>
        </div>
      )}
      <Feedback error={error} />
    </section>
  );
}
