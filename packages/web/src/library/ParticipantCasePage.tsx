import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useId, useState } from 'react';
import { useParams } from 'wouter';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { loadIdentity } from '../live/storage.ts';
import { useTranslation } from '../useTranslation.ts';
import { submitCaseFromMeeting } from './api.ts';
import { CaseForm, CaseSent } from './CaseForm.tsx';

/**
 * [LB-23] /m/:meetingId/casus: a participant puts a case forward from the meeting on their phone,
 * proven by the identity this browser keeps for the meeting. Its own chunk, off the phone's
 * first load. The case names the meeting as its source, never the person.
 */
export default function ParticipantCasePage() {
  const { t } = useTranslation();
  const uid = useId();
  const { meetingId = '' } = useParams<{ meetingId: string }>();
  const [identity] = useState(() => loadIdentity(meetingId));
  const [sent, setSent] = useState(false);
  const meetingPath = `/m/${encodeURIComponent(meetingId)}`;
  useDocumentTitle(sent ? t('library.submit.done.title') : t('library.participant.title'));
  return (
    <div className="gw-case-submit gw-case-submit--participant">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to={identity ? meetingPath : '/join'}>{identity ? t('library.participant.back') : t('library.participant.join')}</RouterLink>
      </nav>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('library.title')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('library.participant.title')}
        </Heading>
        {sent ? null : <Paragraph>{identity ? t('library.participant.intro') : t('library.participant.noIdentity')}</Paragraph>}
      </div>
      {!identity ? (
        <div className="gw-actions">
          <ButtonLink to="/join">{t('library.participant.join')}</ButtonLink>
        </div>
      ) : sent ? (
        <CaseSent>
          <ButtonLink to={meetingPath}>{t('library.participant.back')}</ButtonLink>
        </CaseSent>
      ) : (
        <CaseForm
          variant="participant"
          send={(draft) => submitCaseFromMeeting(meetingId, { participantId: identity.participantId, secret: identity.secret }, draft)}
          onSent={() => setSent(true)}
          describeFailure={(failure) => (failure.kind === 'not_found' ? t('library.participant.notFound') : null)}
          labelledBy={`${uid}-title`}
          submitLabel={t('library.submit.submit')}
        />
      )}
    </div>
  );
}
