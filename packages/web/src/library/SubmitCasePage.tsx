import type { CaseListResponse } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useState } from 'react';
import { WithAccount } from '../account/parts.tsx';
import { signedOut, usePageSession } from '../account/session.ts';
import { useApi } from '../api.ts';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { maySubmitCases, submitCase } from './api.ts';
import { CaseForm, CaseSent } from './CaseForm.tsx';

/** /library/new: a signed-in staff member puts a case forward; it waits for review, invisible in the library. */
export default function SubmitCasePage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={maySubmitCases}>
      {() => <Submit />}
    </WithAccount>
  );
}

function Submit() {
  const { t } = useTranslation();
  const uid = useId();
  const [sent, setSent] = useState(false);
  // A new key gives an empty form for the next case.
  const [round, setRound] = useState(0);
  const [library] = useApi<CaseListResponse>('/api/cases');
  useDocumentTitle(sent ? t('library.submit.done.title') : t('library.submit.title'));
  return (
    <div className="gw-account gw-case-submit">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/library">{t('case.back')}</RouterLink>
      </nav>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('library.title')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('library.submit.title')}
        </Heading>
        {sent ? null : <Paragraph>{t('library.submit.intro')}</Paragraph>}
      </div>
      {sent ? (
        <CaseSent>
          <ButtonLink to="/library">{t('library.submit.done.library')}</ButtonLink>
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              setSent(false);
              setRound((n) => n + 1);
            }}
          >
            {t('library.submit.done.another')}
          </Button>
        </CaseSent>
      ) : (
        <CaseForm
          key={round}
          variant="staff"
          facets={library.state === 'loaded' ? library.data.facets : undefined}
          send={async (draft) => {
            await submitCase(draft);
          }}
          onSent={() => setSent(true)}
          onUnauthorized={signedOut}
          labelledBy={`${uid}-title`}
          submitLabel={t('library.submit.submit')}
        />
      )}
    </div>
  );
}
