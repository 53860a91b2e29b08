import type { CaseListResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useApi } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ThemeList } from '../components/ThemeList.tsx';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** The case library (casusbank): every case as its tension, themes and the start of the situation. */
export default function LibraryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [cases, retry] = useApi<CaseListResponse>('/api/cases');
  useDocumentTitle(t('library.title'));
  return (
    <>
      <header className="gw-page-intro">
        <Heading level={1}>{t('library.title')}</Heading>
        <Paragraph purpose="lead">{t('library.intro')}</Paragraph>
      </header>
      <Loaded value={cases} retry={retry}>
        {(data) =>
          data.cases.length === 0 ? (
            <Paragraph>{t('library.empty')}</Paragraph>
          ) : (
            <>
              <p className="gw-muted gw-result-count">{t('library.count', { count: data.cases.length })}</p>
              <ul className="gw-card-grid">
                {data.cases.map((item) => (
                  <li key={item.id}>
                    <Card
                      stretchedLink
                      className="gw-case-card"
                      heading={<RouterLink to={`/library/${encodeURIComponent(item.id)}`}>{localize(item.title, lang)}</RouterLink>}
                    >
                      <Paragraph className="gw-case-card__situation">{localize(item.situation, lang)}</Paragraph>
                      <ThemeList themes={item.themes} publicityTest={item.publicityTest} />
                    </Card>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </>
  );
}
