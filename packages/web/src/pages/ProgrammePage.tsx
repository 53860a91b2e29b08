import type { ProgrammeResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { lazy, Suspense } from 'react';
import { useParams } from 'wouter';
import { useSession } from '../account/session.ts';
import { useApi } from '../api.ts';
import { Loading } from '../components/Loading.tsx';
import { MeetingCard } from '../components/MeetingCard.tsx';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { FollowUps, type ProgrammeMeeting } from '../programme/FollowUps.tsx';
import { ProgrammeHeader } from '../programme/ProgrammeHeader.tsx';
import { useTranslation } from '../useTranslation.ts';
import '../account.css';
import '../programme/programme.css';

// The trends (a chart, a matrix, the themes form) are their own chunk, loaded after the page itself.
const Trends = lazy(() => import('../programme/Trends.tsx'));

/** Dated meetings first in calendar order, undated ones last. */
function byDate(a: { spec: { date?: string | undefined } }, b: { spec: { date?: string | undefined } }): number {
  return (a.spec.date ?? '9999').localeCompare(b.spec.date ?? '9999');
}

function ProgrammeView({ data }: { data: ProgrammeResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { programme } = data;
  useDocumentTitle(localize(programme.title, lang));
  // Staff see the forms their role allows; the header's session check fills this in (no request for visitors).
  const session = useSession();
  const account = session.state === 'signed-in' ? session.account : null;
  const meetings = [...data.meetings].sort(byDate);
  const named: ProgrammeMeeting[] = meetings.map((m) => ({ id: m.id, title: localize(m.spec.title, lang), date: m.spec.date ?? null, status: m.status }));
  return (
    <>
      <ProgrammeHeader programme={programme} hasDates={meetings.some((m) => m.spec.date)} />
      <section className="gw-section" aria-labelledby="programme-meetings">
        <Heading level={2} id="programme-meetings">
          {t('programme.meetingsTitle')}
        </Heading>
        {meetings.length === 0 ? (
          <Paragraph>{t('programme.meetingsEmpty')}</Paragraph>
        ) : (
          <ul className="gw-stack">
            {meetings.map((meeting) => (
              <li key={meeting.id}>
                <MeetingCard meeting={meeting} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <FollowUps programmeId={programme.id} meetings={named} initial={data.followUps} account={account} />
      <Suspense fallback={<Loading />}>
        <Trends programmeId={programme.id} account={account} meetingLanguages={new Map(meetings.map((m) => [m.id, m.spec.language ?? 'nl']))} />
      </Suspense>
    </>
  );
}

/** One programme (routekaart): what it is, its meetings, the agreements made in them and what they add up to. */
export default function ProgrammePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const [programme, retry] = useApi<ProgrammeResponse>(`/api/programmes/${encodeURIComponent(id)}`);
  return (
    <>
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/programmes">{t('programme.back')}</RouterLink>
      </nav>
      <Loaded value={programme} retry={retry}>
        {(data) => <ProgrammeView data={data} />}
      </Loaded>
    </>
  );
}
