import type { ProgrammeListResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useSession } from '../account/session.ts';
import { mayDo } from '../programme/api.ts';
import { useApi } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** All programmes (routekaarten), each linking to its page. */
export default function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [programmes, retry] = useApi<ProgrammeListResponse>('/api/programmes');
  useDocumentTitle(t('programmes.title'));
  // Offered to whom the policy allows (the header's session check fills this in); the server decides.
  const session = useSession();
  const mayStart = session.state === 'signed-in' && mayDo(session.account.role, 'programme.create');
  return (
    <>
      <Heading level={1}>{t('programmes.title')}</Heading>
      <Paragraph purpose="lead">{t('programmes.intro')}</Paragraph>
      {mayStart ? (
        <div className="gw-actions">
          <ButtonLink to="/programmes/new">{t('programme.newLink')}</ButtonLink>
        </div>
      ) : null}
      <Loaded value={programmes} retry={retry}>
        {(data) =>
          data.programmes.length === 0 ? (
            <Paragraph>{t('home.programmesEmpty')}</Paragraph>
          ) : (
            <ul className="gw-card-grid gw-card-grid--wide">
              {data.programmes.map(({ programme, meetingCount }) => (
                <li key={programme.id}>
                  <Card
                    stretchedLink
                    headingLevel={2}
                    heading={
                      <RouterLink to={`/programmes/${encodeURIComponent(programme.id)}`}>{localize(programme.title, lang)}</RouterLink>
                    }
                  >
                    {programme.theme ? <Paragraph className="gw-subtitle">{localize(programme.theme, lang)}</Paragraph> : null}
                    {programme.description ? <Paragraph>{localize(programme.description, lang)}</Paragraph> : null}
                    <Paragraph className="gw-muted">
                      {programme.organiser ? `${programme.organiser} · ` : ''}
                      {t('home.meetingCount', { count: meetingCount })}
                    </Paragraph>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}
