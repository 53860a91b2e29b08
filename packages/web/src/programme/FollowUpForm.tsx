import type { FollowUp } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Feedback } from '../account/parts.tsx';
import { signedOut } from '../account/session.ts';
import { statusLabel } from '../components/labels.ts';
import { useTranslation } from '../useTranslation.ts';
import { addFollowUp, programmeFailureOf } from './api.ts';
import type { ProgrammeMeeting } from './FollowUps.tsx';
import { meetingLabel, programmeFailureText } from './parts.tsx';

/** The meeting a new follow-up most likely comes from: the latest one held by today, else the first. */
function likelyMeeting(meetings: readonly ProgrammeMeeting[]): string {
  const today = new Date().toISOString().slice(0, 10);
  const past = meetings.filter((m) => m.date !== null && m.date <= today);
  return (past.at(-1) ?? meetings[0])?.id ?? '';
}

type Missing = 'text' | 'owner' | null;

/** [PG-21] Writes down a follow-up agreed in one of the programme's meetings. */
export function FollowUpForm({ programmeId, meetings, onAdded }: { programmeId: string; meetings: readonly ProgrammeMeeting[]; onAdded: (followUp: FollowUp) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uid = useId();
  const [meetingId, setMeetingId] = useState(() => likelyMeeting(meetings));
  const [text, setText] = useState('');
  const [ownerRole, setOwnerRole] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [missing, setMissing] = useState<Missing>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textInput = useRef<HTMLTextAreaElement>(null);
  const ownerInput = useRef<HTMLInputElement>(null);

  if (meetings.length === 0) {
    return <p className="gw-muted">{t('programme.followUps.form.noMeetings')}</p>;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const gap: Missing = text.trim() === '' ? 'text' : ownerRole.trim() === '' ? 'owner' : null;
    setMissing(gap);
    if (gap) {
      setError(gap === 'text' ? t('programme.followUps.form.missingText') : t('programme.followUps.form.missingOwner'));
      (gap === 'text' ? textInput : ownerInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const made = await addFollowUp(programmeId, { meetingId, text: text.trim(), ownerRole: ownerRole.trim(), ...(reviewDate ? { reviewDate } : {}) });
      setText('');
      setOwnerRole('');
      setReviewDate('');
      onAdded(made);
    } catch (failure) {
      const kind = programmeFailureOf(failure);
      if (kind.kind === 'unauthorized') signedOut();
      setError(programmeFailureText(kind, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="gw-panel gw-account-form gw-programme-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
      <Heading level={3} id={`${uid}-title`}>
        {t('programme.followUps.form.title')}
      </Heading>
      <div className="gw-form-field">
        <label htmlFor={`${uid}-meeting`} className="utrecht-form-label">
          {t('programme.followUps.form.meeting')}
        </label>
        <select id={`${uid}-meeting`} className="gw-select gw-account-select" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {`${meetingLabel(m, lang, t)} · ${statusLabel(m.status, t)}`}
            </option>
          ))}
        </select>
      </div>
      <div className="gw-form-field">
        <label htmlFor={`${uid}-text`} className="utrecht-form-label">
          {t('programme.followUps.form.text')}
        </label>
        <p id={`${uid}-text-hint`} className="gw-form-field__hint">
          {t('programme.followUps.form.textHint')}
        </p>
        {missing === 'text' ? (
          <p id={`${uid}-text-error`} className="gw-form-field__error">
            {t('programme.followUps.form.missingText')}
          </p>
        ) : null}
        <textarea
          id={`${uid}-text`}
          ref={textInput}
          className="gw-textbox gw-programme-form__text"
          rows={2}
          maxLength={500}
          required
          aria-invalid={missing === 'text' || undefined}
          aria-describedby={missing === 'text' ? `${uid}-text-hint ${uid}-text-error` : `${uid}-text-hint`}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="gw-account-form__pair">
        <div className="gw-form-field">
          <label htmlFor={`${uid}-owner`} className="utrecht-form-label">
            {t('programme.followUps.form.owner')}
          </label>
          <p id={`${uid}-owner-hint`} className="gw-form-field__hint">
            {t('programme.followUps.form.ownerHint')}
          </p>
          {missing === 'owner' ? (
            <p id={`${uid}-owner-error`} className="gw-form-field__error">
              {t('programme.followUps.form.missingOwner')}
            </p>
          ) : null}
          <input
            id={`${uid}-owner`}
            ref={ownerInput}
            className="gw-textbox"
            type="text"
            autoComplete="off"
            maxLength={120}
            required
            aria-invalid={missing === 'owner' || undefined}
            aria-describedby={missing === 'owner' ? `${uid}-owner-hint ${uid}-owner-error` : `${uid}-owner-hint`}
            value={ownerRole}
            onChange={(e) => setOwnerRole(e.target.value)}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-review`} className="utrecht-form-label">
            {t('programme.followUps.form.reviewDate')} <span className="gw-muted">{t('account.common.optional')}</span>
          </label>
          <p id={`${uid}-review-hint`} className="gw-form-field__hint">
            {t('programme.followUps.form.reviewHint')}
          </p>
          <input
            id={`${uid}-review`}
            className="gw-textbox"
            type="date"
            autoComplete="off"
            aria-describedby={`${uid}-review-hint`}
            value={reviewDate}
            onChange={(e) => setReviewDate(e.target.value)}
          />
        </div>
      </div>
      <Feedback status={busy ? t('account.common.working') : ''} error={error} />
      <div className="gw-button-row">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {t('programme.followUps.form.submit')}
        </Button>
      </div>
    </form>
  );
}
