import type { MethodListResponse, ProgrammeListResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../api.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { UI_LANGUAGES, type UiLanguage } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import { failureOf, mayPrepareMeetings, prepareMeeting, type PreparedMeeting } from './api.ts';
import { CopyField, Feedback, failureText, WithAccount } from './parts.tsx';
import { signedOut, usePageSession } from './session.ts';
import '../account.css';
// The pill-shaped radio buttons of the case form's language choice.
import '../library.css';

/** /meetings/new: a facilitator, programme manager or admin prepares a meeting from a method and gets its secret links once. */
export default function NewMeetingPage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={mayPrepareMeetings}>
      {() => <Prepare />}
    </WithAccount>
  );
}

function Prepare() {
  const { t } = useTranslation();
  const uid = useId();
  const [made, setMade] = useState<PreparedMeeting | null>(null);
  useDocumentTitle(t('account.newMeeting.title'));
  return (
    <div className="gw-account">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/account">{t('account.noAccess.back')}</RouterLink>
      </nav>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('account.home.kicker')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('account.newMeeting.title')}
        </Heading>
        {made ? null : <Paragraph>{t('account.newMeeting.intro')}</Paragraph>}
      </div>
      {made ? <Made meeting={made} onAnother={() => setMade(null)} /> : <MeetingForm onMade={setMade} labelledBy={`${uid}-title`} />}
    </div>
  );
}

