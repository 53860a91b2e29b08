import { useTranslation } from '../useTranslation.ts';

/** Announced politely while data or a page loads. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="gw-loading">
      <span className="gw-loading__spinner" aria-hidden="true" />
      {t('status.loading')}
    </p>
  );
}
