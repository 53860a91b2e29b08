import type { CaseListResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useEffect, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useTranslation } from '../useTranslation.ts';
import { useApi } from '../api.ts';
import { useHeaderSession } from '../account/session.ts';
import { Card } from '../components/Card.tsx';
import { ThemeList } from '../components/ThemeList.tsx';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { mayReviewCases, maySubmitCases, useReviewCount } from '../library/api.ts';
import { parseQuery, queryString, SearchForm, type LibraryQuery } from '../library/SearchForm.tsx';
import '../library.css';

type Facets = CaseListResponse['facets'];

/** The most cases one cards.pdf link may name (the server's limit). */
const MAX_CARDS = 50;

/** [LB-21] Links for signed-in staff: put a case forward; for reviewers, what waits for review (and how many). */
function StaffLinks() {
  const { t } = useTranslation();
  const session = useHeaderSession();
  const role = session.state === 'signed-in' ? session.account.role : null;
  const reviewer = role !== null && mayReviewCases(role);
  const waiting = useReviewCount(reviewer);
  if (role === null || !maySubmitCases(role)) return null;
  return (
    <ul className="gw-library-links gw-library-links--staff">
      <li>
        <ButtonLink to="/library/new" appearance="secondary">
          {t('library.links.submit')}
        </ButtonLink>
      </li>
      {reviewer ? (
        <li>
          <ButtonLink to="/library/review" appearance="secondary">
            {waiting === null ? t('library.links.reviewPlain') : t('library.links.review', { count: waiting })}
          </ButtonLink>
        </li>
      ) : null}
    </ul>
  );
}

/** The results: the count (announced politely), the cards or what to do when none fit, and the downloads of what is shown. */
function Results({ data, query, announce }: { data: CaseListResponse; query: LibraryQuery; announce: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const filtered = query.q !== '' || query.theme !== '' || query.targetGroup !== '';
  const count = data.cases.length;
  const summary = !filtered ? t('library.count', { count }) : query.q ? t('library.foundFor', { count, query: query.q }) : t('library.found', { count });
  useEffect(() => announce(summary), [announce, summary]);

  if (count === 0 && !filtered) return <Paragraph>{t('library.empty')}</Paragraph>;
  if (count === 0) {
    return (
      <div className="gw-panel gw-library-none">
        <Heading level={2} appearance="level-3">
          {t('library.none.title')}
        </Heading>
        <Paragraph>{t('library.none.text')}</Paragraph>
        <RouterLink to="/library">{t('library.none.all')}</RouterLink>
      </div>
    );
  }
  const ids = data.cases.slice(0, MAX_CARDS).map((c) => c.id);
  return (
    <>
      <ul className="gw-card-grid">
        {data.cases.map((item) => (
          <li key={item.id}>
            <Card
              stretchedLink
              headingLevel={2}
              className="gw-case-card"
              heading={<RouterLink to={`/library/${encodeURIComponent(item.id)}`}>{localize(item.title, lang)}</RouterLink>}
            >
              <Paragraph className="gw-case-card__situation">{localize(item.situation, lang)}</Paragraph>
              <ThemeList themes={item.themes} publicityTest={item.publicityTest} />
            </Card>
          </li>
        ))}
      </ul>
      <ul className="gw-library-links gw-library-links--files">
        <li>
          {/* Files from the server: whole page loads, not routes of the app. */}
          <a className="nl-link gw-library-links__link" href={`/api/cases/cards.pdf?ids=${ids.join(',')}&lang=${lang}`}>
            {t('library.links.cards')}
          </a>
        </li>
        <li>
          <a className="nl-link gw-library-links__link" href="/api/cases/export.json">
            {t('library.links.export')}
          </a>
        </li>
      </ul>
    </>
  );
}

/** The case library (casusbank): search and filters in the address, every case as its tension, themes and the start of the situation. */
export default function LibraryPage() {
  const { t } = useTranslation();
  const search = useSearch();
  const [, navigate] = useLocation();
  const query = parseQuery(search);
  const [cases, retry] = useApi<CaseListResponse>(`/api/cases${queryString(query)}`);
  // The filters keep their options while the next results load.
  const [facets, setFacets] = useState<Facets | null>(null);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (cases.state === 'loaded') setFacets(cases.data.facets);
  }, [cases]);
  useEffect(() => {
    if (cases.state !== 'loaded') setAnnouncement('');
  }, [cases.state]);
  useDocumentTitle(query.q ? t('library.titleFor', { query: query.q }) : t('library.title'));
  return (
    <>
      <header className="gw-page-intro gw-library-intro">
        <Heading level={1}>{t('library.title')}</Heading>
        <Paragraph purpose="lead">{t('library.intro')}</Paragraph>
        <StaffLinks />
      </header>
      <SearchForm query={query} facets={facets} onSearch={(next) => navigate(`/library${queryString(next)}`)} />
      <p role="status" className="gw-result-count">
        {announcement}
      </p>
      <Loaded value={cases} retry={retry}>
        {(data) => <Results data={data} query={query} announce={setAnnouncement} />}
      </Loaded>
    </>
  );
}
