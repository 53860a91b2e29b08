import { useEffect } from 'react';
import { useTranslation } from '../useTranslation.ts';

/** Sets the browser tab title to "<page> · Goed Werk Hub" (the page name first, for screen readers and tabs). */
export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${product}` : product;
  }, [page, product]);
}