function Made({ meeting, onAnother }: { meeting: PreparedMeeting; onAnother: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const origin = window.location.origin;
  return (
    <section className="gw-panel gw-account-made gw-account-section" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`} ref={heading} tabIndex={-1}>
        {t('account.newMeeting.doneTitle')}
      </Heading>
      <p>{t('account.newMeeting.doneText')}</p>
      <CopyField label={t('account.newMeeting.consoleLink')} value={`${origin}${meeting.consolePath}`} />
      <CopyField label={t('account.newMeeting.screenLink')} value={`${origin}${meeting.screenPath}`} />
      <div className="gw-actions">
        {/* A whole page load: the console takes its token from the address, as from any secret link. */}
        <a href={meeting.consolePath} className="utrecht-button utrecht-button--primary-action gw-button-link">
          {t('account.newMeeting.openConsole')}
        </a>
        <Button appearance="secondary-action-button" onClick={onAnother}>
          {t('account.newMeeting.another')}
        </Button>
      </div>
    </section>
  );
}

function MeetingForm({ onMade, labelledBy }: { onMade: (meeting: PreparedMeeting) => void; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [methods, retryMethods] = useApi<MethodListResponse>('/api/methods');
  const [programmes] = useApi<ProgrammeListResponse>('/api/programmes');
  const [methodId, setMethodId] = useState('');
  const [title, setTitle] = useState('');
  // The meeting's language: the interface's until the facilitator chooses one.
  const [chosenLanguage, setChosenLanguage] = useState<UiLanguage | null>(null);
  const [date, setDate] = useState('');
  const [location, setLocation] = useState('');
  const [programmeId, setProgrammeId] = useState('');
  const [titleMissing, setTitleMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const lang = i18n.language;
  const language = chosenLanguage ?? lang;

  async function submit(event: FormEvent, chosenMethod: string) {
    event.preventDefault();
    if (busy) return;
    if (title.trim() === '') {
      setTitleMissing(true);
      setError(t('account.newMeeting.missingTitle'));
      titleInput.current?.focus();
      return;
    }
    setTitleMissing(false);
    setBusy(true);
    setError(null);
    try {
      // The title is stored in the meeting's language; the report follows it.
      const made = await prepareMeeting({
        methodId: chosenMethod,
        title: title.trim(),
        language,
        ...(date ? { date } : {}),
        ...(location.trim() ? { location: location.trim() } : {}),
        ...(programmeId ? { programmeId } : {}),
      });
      onMade(made);
    } catch (failure) {
      setBusy(false);
      const kind = failureOf(failure);
      if (kind.kind === 'unauthorized') signedOut();
      else setError(failureText(kind, t));
    }
  }

  return (
    <Loaded value={methods} retry={retryMethods} headingLevel={3}>
      {({ methods: list }) => {
        const chosen = list.find((m) => m.id === methodId) ?? list[0];
        if (!chosen) return null;
        return (
          <form className="gw-panel gw-account-form gw-account-form--wide" noValidate onSubmit={(e) => void submit(e, chosen.id)} aria-labelledby={labelledBy}>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-method`} className="utrecht-form-label">
                {t('account.newMeeting.method')}
              </label>
              <p id={`${uid}-method-hint`} className="gw-form-field__hint">
                {localize(chosen.summary, lang)}
              </p>
              <select
                id={`${uid}-method`}
                className="gw-select gw-account-select"
                aria-describedby={`${uid}-method-hint`}
                value={chosen.id}
                onChange={(e) => setMethodId(e.target.value)}
              >
                {list.map((m) => (
                  <option key={m.id} value={m.id}>
                    {localize(m.name, lang)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="gw-case-form__group" aria-describedby={`${uid}-language-hint`}>
              <legend className="gw-case-form__legend">{t('account.newMeeting.language')}</legend>
              <p id={`${uid}-language-hint`} className="gw-form-field__hint">
                {t('account.newMeeting.languageHint')}
              </p>
              <div className="gw-case-form__languages">
                {UI_LANGUAGES.map((option) => (
                  <label key={option} className="gw-case-form__tag">
                    <input type="radio" name={`${uid}-language`} value={option} checked={language === option} onChange={() => setChosenLanguage(option)} />
                    <span lang={option}>{t(`language.${option}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-title-input`} className="utrecht-form-label">
                {t('account.newMeeting.titleLabel')}
              </label>
              {titleMissing ? (
                <p id={`${uid}-title-error`} className="gw-form-field__error">
                  {t('account.newMeeting.missingTitle')}
                </p>
              ) : null}
              <input
                id={`${uid}-title-input`}
                ref={titleInput}
                className="gw-textbox"
                type="text"
                autoComplete="off"
                lang={language}
                maxLength={200}
                required
                aria-invalid={titleMissing || undefined}
                aria-describedby={titleMissing ? `${uid}-title-error` : undefined}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </div>
            <div className="gw-account-form__pair">
              <div className="gw-form-field">
                <label htmlFor={`${uid}-date`} className="utrecht-form-label">
                  {t('account.newMeeting.date')} <span className="gw-muted">{t('account.common.optional')}</span>
                </label>
                <input id={`${uid}-date`} className="gw-textbox" type="date" autoComplete="off" value={date} onChange={(e) => setDate(e.target.value)} />
              </div>
              <div className="gw-form-field">
                <label htmlFor={`${uid}-location`} className="utrecht-form-label">
                  {t('account.newMeeting.location')} <span className="gw-muted">{t('account.common.optional')}</span>
                </label>
                <input
                  id={`${uid}-location`}
                  className="gw-textbox"
                  type="text"
                  autoComplete="off"
                  maxLength={200}
                  value={location}
                  onChange={(e) => setLocation(e.target.value)}
                />
              </div>
            </div>
            {programmes.state === 'loaded' && programmes.data.programmes.length > 0 ? (
              <div className="gw-form-field">
                <label htmlFor={`${uid}-programme`} className="utrecht-form-label">
                  {t('account.newMeeting.programme')} <span className="gw-muted">{t('account.common.optional')}</span>
                </label>
                <select id={`${uid}-programme`} className="gw-select gw-account-select" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
                  <option value="">{t('account.newMeeting.noProgramme')}</option>
                  {programmes.data.programmes.map(({ programme }) => (
                    <option key={programme.id} value={programme.id}>
                      {localize(programme.title, lang)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <Feedback status={busy ? t('account.common.working') : ''} error={error} />
            <div className="gw-button-row">
              <Button type="submit" appearance="primary-action-button" busy={busy}>
                {t('account.newMeeting.submit')}
              </Button>
            </div>
          </form>
        );
      }}
    </Loaded>
  );
}
