import type { MethodListResponse, ProgrammeListResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useApi } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { formatDate } from '../components/labels.ts';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

type ProgrammeEntry = ProgrammeListResponse['programmes'][number];

function ProgrammeCard({ entry }: { entry: ProgrammeEntry }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { programme, nextMeeting } = entry;
  return (
    <Card
      className="gw-programme-card"
      heading={<RouterLink to={`/programmes/${encodeURIComponent(programme.id)}`}>{localize(programme.title, lang)}</RouterLink>}
    >
      {programme.theme ? <Paragraph className="gw-subtitle">{localize(programme.theme, lang)}</Paragraph> : null}
      <Paragraph className="gw-muted">
        {programme.organiser ? `${programme.organiser} · ` : ''}
        {t('home.meetingCount', { count: entry.meetingCount })}
      </Paragraph>
      {nextMeeting ? (
        <div className="gw-next-meeting">
          <p className="gw-next-meeting__label">{t('home.nextMeeting')}</p>
          <p className="gw-next-meeting__title">
            <RouterLink to={`/meetings/${encodeURIComponent(nextMeeting.id)}`}>{localize(nextMeeting.spec.title, lang)}</RouterLink>
          </p>
          <div className="gw-meta-row">
            {nextMeeting.spec.date ? (
              <time dateTime={nextMeeting.spec.date} className="gw-date">
                {formatDate(nextMeeting.spec.date, lang, 'long')}
              </time>
            ) : null}
            {nextMeeting.spec.location ? <span>{nextMeeting.spec.location}</span> : null}
            <StatusBadge status={nextMeeting.status} />
          </div>
        </div>
      ) : (
        <Paragraph className="gw-muted">{t('home.noNextMeeting')}</Paragraph>
      )}
    </Card>
  );
}

/** The start page: what Goed Werk Hub is, the programmes, the case library and the methods. */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [programmes, retryProgrammes] = useApi<ProgrammeListResponse>('/api/programmes');
  const [methods, retryMethods] = useApi<MethodListResponse>('/api/methods');
  useDocumentTitle(undefined);

  return (
    <>
      <section className="gw-hero" aria-labelledby="home-title">
        <p className="gw-kicker">{t('app.name')}</p>
        <Heading level={1} id="home-title">
          {t('home.title')}
        </Heading>
        <Paragraph purpose="lead" className="gw-hero__lead">
          {t('home.intro')}
        </Paragraph>
        <Paragraph className="gw-hero__text">{t('home.introMore')}</Paragraph>
        <div className="gw-actions">
          <ButtonLink to="/join">{t('home.ctaJoin')}</ButtonLink>
          <ButtonLink to="/library" appearance="secondary">
            {t('home.ctaLibrary')}
          </ButtonLink>
        </div>
      </section>

      <section className="gw-section" aria-labelledby="home-programmes">
        <Heading level={2} id="home-programmes">
          {t('home.programmesTitle')}
        </Heading>
        <Paragraph className="gw-section__intro">{t('home.programmesIntro')}</Paragraph>
        <Loaded value={programmes} retry={retryProgrammes} headingLevel={3}>
          {(data) =>
            data.programmes.length === 0 ? (
              <Paragraph>{t('home.programmesEmpty')}</Paragraph>
            ) : (
              <ul className="gw-card-grid gw-card-grid--wide">
                {data.programmes.map((entry) => (
                  <li key={entry.programme.id}>
                    <ProgrammeCard entry={entry} />
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>

      <section className="gw-section gw-library-teaser" aria-labelledby="home-library">
        <div className="gw-library-teaser__text">
          <Heading level={2} id="home-library">
            {t('home.libraryTitle')}
          </Heading>
          <Paragraph>{t('home.libraryText')}</Paragraph>
        </div>
        <div className="gw-library-teaser__count">
          {/* A failure is already reported in the programmes section above. */}
          {programmes.state === 'loaded' ? (
            <p className="gw-big-number">{t('home.caseCount', { count: programmes.data.caseCount })}</p>
          ) : null}
          <ButtonLink to="/library" appearance="secondary">
            {t('home.libraryLink')}
          </ButtonLink>
        </div>
      </section>

      <section className="gw-section" aria-labelledby="home-methods">
        <Heading level={2} id="home-methods">
          {t('home.methodsTitle')}
        </Heading>
        <Paragraph className="gw-section__intro">{t('home.methodsIntro')}</Paragraph>
        <Loaded value={methods} retry={retryMethods} headingLevel={3}>
          {(data) => (
            <ul className="gw-card-grid gw-card-grid--methods">
              {data.methods.map((method) => (
                <li key={method.id}>
                  <Card heading={localize(method.name, lang)} className="gw-method-card">
                    <Paragraph>{localize(method.summary, lang)}</Paragraph>
                    <p className="gw-muted gw-method-card__rounds">{t('home.roundCount', { count: method.rounds.length })}</p>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </Loaded>
      </section>
    </>
  );
}
