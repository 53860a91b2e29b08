import type { ReactNode } from 'react';

export type DataListItem = { key: string; label: ReactNode; value: ReactNode };

/** A list of labelled facts (NL Design System data list), skipping items without a value. */
export function DataList({ items, className }: { items: readonly (DataListItem | null | false)[]; className?: string }) {
  const shown = items.filter((item): item is DataListItem => Boolean(item));
  if (shown.length === 0) return null;
  return (
    <dl className={['utrecht-data-list', 'utrecht-data-list--rows', 'gw-data-list', className].filter(Boolean).join(' ')}>
      {shown.map((item) => (
        <div key={item.key} className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{item.label}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
