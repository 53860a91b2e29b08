import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import type { ReactNode } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { formatDate } from '../components/labels.ts';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** When this statement was drawn up; change it whenever the statement changes (docs/accessibility.md too). */
const STATEMENT_DATE = '2026-12-07';

/**
 * One part of the statement: an h2 (with an id to link to) and its text. Not a named region: eight
 * landmarks would crowd a screen reader's landmark list, and the headings already give the outline.
 */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="gw-section gw-statement__part">
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * The accessibility statement (/toegankelijkheid), after the Dutch government's model statement:
 * the compliance status, the standard, how the software is tested and built, the results, the known
 * limitations and how to report a problem. docs/accessibility.md gives the same in more detail.
 */
export default function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('accessibility.title'));
  const method = [
    t('accessibility.method.axe'),
    t('accessibility.method.keyboard'),
    t('accessibility.method.reflow'),
    t('accessibility.method.targets'),
    t('accessibility.method.semantics'),
  ];
  const design = [
    t('accessibility.design.skipLink'),
    t('accessibility.design.focus'),
    t('accessibility.design.announcements'),
    t('accessibility.design.tables'),
    t('accessibility.design.noDragging'),
    t('accessibility.design.motion'),
    t('accessibility.design.timer'),
    t('accessibility.design.language'),
  ];
  const limitations = [
    t('accessibility.limitations.automated'),
    t('accessibility.limitations.panel'),
    t('accessibility.limitations.content'),
    t('accessibility.limitations.documents'),
  ];
  return (
    <div className="gw-statement">
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('app.name')}</p>
        <Heading level={1}>{t('accessibility.title')}</Heading>
        <Paragraph purpose="lead">{t('accessibility.intro')}</Paragraph>
        <Paragraph>{t('accessibility.scope')}</Paragraph>
      </div>

      <Part id="accessibility-status" title={t('accessibility.status.title')}>
        <Paragraph className="gw-statement__status">{t('accessibility.status.value')}</Paragraph>
        <Paragraph>{t('accessibility.status.text')}</Paragraph>
      </Part>

      <Part id="accessibility-standard" title={t('accessibility.standard.title')}>
        <Paragraph>{t('accessibility.standard.text')}</Paragraph>
      </Part>

      <Part id="accessibility-method" title={t('accessibility.method.title')}>
        <Paragraph>{t('accessibility.method.intro')}</Paragraph>
        <ul className="gw-statement__list">
          {method.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </Part>

      <Part id="accessibility-design" title={t('accessibility.design.title')}>
        <ul className="gw-statement__list">
          {design.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </Part>

      <Part id="accessibility-results" title={t('accessibility.results.title')}>
        <Paragraph>{t('accessibility.results.text')}</Paragraph>
      </Part>

      <Part id="accessibility-limitations" title={t('accessibility.limitations.title')}>
        <ul className="gw-statement__list">
          {limitations.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      </Part>

      <Part id="accessibility-report" title={t('accessibility.report.title')}>
        <Paragraph>{t('accessibility.report.text')}</Paragraph>
        <Paragraph>{t('accessibility.report.project')}</Paragraph>
        <Paragraph>{t('accessibility.report.complaint')}</Paragraph>
      </Part>

      <Part id="accessibility-about" title={t('accessibility.about.title')}>
        <Paragraph>{t('accessibility.about.text')}</Paragraph>
        <Paragraph>
          {t('accessibility.about.dateLabel')} <time dateTime={STATEMENT_DATE}>{formatDate(STATEMENT_DATE, i18n.language, 'long')}</time>
        </Paragraph>
      </Part>
    </div>
  );
}
