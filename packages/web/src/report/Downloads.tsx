import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useState } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { DOWNLOAD_FORMATS, ReportRequestError, saveBlob, type DownloadFormat, type ReportClient, type ReportView } from './api.ts';
import { Feedback, quiet, type FeedbackState } from './Feedback.tsx';
import { formatLabel } from './labels.ts';

/**
 * The saved report in five formats, fetched with the secret link and saved as a file. PDF, Word
 * and OpenDocument take a few seconds to make; until the report is approved they say "draft".
 */
export function Downloads({ client, draft, unsaved, onReload }: { client: ReportClient; draft: ReportView['draft']; unsaved: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  const uid = useId();
  const [busy, setBusy] = useState<DownloadFormat | null>(null);
  const [feedback, setFeedback] = useState<FeedbackState>(quiet);

  async function download(format: DownloadFormat) {
    const label = formatLabel(format, t);
    setBusy(format);
    setFeedback({ status: t('report.downloads.preparing', { format: label }), failure: null });
    try {
      const { blob, filename } = await client.download(format);
      saveBlob(blob, filename);
      setFeedback({ status: t('report.downloads.done', { format: label, file: filename }), failure: null });
    } catch (error) {
      setFeedback({ status: '', failure: error instanceof ReportRequestError ? error.failure : { kind: 'network' } });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="gw-panel gw-report-downloads" aria-labelledby={`${uid}-title`} aria-busy={busy !== null || undefined}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('report.downloads.title')}
      </Heading>
      {draft ? <p className="gw-report-downloads__draft">{draft === 'running' ? t('report.downloads.draftRunning') : t('report.downloads.draftNotApproved')}</p> : null}
      {unsaved ? <p className="gw-muted">{t('report.downloads.savedOnly')}</p> : null}
      <ul className="gw-report-downloads__list">
        {DOWNLOAD_FORMATS.map((format) => (
          <li key={format}>
            <Button
              appearance="secondary-action-button"
              className="gw-report-downloads__button"
              busy={busy === format}
              disabled={busy !== null && busy !== format}
              aria-disabled={busy === format || undefined}
              onClick={() => {
                if (busy === null) void download(format);
              }}
            >
              {formatLabel(format, t)}
            </Button>
          </li>
        ))}
      </ul>
      <Feedback state={feedback} onReload={onReload} />
    </section>
  );
}
