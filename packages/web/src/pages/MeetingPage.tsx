import type { MeetingResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { lazy, Suspense } from 'react';
import { useParams } from 'wouter';
import { useApi } from '../api.ts';
import { Agenda, roundMinutes } from '../components/Agenda.tsx';
import { DataList } from '../components/DataList.tsx';
import { FacilitatorList } from '../components/FacilitatorList.tsx';
import { formatDate } from '../components/labels.ts';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** Only for staff who may turn a group's dilemma into a case; loaded when the page shows. */
const MeetingToCase = lazy(() => import('../meeting/MeetingToCase.tsx'));

function MeetingView({ data }: { data: MeetingResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { meeting, agenda } = data;
  const { spec } = meeting;
  const title = localize(spec.title, lang);
  useDocumentTitle(title);
  const questions = spec.centralQuestions.map((q) => localize(q, lang)).filter(Boolean);
  const totalMinutes = agenda.reduce((sum, round) => sum + roundMinutes(round), 0);
  const meetingPath = encodeURIComponent(meeting.id);

  return (
    <>
      {spec.programmeId ? (
        <nav aria-label={t('breadcrumb.label')} className="gw-back">
          <RouterLink to={`/programmes/${encodeURIComponent(spec.programmeId)}`}>{t('meeting.backToProgramme')}</RouterLink>
        </nav>
      ) : null}
      <header className="gw-page-intro">
        <div className="gw-meta-row">
          <p className="gw-kicker">{t('meeting.kicker')}</p>
          <StatusBadge status={meeting.status} />
        </div>
        <Heading level={1}>{title}</Heading>
        {spec.subtitle ? <Paragraph purpose="lead">{localize(spec.subtitle, lang)}</Paragraph> : null}
      </header>

      <div className="gw-two-columns">
        <div>
          <DataList
            className="gw-facts"
            items={[
              {
                key: 'date',
                label: t('meeting.date'),
                value: spec.date ? <time dateTime={spec.date}>{formatDate(spec.date, lang)}</time> : t('meeting.dateUnknown'),
              },
              spec.location ? { key: 'location', label: t('meeting.location'), value: spec.location } : null,
              spec.audience ? { key: 'audience', label: t('meeting.audience'), value: localize(spec.audience, lang) } : null,
              { key: 'method', label: t('meeting.method'), value: localize(meeting.method.name, lang) },
              spec.facilitators.length > 0
                ? { key: 'facilitators', label: t('meeting.facilitators'), value: <FacilitatorList facilitators={spec.facilitators} /> }
                : null,
              { key: 'participants', label: t('meeting.participants'), value: t('meeting.participantCount', { count: meeting.participantCount }) },
            ]}
          />
        </div>
        <aside className="gw-panel" aria-labelledby="meeting-live">
          <Heading level={2} appearance="level-4" id="meeting-live">
            {t('meeting.liveTitle')}
          </Heading>
          <Paragraph>{t('meeting.liveText')}</Paragraph>
          <div className="gw-actions gw-actions--stacked">
            <ButtonLink to={`/console/${meetingPath}`}>{t('meeting.openConsole')}</ButtonLink>
            <ButtonLink to={`/screen/${meetingPath}`} appearance="secondary">
              {t('meeting.openScreen')}
            </ButtonLink>
          </div>
        </aside>
      </div>

      {questions.length > 0 ? (
        <section className="gw-section" aria-labelledby="meeting-questions">
          <Heading level={2} id="meeting-questions">
            {t('meeting.centralQuestions')}
          </Heading>
          <ol className="gw-question-cards">
            {questions.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ol>
        </section>
      ) : null}

      <section className="gw-section" aria-labelledby="meeting-agenda">
        <Heading level={2} id="meeting-agenda">
          {t('meeting.agendaTitle')}
        </Heading>
        <Paragraph className="gw-section__intro">
          {t('agenda.roundCount', { count: agenda.length })}
          {totalMinutes > 0 ? ` · ${t('agenda.aboutMinutes', { count: totalMinutes })}` : ''}
        </Paragraph>
        <Agenda agenda={agenda} />
      </section>
      <Suspense fallback={null}>
        <MeetingToCase meetingId={meeting.id} />
      </Suspense>
    </>
  );
}

/** One meeting (bijeenkomst): its details, central questions and agenda, with the way into the live screens. */
export default function MeetingPage() {
  const { id = '' } = useParams<{ id: string }>();
  const [meeting, retry] = useApi<MeetingResponse>(`/api/meetings/${encodeURIComponent(id)}`);
  return (
    <Loaded value={meeting} retry={retry}>
      {(data) => <MeetingView data={data} />}
    </Loaded>
  );
}
