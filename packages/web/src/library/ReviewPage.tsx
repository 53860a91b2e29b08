import type { Case } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Account } from '../account/api.ts';
import { WithAccount } from '../account/parts.tsx';
import { signedOut, usePageSession } from '../account/session.ts';
import type { Loadable } from '../api.ts';
import { themeLabel } from '../components/labels.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { caseFailureOf, casesToReview, draftOf, editCase, mayArchiveCases, mayReviewCases, reviewCase, type ReviewAction } from './api.ts';
import { caseFailureText, caseStatusLabel, consentLabel } from './labels.ts';
import '../account.css';
import '../library.css';

/**
 * [LB-24..LB-26] /library/review: the cases waiting for review (drafts and submitted cases) with
 * all their fields. A reviewer confirms that no one can be recognised, then publishes, sends back
 * or archives; every outcome is announced, every refusal explained in words.
 */
export default function ReviewPage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={mayReviewCases}>
      {(account) => <Review account={account} />}
    </WithAccount>
  );
}

function Review({ account }: { account: Account }) {
  const { t } = useTranslation();
  const uid = useId();
  const [attempt, setAttempt] = useState(0);
  const [queue, setQueue] = useState<Loadable<Case[]>>({ state: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const countHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(t('review.title'));

  useEffect(() => {
    const controller = new AbortController();
    setQueue({ state: 'loading' });
    casesToReview(controller.signal).then(
      (data) => setQueue({ state: 'loaded', data: data.cases }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = caseFailureOf(error);
        if (failure.kind === 'unauthorized') signedOut();
        else setQueue({ state: 'failed', failure: failure.kind === 'network' ? { kind: 'network' } : { kind: 'server', status: 0 } });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const changed = useCallback((item: Case) => {
    setQueue((current) => (current.state === 'loaded' ? { state: 'loaded', data: current.data.map((c) => (c.id === item.id ? item : c)) } : current));
  }, []);
  const gone = useCallback((item: Case) => {
    setQueue((current) => (current.state === 'loaded' ? { state: 'loaded', data: current.data.filter((c) => c.id !== item.id) } : current));
    // The case left the list (and took the focus with it): the focus goes to the count above the list.
    requestAnimationFrame(() => countHeading.current?.focus());
  }, []);

  return (
    <div className="gw-account gw-review">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/library">{t('case.back')}</RouterLink>
      </nav>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('library.title')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('review.title')}
        </Heading>
        <Paragraph>{t('review.intro')}</Paragraph>
      </div>
      <p role="status" className="gw-review__announcement">
        {announcement}
      </p>
      <Loaded value={queue} retry={() => setAttempt((n) => n + 1)} headingLevel={3}>
        {(cases) => (
          <section className="gw-review__queue" aria-labelledby={`${uid}-count`}>
            <Heading level={2} appearance="level-3" id={`${uid}-count`} ref={countHeading} tabIndex={-1} className="gw-review__count">
              {cases.length === 0 ? t('review.empty') : t('review.count', { count: cases.length })}
            </Heading>
            {cases.length > 0 ? (
              <ul className="gw-review__list">
                {cases.map((item) => (
                  <li key={item.id}>
                    <ReviewItem item={item} account={account} onChanged={changed} onGone={gone} announce={setAnnouncement} />
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        )}
      </Loaded>
      <p className="gw-review__export">
        <a className="nl-link" href="/api/cases/export.json?scope=all">
          {t('review.exportAll')}
        </a>
      </p>
    </div>
  );
}

/** One field of a case under review: its name and its text. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="gw-review-item__field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface ReviewItemProps {
  item: Case;
  account: Account;
  onChanged: (item: Case) => void;
  onGone: (item: Case) => void;
  announce: (text: string) => void;
}

function ReviewItem({ item, account, onChanged, onGone, announce }: ReviewItemProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const [busy, setBusy] = useState<ReviewAction | 'check' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const title = localize(item.title, lang);
  // The box shows the click at once; it goes back if the server does not store it.
  const [ticking, setTicking] = useState<boolean | null>(null);
  const checked = ticking ?? item.anonymisation === 'checked';
  const consent = consentLabel(item.consent, t);
  const text = (field: 'hornA' | 'hornB' | 'situation' | 'action' | 'consequence' | 'hindsight' | 'criterion' | 'source') => localize(item[field], lang);

  function fail(error: unknown) {
    const failure = caseFailureOf(error);
    if (failure.kind === 'unauthorized') signedOut();
    else setProblem(caseFailureText(failure, t));
  }

  async function check(next: boolean) {
    if (busy) return;
    setBusy('check');
    setTicking(next);
    setProblem(null);
    announce('');
    try {
      const saved = await editCase(item.id, { ...draftOf(item), anonymisation: next ? 'checked' : 'to_check' });
      onChanged(saved);
      announce(next ? t('review.anonymity.saved', { title }) : t('review.anonymity.unsaved', { title }));
    } catch (error) {
      fail(error);
    } finally {
      setTicking(null);
      setBusy(null);
    }
  }

  async function act(action: ReviewAction) {
    if (busy) return;
    setBusy(action);
    setProblem(null);
    announce('');
    try {
      const saved = await reviewCase(item.id, action);
      if (saved.status === 'published') {
        announce(t('review.done.publish', { title }));
        onGone(saved);
      } else if (saved.status === 'archived') {
        announce(t('review.done.archive', { title }));
        onGone(saved);
      } else {
        announce(t('review.done.return', { title }));
        onChanged(saved);
      }
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  }

  const hornA = text('hornA');
  const hornB = text('hornB');
  return (
    <article className="gw-review-item" aria-labelledby={`${uid}-title`}>
      <div className="gw-review-item__head">
        <Heading level={3} appearance="level-4" id={`${uid}-title`} className="gw-review-item__title">
          {title}
        </Heading>
        <span className={`nl-data-badge gw-review-item__status gw-review-item__status--${item.status}`}>{caseStatusLabel(item.status, t)}</span>
      </div>
      <dl className="gw-review-item__fields">
        {hornA && hornB ? (
          <Field label={t('case.tension')}>
            {hornA} <em className="gw-review-item__versus">{t('case.versus')}</em> {hornB}
          </Field>
        ) : null}
        <Field label={t('case.situation')}>{text('situation')}</Field>
        {text('action') ? <Field label={t('case.action')}>{text('action')}</Field> : null}
        {text('consequence') ? <Field label={t('case.consequence')}>{text('consequence')}</Field> : null}
        {text('hindsight') ? <Field label={t('case.hindsight')}>{text('hindsight')}</Field> : null}
        {text('criterion') ? <Field label={t('case.criterion')}>{text('criterion')}</Field> : null}
        {item.publicityTest ? <Field label={t('case.publicityTest')}>{t('review.publicityTestYes')}</Field> : null}
        {item.prompts.length > 0 ? (
          <Field label={t('library.case.prompts')}>
            <ol className="gw-review-item__prompts">
              {item.prompts.map((prompt, index) => (
                <li key={index}>{localize(prompt, lang)}</li>
              ))}
            </ol>
          </Field>
        ) : null}
        {item.themes.length > 0 ? <Field label={t('case.themes')}>{item.themes.map(themeLabel).join(', ')}</Field> : null}
        {item.targetGroups.length > 0 ? <Field label={t('library.case.targetGroups')}>{item.targetGroups.map(themeLabel).join(', ')}</Field> : null}
        {text('source') ? <Field label={t('review.source')}>{text('source')}</Field> : null}
        {item.sourceMeetingId ? <Field label={t('review.origin')}>{t('review.fromMeeting')}</Field> : null}
        {consent ? <Field label={t('review.consent.label')}>{consent}</Field> : null}
      </dl>

      <div className={checked ? 'gw-review-item__anonymity gw-review-item__anonymity--checked' : 'gw-review-item__anonymity'}>
        {checked ? null : <p className="gw-review-item__warning">{t('review.anonymity.warning')}</p>}
        <label className="gw-checkbox" htmlFor={`${uid}-checked`}>
          <input id={`${uid}-checked`} type="checkbox" checked={checked} aria-busy={busy === 'check' || undefined} onChange={(e) => void check(e.target.checked)} />
          <span>{t('review.anonymity.check')}</span>
        </label>
      </div>

      <div className="gw-review-item__foot">
        <div role="alert" className="gw-review-item__alert">
          {problem ? <p className="gw-account-feedback__error">{problem}</p> : null}
        </div>
        <div className="gw-button-row gw-review-item__actions" role="group" aria-label={t('review.actions.label', { title })}>
        {item.status === 'draft' || item.status === 'submitted' ? (
          <Button appearance="primary-action-button" busy={busy === 'publish'} onClick={() => void act('publish')}>
            {t('review.actions.publish')}
          </Button>
        ) : null}
        {item.status === 'submitted' ? (
          <Button appearance="secondary-action-button" busy={busy === 'return'} onClick={() => void act('return')}>
            {t('review.actions.return')}
          </Button>
        ) : null}
        {mayArchiveCases(account.role) ? (
          <Button appearance="secondary-action-button" busy={busy === 'archive'} onClick={() => void act('archive')}>
            {t('review.actions.archive')}
          </Button>
        ) : null}
        <RouterLink to={`/library/${encodeURIComponent(item.id)}/edit`} className="gw-review-item__view">
          {t('review.edit')}
          <span className="gw-visually-hidden">: {title}</span>
        </RouterLink>
        <RouterLink to={`/library/${encodeURIComponent(item.id)}`} className="gw-review-item__view">
          {t('review.view')}
          <span className="gw-visually-hidden">: {title}</span>
        </RouterLink>
        </div>
      </div>
    </article>
  );
}
