import type { FollowUp, MeetingStatus } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useState } from 'react';
import type { Account } from '../account/api.ts';
import { signedOut } from '../account/session.ts';
import { formatDate } from '../components/labels.ts';
import { useTranslation } from '../useTranslation.ts';
import { mayDo, programmeFailureOf, setFollowUpStatus } from './api.ts';
import { FollowUpForm } from './FollowUpForm.tsx';
import { meetingLabel, programmeFailureText, ScrollCaption, TableScroll, type MeetingName } from './parts.tsx';

export interface ProgrammeMeeting extends MeetingName {
  readonly id: string;
  readonly status: MeetingStatus;
}

/**
 * [PG-21] The programme's follow-ups as a table: the agreement, the role that owns it, when to look
 * back on it, the meeting it came from and whether it is done. Staff who may write follow-ups
 * down get a form to add one and a button per row to mark it done or open it again; what
 * happened is announced politely.
 */
export function FollowUps({
  programmeId,
  meetings,
  initial,
  account,
}: {
  programmeId: string;
  meetings: readonly ProgrammeMeeting[];
  initial: readonly FollowUp[];
  account: Account | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uid = useId();
  const [followUps, setFollowUps] = useState<readonly FollowUp[]>(initial);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const mayAdd = account !== null && mayDo(account.role, 'followUp.add');
  const mayClose = account !== null && mayDo(account.role, 'followUp.close');
  const byId = new Map(meetings.map((m) => [m.id, m]));

  async function toggle(followUp: FollowUp) {
    if (busy) return;
    const next = followUp.status === 'done' ? 'open' : 'done';
    setBusy(followUp.id);
    setStatus('');
    setError(null);
    try {
      setFollowUps(await setFollowUpStatus(programmeId, followUp.id, next));
      setStatus(next === 'done' ? t('programme.followUps.markedDone', { text: followUp.text }) : t('programme.followUps.reopened', { text: followUp.text }));
    } catch (failure) {
      const kind = programmeFailureOf(failure);
      if (kind.kind === 'unauthorized') signedOut();
      setError(programmeFailureText(kind, t));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="gw-section gw-programme-section" aria-labelledby={`${uid}-title`}>
      <Heading level={2} id={`${uid}-title`}>
        {t('programme.followUps.title')}
      </Heading>
      <Paragraph className="gw-section__intro">{t('programme.followUps.intro')}</Paragraph>
      {followUps.length === 0 ? (
        <Paragraph>{t('programme.followUps.empty')}</Paragraph>
      ) : (
        <TableScroll labelledBy={`${uid}-caption`}>
          <table className="gw-table gw-programme-table gw-follow-ups">
            <ScrollCaption id={`${uid}-caption`}>{t('programme.followUps.caption')}</ScrollCaption>
            <thead>
              <tr>
                <th scope="col">{t('programme.followUps.text')}</th>
                <th scope="col">{t('programme.followUps.owner')}</th>
                <th scope="col">{t('programme.followUps.reviewDate')}</th>
                <th scope="col">{t('programme.followUps.meeting')}</th>
                <th scope="col">{t('programme.followUps.status')}</th>
                {mayClose ? <th scope="col">{t('programme.followUps.action')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {followUps.map((f) => (
                <tr key={f.id} className={f.status === 'done' ? 'gw-follow-up--done' : undefined}>
                  <th scope="row" className="gw-follow-ups__text">
                    {f.text}
                  </th>
                  <td>{f.ownerRole}</td>
                  <td className="gw-nowrap">
                    {f.reviewDate ? <time dateTime={f.reviewDate}>{formatDate(f.reviewDate, lang, 'long')}</time> : <span className="gw-muted">{t('programme.followUps.noDate')}</span>}
                  </td>
                  <td>{meetingLabel(byId.get(f.meetingId), lang, t)}</td>
                  <td>
                    <span className={`nl-data-badge gw-follow-up-status gw-follow-up-status--${f.status}`}>
                      {f.status === 'done' ? t('programme.followUps.done') : t('programme.followUps.open')}
                    </span>
                  </td>
                  {mayClose ? (
                    <td>
                      <Button
                        appearance="secondary-action-button"
                        className="gw-follow-ups__toggle"
                        busy={busy === f.id}
                        aria-label={
                          f.status === 'done' ? t('programme.followUps.reopenNamed', { text: f.text }) : t('programme.followUps.markDoneNamed', { text: f.text })
                        }
                        onClick={() => void toggle(f)}
                      >
                        {f.status === 'done' ? t('programme.followUps.reopen') : t('programme.followUps.markDone')}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="gw-account-feedback">
        <p role="status" className="gw-account-feedback__status">
          {status}
        </p>
        <div role="alert" className="gw-account-feedback__alert">
          {error ? <p className="gw-account-feedback__error">{error}</p> : null}
        </div>
      </div>
      {mayAdd ? (
        <FollowUpForm
          programmeId={programmeId}
          meetings={meetings}
          onAdded={(made) => {
            setFollowUps((list) => [...list, made]);
            setError(null);
            setStatus(t('programme.followUps.added', { text: made.text }));
          }}
        />
      ) : null}
    </section>
  );
}
