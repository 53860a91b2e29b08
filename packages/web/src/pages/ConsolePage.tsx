import type { MeetingResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useParams } from 'react-router';
import { useApi } from '../api.ts';
import { Agenda } from '../components/Agenda.tsx';
import { formatDate } from '../components/labels.ts';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

function ConsoleView({ data }: { data: MeetingResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { meeting, agenda } = data;
  const title = localize(meeting.spec.title, lang);
  useDocumentTitle(`${t('console.title')}: ${title}`);
  const meetingPath = encodeURIComponent(meeting.id);
  return (
    <div className="gw-console">
      <header className="gw-page-intro gw-console__head">
        <div>
          <p className="gw-kicker">{t('console.title')}</p>
          <Heading level={1}>{title}</Heading>
          <div className="gw-meta-row">
            {meeting.spec.date ? <time dateTime={meeting.spec.date}>{formatDate(meeting.spec.date, lang)}</time> : null}
            {meeting.spec.location ? <span>{meeting.spec.location}</span> : null}
            <StatusBadge status={meeting.status} />
          </div>
        </div>
        <div className="gw-actions">
          <ButtonLink to={`/screen/${meetingPath}`} appearance="secondary">
            {t('meeting.openScreen')}
          </ButtonLink>
        </div>
      </header>
      <div className="utrecht-alert utrecht-alert--info gw-alert">
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            <Paragraph>{t('console.notLiveYet')}</Paragraph>
          </div>
        </div>
      </div>
      <section aria-labelledby="console-agenda" className="gw-section">
        <Heading level={2} id="console-agenda">
          {t('console.agenda')}
        </Heading>
        <Agenda agenda={agenda} detailed={false} />
      </section>
    </div>
  );
}

/** The facilitator console (desktop). For now the meeting and its agenda; live control follows. */
export default function ConsolePage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const [meeting, retry] = useApi<MeetingResponse>(`/api/meetings/${encodeURIComponent(meetingId)}`);
  return (
    <>
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to={`/meetings/${encodeURIComponent(meetingId)}`}>{t('console.back')}</RouterLink>
      </nav>
      <Loaded value={meeting} retry={retry}>
        {(data) => <ConsoleView data={data} />}
      </Loaded>
    </>
  );
}
