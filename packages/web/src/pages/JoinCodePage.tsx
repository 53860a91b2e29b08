import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useTranslation } from '../useTranslation.ts';
import { useParams } from 'react-router';
import { ButtonLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { normalizeJoinCode } from '../joinCode.ts';

/** After entering a code. Joining a live meeting comes later; for now it says politely that none was found. */
export default function JoinCodePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const shown = normalizeJoinCode(code).slice(0, 16);
  useDocumentTitle(t('join.title'));
  return (
    <div className="gw-join">
      <Heading level={1}>{t('join.title')}</Heading>
      <p className="gw-join__code-line">
        <span className="gw-join__code-label">{t('join.yourCode')}</span>
        <span className="gw-join__code">
          {shown}
        </span>
      </p>
      <div role="status" className="utrecht-alert utrecht-alert--info gw-alert">
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            <Heading level={2} appearance="level-4">
              {t('join.notFoundTitle')}
            </Heading>
            <Paragraph>{t('join.notFoundText')}</Paragraph>
          </div>
        </div>
      </div>
      <div className="gw-actions">
        <ButtonLink to="/join" appearance="secondary">
          {t('join.tryAgain')}
        </ButtonLink>
      </div>
    </div>
  );
}
