import type { CaseResponse, Case } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useParams } from 'wouter';
import { useApi } from '../api.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { ThemeList } from '../components/ThemeList.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { themeLabel } from '../components/labels.ts';
import { caseStatusLabel } from '../library/labels.ts';
import { mayEditCases } from '../library/api.ts';
import { useSession } from '../account/session.ts';
import '../library.css';

function CaseSection({ id, title, text, className }: { id: string; title: string; text: string; className?: string }) {
  if (!text) return null;
  return (
    <section className={['gw-case-section', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <Heading level={2} appearance="level-3" id={id}>
        {title}
      </Heading>
      <Paragraph>{text}</Paragraph>
    </section>
  );
}

function CaseView({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = localize(item.title, lang);
  useDocumentTitle(title);
  const hornA = localize(item.hornA, lang);
  const hornB = localize(item.hornB, lang);
  const source = localize(item.source, lang);
  // Reviewers may edit; the header has asked who is signed in, where this browser signed in before.
  const session = useSession();
  const editable = session.state === 'signed-in' && mayEditCases(session.account.role);
  return (
    <article className="gw-case">
      <header className="gw-page-intro">
        <p className="gw-kicker">{t('case.kicker')}</p>
        <Heading level={1}>{title}</Heading>
        <ThemeList themes={item.themes} />
        {item.targetGroups.length > 0 ? (
          <p className="gw-case__for">
            <span className="gw-case__for-label">{t('library.case.targetGroups')}:</span> {item.targetGroups.map(themeLabel).join(', ')}
          </p>
        ) : null}
      </header>

      {editable ? (
        <p className="gw-case__edit">
          <RouterLink to={`/library/${encodeURIComponent(item.id)}/edit`}>{t('library.edit.link')}</RouterLink>
        </p>
      ) : null}

      {item.status !== 'published' ? (
        <p role="note" className="gw-case__unpublished">
          {t('library.case.notPublished', { status: caseStatusLabel(item.status, t) })}
        </p>
      ) : null}

      {hornA && hornB ? (
        <section className="gw-tension" aria-labelledby="case-tension">
          <Heading level={2} appearance="level-3" id="case-tension">
            {t('case.tension')}
          </Heading>
          <div className="gw-tension__horns">
            <div className="gw-tension__horn">
              <p className="gw-tension__label">{t('case.hornA')}</p>
              <p className="gw-tension__text">{hornA}</p>
            </div>
            <p className="gw-tension__versus">{t('case.versus')}</p>
            <div className="gw-tension__horn">
              <p className="gw-tension__label">{t('case.hornB')}</p>
              <p className="gw-tension__text">{hornB}</p>
            </div>
          </div>
        </section>
      ) : null}

      <div className="gw-case__body">
        <CaseSection id="case-situation" title={t('case.situation')} text={localize(item.situation, lang)} />
        <CaseSection id="case-action" title={t('case.action')} text={localize(item.action, lang)} />
        <CaseSection id="case-consequence" title={t('case.consequence')} text={localize(item.consequence, lang)} />
        <CaseSection
          id="case-hindsight"
          title={t('case.hindsight')}
          text={localize(item.hindsight, lang)}
          className="gw-case-section--hindsight"
        />
        <CaseSection id="case-criterion" title={t('case.criterion')} text={localize(item.criterion, lang)} />
      </div>

      {item.prompts.length > 0 ? (
        <section className="gw-case__prompts" aria-labelledby="case-prompts">
          <Heading level={2} appearance="level-3" id="case-prompts">
            {t('library.case.prompts')}
          </Heading>
          <ol className="gw-question-cards">
            {item.prompts.map((prompt, index) => (
              <li key={index}>{localize(prompt, lang)}</li>
            ))}
          </ol>
        </section>
      ) : null}

      {item.publicityTest ? (
        <aside className="gw-callout" aria-labelledby="case-publicity">
          <Heading level={2} appearance="level-4" id="case-publicity">
            {t('case.publicityTest')}
          </Heading>
          <Paragraph>{t('case.publicityTestText')}</Paragraph>
        </aside>
      ) : null}

      {source ? (
        <Paragraph className="gw-muted gw-case__source">
          {t('case.sourceLine', { source })}
        </Paragraph>
      ) : null}
      {item.sourceMeetingId ? <Paragraph className="gw-muted gw-case__source">{t('library.case.fromMeeting')}</Paragraph> : null}
    </article>
  );
}

/** One case from the library with all its fields. */
export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const [result, retry] = useApi<CaseResponse>(`/api/cases/${encodeURIComponent(id)}`);
  return (
    <>
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/library">{t('case.back')}</RouterLink>
      </nav>
      <Loaded value={result} retry={retry}>
        {(data) => <CaseView item={data.case} />}
      </Loaded>
    </>
  );
}
