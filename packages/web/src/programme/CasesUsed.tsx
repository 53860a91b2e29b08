import type { ProgrammeTrendsData } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useId } from 'react';
import { RouterLink } from '../components/RouterLink.tsx';
import { useTranslation } from '../useTranslation.ts';
import { meetingLabel, type MeetingName } from './parts.tsx';

/**
 * [PG-25] The cases the meetings used, the most used first, each with the meetings that used it
 * and the opinion shifts measured on it (the report's sentences); then the shift of everyone
 * together per meeting. Figures below k are already words ("too few …") from the server.
 */
export function CasesUsed({ cases, meetings }: { cases: ProgrammeTrendsData['cases']; meetings: ReadonlyMap<string, MeetingName> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uid = useId();
  const whole = cases.shifts.filter((s) => s.groupId === null);
  const name = (meetingId: string) => meetingLabel(meetings.get(meetingId), lang, t);

  return (
    <section className="gw-trend" aria-labelledby={`${uid}-title`}>
      <Heading level={3} id={`${uid}-title`}>
        {t('programme.cases.title')}
      </Heading>
      {cases.used.length === 0 ? (
        <Paragraph>{t('programme.cases.empty')}</Paragraph>
      ) : (
        <>
          <Paragraph className="gw-section__intro">{t('programme.cases.intro')}</Paragraph>
          <ul className="gw-case-trends">
            {cases.used.map((c) => (
              <li key={c.caseId} className="gw-case-trend">
                <Heading level={4} appearance="level-5" className="gw-case-trend__title">
                  <RouterLink to={`/library/${encodeURIComponent(c.caseId)}`}>{c.title}</RouterLink>
                </Heading>
                <p className="gw-case-trend__used">
                  <span className="nl-data-badge gw-case-trend__count">{t('programme.cases.usedIn', { count: c.meetings })}</span>
                </p>
                {/* The meetings that used the case and, where it was measured, how opinions shifted. */}
                <ul className="gw-case-trend__meetings">
                  {c.meetingIds.map((meetingId) => {
                    const shifts = c.shifts.filter((s) => s.meetingId === meetingId);
                    return (
                      <li key={meetingId}>
                        <span className="gw-case-trend__meeting">{name(meetingId)}:</span>
                        {shifts.length === 0 ? (
                          <span className="gw-muted"> {t('programme.cases.noShift')}</span>
                        ) : (
                          shifts.map((s) => (
                            <span key={`${s.stepId}|${s.groupId ?? ''}`} className="gw-case-trend__shift">
                              {' '}
                              {s.text}
                            </span>
                          ))
                        )}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {whole.length > 0 ? (
        <>
          <Heading level={4} id={`${uid}-whole`} className="gw-trend__subtitle">
            {t('programme.cases.wholeTitle')}
          </Heading>
          <ul className="gw-trend__list" aria-labelledby={`${uid}-whole`}>
            {whole.map((s) => (
              <li key={`${s.meetingId}|${s.stepId}`}>
                <span className="gw-case-trend__meeting">{name(s.meetingId)}:</span> {s.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
