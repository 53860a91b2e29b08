import { Heading } from '@nl-design-system-candidate/heading-react';
import { useId, useMemo } from 'react';
import { useTranslation } from '../useTranslation.ts';

/**
 * The report's own headings start at <h1>; inside this page they sit below the preview's <h2>.
 * The renderer escapes every typed text, so each "<hN" in the fragment is one of its own tags.
 */
export function nestHeadings(html: string, below: number): string {
  return html.replace(/<(\/?)h([1-6])\b/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + below)}`);
}

/** The report as it will read: the saved version, or the unsaved edits once the server has rendered them. */
export function Preview({ html, lang, unsaved, busy, failed, scrolls }: { html: string; lang: string; unsaved: boolean; busy: boolean; failed: boolean; scrolls: boolean }) {
  const { t } = useTranslation();
  const uid = useId();
  const nested = useMemo(() => nestHeadings(html, 2), [html]);
  return (
    // Beside the editor the preview scrolls on its own; it takes the focus so the keyboard can scroll it too.
    <section className="gw-panel gw-report-preview" aria-labelledby={`${uid}-title`} aria-busy={busy || undefined} tabIndex={scrolls ? 0 : undefined}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`}>
        {t('report.preview.title')}
      </Heading>
      <p className="gw-muted gw-report-preview__note">{unsaved ? t('report.preview.unsaved') : t('report.preview.saved')}</p>
      {failed ? <p className="gw-report-preview__failed">{t('report.preview.failed')}</p> : null}
      {/* Our own renderer made this HTML and escaped all typed text in it (see @goedwerk/report html.ts). */}
      <div className="gw-report-preview__page" lang={lang} dangerouslySetInnerHTML={{ __html: nested }} />
    </section>
  );
}
