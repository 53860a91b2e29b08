import type { ProgrammeResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Link } from '@nl-design-system-candidate/link-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useParams } from 'wouter';
import { useApi } from '../api.ts';
import { DataList } from '../components/DataList.tsx';
import { MeetingCard } from '../components/MeetingCard.tsx';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** Dated meetings first in calendar order, undated ones last. */
function byDate(a: { spec: { date?: string | undefined } }, b: { spec: { date?: string | undefined } }): number {
  return (a.spec.date ?? '9999').localeCompare(b.spec.date ?? '9999');
}

function ProgrammeView({ data }: { data: ProgrammeResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { programme } = data;
  const title = localize(programme.title, lang);
  useDocumentTitle(title);
  const meetings = [...data.meetings].sort(byDate);
  return (
    <>
      <header className="gw-page-intro">
        <p className="gw-kicker">{t('programme.kicker')}</p>
        <Heading level={1}>{title}</Heading>
        {programme.theme ? <Paragraph purpose="lead">{localize(programme.theme, lang)}</Paragraph> : null}
        {programme.description ? <Paragraph>{localize(programme.description, lang)}</Paragraph> : null}
      </header>
      <DataList
        className="gw-facts"
        items={[
          programme.organiser ? { key: 'organiser', label: t('programme.organiser'), value: programme.organiser } : null,
          programme.supportedBy ? { key: 'supportedBy', label: t('programme.supportedBy'), value: localize(programme.supportedBy, lang) } : null,
          programme.website
            ? {
                key: 'website',
                label: t('programme.website'),
                value: (
                  <Link href={programme.website} rel="external noopener">
                    {programme.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </Link>
                ),
              }
            : null,
        ]}
      />
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
    </>
  );
}

/** One programme (routekaart): what it is, who runs it, and its meetings. */
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
