import type { MeetingSummary } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { Card } from './Card.tsx';
import { DataList } from './DataList.tsx';
import { FacilitatorList } from './FacilitatorList.tsx';
import { formatDate } from './labels.ts';
import { RouterLink } from './RouterLink.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** A meeting in a programme's list: when, where, how and with whom, linking to the meeting page. */
export function MeetingCard({ meeting, headingLevel = 3 }: { meeting: MeetingSummary; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { spec } = meeting;
  const questions = spec.centralQuestions.map((q) => localize(q, lang)).filter(Boolean);
  return (
    <Card
      className="gw-meeting-card"
      headingLevel={headingLevel}
      heading={<RouterLink to={`/meetings/${encodeURIComponent(meeting.id)}`}>{localize(spec.title, lang)}</RouterLink>}
    >
      <div className="gw-meta-row">
        {spec.date ? (
          <time dateTime={spec.date} className="gw-date">
            {formatDate(spec.date, lang)}
          </time>
        ) : (
          <span className="gw-date">{t('meeting.dateUnknown')}</span>
        )}
        <StatusBadge status={meeting.status} />
      </div>
      {spec.subtitle ? <Paragraph className="gw-subtitle">{localize(spec.subtitle, lang)}</Paragraph> : null}
      <DataList
        items={[
          spec.location ? { key: 'location', label: t('meeting.location'), value: spec.location } : null,
          { key: 'method', label: t('meeting.method'), value: localize(meeting.method.name, lang) },
          spec.facilitators.length > 0
            ? { key: 'facilitators', label: t('meeting.facilitators'), value: <FacilitatorList facilitators={spec.facilitators} /> }
            : null,
          questions.length > 0
            ? {
                key: 'questions',
                label: t('meeting.centralQuestions'),
                value: (
                  <ul className="gw-plain-list gw-question-list">
                    {questions.map((q, i) => (
                      <li key={i}>{q}</li>
                    ))}
                  </ul>
                ),
              }
            : null,
        ]}
      />
    </Card>
  );
}
