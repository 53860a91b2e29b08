import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { ButtonLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

/** Any address the app does not know. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="gw-not-found">
      <p className="gw-kicker">{t('notFound.kicker')}</p>
      <Heading level={1}>{t('notFound.title')}</Heading>
      <Paragraph purpose="lead">{t('notFound.text')}</Paragraph>
      <div className="gw-actions">
        <ButtonLink to="/">{t('notFound.home')}</ButtonLink>
        <ButtonLink to="/library" appearance="secondary">
          {t('nav.library')}
        </ButtonLink>
      </div>
    </div>
  );
}
