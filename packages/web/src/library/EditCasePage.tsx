import type { Case, CaseListResponse, CaseResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useState } from 'react';
import { useParams } from 'wouter';
import { WithAccount } from '../account/parts.tsx';
import { signedOut, usePageSession } from '../account/session.ts';
import { useApi } from '../api.ts';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { draftOf, editCase, mayEditCases } from './api.ts';
import { CaseForm, CaseSent } from './CaseForm.tsx';
import { caseStatusLabel } from './labels.ts';

/**
 * [LB-38] /library/:id/edit: a reviewer edits a case (published or waiting for review) with the
 * form cases are put forward with, filled in. The status is the review's business and stays; the
 * other language's text, the consent, the anonymity check and the source meeting stay as they are.
 */
export default function EditCasePage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={mayEditCases}>
      {() => <Edit />}
    </WithAccount>
  );
}

function Edit() {
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id: string }>();
  const [found, retry] = useApi<CaseResponse>(`/api/cases/${encodeURIComponent(id)}`);
  return (
    <div className="gw-account gw-case-submit gw-case-edit">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to={`/library/${encodeURIComponent(id)}`}>{t('case.backToCase')}</RouterLink>
      </nav>
      <Loaded value={found} retry={retry}>
        {(data) => <EditForm item={data.case} />}
      </Loaded>
    </div>
  );
}

function EditForm({ item }: { item: Case }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [saved, setSaved] = useState<Case | null>(null);
  // A new key shows the form again, filled in with what was saved.
  const [round, setRound] = useState(0);
  const [library] = useApi<CaseListResponse>('/api/cases');
  const current = saved ?? item;
  const title = localize(current.title, i18n.language);
  const status = caseStatusLabel(current.status, t);
  const [editing, setEditing] = useState(true);
  useDocumentTitle(editing ? `${t('library.edit.title')}: ${title}` : t('library.edit.done.title'));
  const href = `/library/${encodeURIComponent(current.id)}`;
  return (
    <>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('library.edit.title')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {title}
        </Heading>
        {editing ? <Paragraph>{t('library.edit.intro', { status })}</Paragraph> : null}
        {editing && current.status === 'published' ? <Paragraph className="gw-case-edit__published">{t('library.edit.published')}</Paragraph> : null}
      </div>
      {editing ? (
        <CaseForm
          key={round}
          variant="staff"
          initial={draftOf(current)}
          facets={library.state === 'loaded' ? library.data.facets : undefined}
          send={async (draft) => {
            setSaved(await editCase(current.id, draft));
          }}
          onSent={() => setEditing(false)}
          onUnauthorized={signedOut}
          labelledBy={`${uid}-title`}
          submitLabel={t('library.edit.save')}
          busyLabel={t('library.edit.busy')}
        />
      ) : (
        <CaseSent title={t('library.edit.done.title')} lines={[t('library.edit.done.text', { title, status })]}>
          <ButtonLink to={href}>{t('library.edit.done.view')}</ButtonLink>
          {current.status === 'published' || current.status === 'archived' ? null : (
            <ButtonLink to="/library/review" appearance="secondary">
              {t('library.edit.done.review')}
            </ButtonLink>
          )}
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              setRound((n) => n + 1);
              setEditing(true);
            }}
          >
            {t('library.edit.done.again')}
          </Button>
        </CaseSent>
      )}
    </>
  );
}
