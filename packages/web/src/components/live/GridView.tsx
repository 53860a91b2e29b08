import { localize } from '@goedwerk/core/localize';
import { useTranslation } from '../../useTranslation.ts';

type Row = Readonly<Record<string, string>>;
type Text = Parameters<typeof localize>[0];

/** A grid to read: each row as a list of its cells under the column names. */
export function GridView({ rows, columns, lang }: { rows: readonly Row[]; columns: readonly { readonly id: string; readonly label: Text }[]; lang: string }) {
  const { t } = useTranslation();
  const filled = rows.filter((r) => Object.values(r).some((v) => v.trim() !== ''));
  if (filled.length === 0) return <p className="gw-results__note">{t('live.grid.empty')}</p>;
  return (
    <ol className="gw-grid-view">
      {filled.map((row, i) => (
        <li key={i} className="gw-grid-view__row">
          <dl className="gw-grid-view__cells">
            {columns.map((c) => (
              <div key={c.id} className="gw-grid-view__cell">
                <dt>{localize(c.label, lang)}</dt>
                <dd className="gw-note-text">{row[c.id]?.trim() ? row[c.id] : '—'}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
