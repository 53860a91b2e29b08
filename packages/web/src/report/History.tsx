import type { HistoryEntry } from '@goedwerk/report';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { useId, useMemo } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { historyActionLabel, roleLabel } from './labels.ts';

/** The note @goedwerk/report writes itself when an approval passed flagged passages (in English); other notes are people's own words. */
const APPROVED_PAST_FINDINGS = /^approved with (\d+) flagged passage\(s\) checked$/;

/** Who did what to the report and when, the newest first. */
export function History({ history }: { history: readonly HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const format = useMemo(
    () => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
  const entries = [...history].reverse();
  return (
    <section className="gw-panel gw-report-history" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('report.history.title')}
      </Heading>
      {entries.length === 0 ? (
        <p className="gw-muted">{t('report.history.empty')}</p>
      ) : (
        <ol className="gw-report-history__list" reversed>
          {entries.map((entry, i) => {
            const at = new Date(entry.at);
            return (
              <li key={`${entry.at}-${i}`} className="gw-report-history__item">
                <span className="gw-report-history__what">{historyActionLabel(entry.action, t)}</span>
                <span className="gw-report-history__who">
                  {t('report.history.by', { name: entry.name, role: roleLabel(entry.role, t) })}
                </span>
                {Number.isNaN(at.getTime()) ? null : (
                  <time className="gw-report-history__when" dateTime={entry.at}>
                    {format.format(at)}
                  </time>
                )}
                {entry.note ? <Note note={entry.note} /> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Note({ note }: { note: string }) {
  const { t } = useTranslation();
  const flagged = APPROVED_PAST_FINDINGS.exec(note);
  if (flagged) return <span className="gw-report-history__note">{t('report.history.checkedFindings', { count: Number(flagged[1]) })}</span>;
  return <q className="gw-report-history__note">{note}</q>;
}
