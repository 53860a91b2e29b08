import type { LessonThemeSuggestion } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useState, type FormEvent } from 'react';
import type { Account } from '../account/api.ts';
import { Feedback } from '../account/parts.tsx';
import { signedOut } from '../account/session.ts';
import { useTranslation } from '../useTranslation.ts';
import { confirmThemes, mayDo, programmeFailureOf } from './api.ts';
import { meetingLabel, programmeFailureText, type MeetingName } from './parts.tsx';

/**
 * [PG-26] Themes that run through the lessons. The software suggests them (recurring ones first);
 * a person confirms them. A programme manager ticks the suggestions that are real themes and
 * confirms; everyone else sees the confirmed themes, and the suggestions marked as such.
 */
export function LessonThemes({
  programmeId,
  suggestions,
  confirmed: confirmedAtLoad,
  meetings,
  account,
  lang,
}: {
  programmeId: string;
  suggestions: readonly LessonThemeSuggestion[];
  confirmed: readonly string[];
  meetings: ReadonlyMap<string, MeetingName>;
  account: Account | null;
  /** The language of the lessons the themes are words of. */
  lang: 'nl' | 'en';
}) {
  const { t } = useTranslation();
  const uid = useId();
  const [confirmed, setConfirmed] = useState<readonly string[]>(confirmedAtLoad);
  const mayConfirm = account !== null && mayDo(account.role, 'themes.confirm');
  // A confirmed theme the software no longer suggests stays on offer, so it can be unticked.
  const offered = [...suggestions.map((s) => s.label), ...confirmed.filter((c) => !suggestions.some((s) => s.label === c))];

  return (
    <section className="gw-trend" aria-labelledby={`${uid}-title`}>
      <Heading level={3} id={`${uid}-title`}>
        {t('programme.themes.title')}
      </Heading>
      <Paragraph className="gw-section__intro">{t('programme.themes.intro')}</Paragraph>
      <Heading level={4} id={`${uid}-confirmed`} className="gw-trend__subtitle">
        {t('programme.themes.confirmedTitle')}
      </Heading>
      {confirmed.length === 0 ? (
        <Paragraph>{t('programme.themes.noneConfirmed')}</Paragraph>
      ) : (
        <>
          <ul className="gw-tags gw-confirmed-themes" aria-labelledby={`${uid}-confirmed`}>
            {confirmed.map((theme) => (
              <li key={theme} className="gw-tag gw-tag--confirmed">
                <span aria-hidden="true">✓ </span>
                <span lang={lang}>{theme}</span>
              </li>
            ))}
          </ul>
          <p className="gw-trend__note">{t('programme.themes.confirmedNote')}</p>
        </>
      )}
      {offered.length === 0 ? (
        <Paragraph>{t('programme.themes.empty')}</Paragraph>
      ) : mayConfirm ? (
        <ConfirmForm programmeId={programmeId} suggestions={suggestions} offered={offered} confirmed={confirmed} meetings={meetings} lang={lang} onConfirmed={setConfirmed} />
      ) : (
        <Suggestions suggestions={suggestions} meetings={meetings} lang={lang} />
      )}
    </section>
  );
}

/** Where a suggestion comes from: "in 3 meetings: …", and whether it recurs. */
function Provenance({ suggestion, meetings, id }: { suggestion: LessonThemeSuggestion; meetings: ReadonlyMap<string, MeetingName>; id?: string }) {
  const { t, i18n } = useTranslation();
  const names = suggestion.meetingIds.map((m) => meetingLabel(meetings.get(m), i18n.language, t)).join('; ');
  return (
    <span id={id} className="gw-theme-suggestion__meta">
      {suggestion.recurring ? <span className="gw-tag gw-tag--recurring">{t('programme.themes.recurring')}</span> : null}
      <span className="gw-muted">{t('programme.themes.inMeetings', { count: suggestion.meetingIds.length, meetings: names })}</span>
    </span>
  );
}

/** For everyone but the programme manager: the suggestions, plainly marked as not confirmed. */
function Suggestions({ suggestions, meetings, lang }: { suggestions: readonly LessonThemeSuggestion[]; meetings: ReadonlyMap<string, MeetingName>; lang: 'nl' | 'en' }) {
  const { t } = useTranslation();
  const uid = useId();
  if (suggestions.length === 0) return null;
  return (
    <>
      <Heading level={4} id={`${uid}-title`} className="gw-trend__subtitle">
        {t('programme.themes.suggestionsTitle')}
      </Heading>
      <p className="gw-trend__note">{t('programme.themes.suggestionsNote')}</p>
      <ul className="gw-theme-suggestions" aria-labelledby={`${uid}-title`}>
        {suggestions.map((s) => (
          <li key={s.stem} className="gw-theme-suggestion">
            <span className="gw-theme-suggestion__label" lang={lang}>
              {s.label}
            </span>
            <Provenance suggestion={s} meetings={meetings} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ConfirmForm({
  programmeId,
  suggestions,
  offered,
  confirmed,
  meetings,
  lang,
  onConfirmed,
}: {
  programmeId: string;
  suggestions: readonly LessonThemeSuggestion[];
  offered: readonly string[];
  confirmed: readonly string[];
  meetings: ReadonlyMap<string, MeetingName>;
  lang: 'nl' | 'en';
  onConfirmed: (themes: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(confirmed));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  function toggle(label: string, on: boolean) {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(label);
      else next.delete(label);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setStatus('');
    setError(null);
    try {
      // In the order offered (recurring first), so the tags read the same as the list.
      const themes = await confirmThemes(
        programmeId,
        offered.filter((label) => chosen.has(label)),
      );
      onConfirmed(themes);
      setStatus(themes.length === 0 ? t('programme.themes.cleared') : t('programme.themes.confirmedCount', { count: themes.length }));
    } catch (failure) {
      const kind = programmeFailureOf(failure);
      if (kind.kind === 'unauthorized') signedOut();
      setError(programmeFailureText(kind, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="gw-panel gw-theme-form" noValidate onSubmit={(e) => void submit(e)}>
      <fieldset className="gw-theme-form__fieldset" aria-describedby={`${uid}-note`}>
        <legend className="gw-theme-form__legend">{t('programme.themes.legend')}</legend>
        <p id={`${uid}-note`} className="gw-trend__note">
          {t('programme.themes.confirmHint')}
        </p>
        <ul className="gw-theme-suggestions">
          {offered.map((label, i) => {
            const suggestion = suggestions.find((s) => s.label === label);
            const id = `${uid}-theme-${i}`;
            return (
              <li key={label} className="gw-theme-suggestion gw-theme-suggestion--choice">
                <input
                  id={id}
                  type="checkbox"
                  className="gw-theme-suggestion__check"
                  checked={chosen.has(label)}
                  aria-describedby={suggestion ? `${id}-meta` : undefined}
                  onChange={(e) => toggle(label, e.target.checked)}
                />
                <label htmlFor={id} className="gw-theme-suggestion__label" lang={lang}>
                  {label}
                </label>
                {suggestion ? <Provenance suggestion={suggestion} meetings={meetings} id={`${id}-meta`} /> : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <Feedback status={busy ? t('account.common.working') : status} error={error} />
      <div className="gw-button-row">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('programme.themes.confirm')}
        </Button>
      </div>
    </form>
  );
}
