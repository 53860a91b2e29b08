import type { Credential } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useMemo, useState } from 'react';
import { useParams } from 'wouter';
import { useTranslation } from '../useTranslation.ts';
import { errorText } from '../components/live/errors.ts';
import { ConnectionNotice } from '../components/live/ConnectionNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { RouterLink } from '../components/RouterLink.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { CurrentStepPanel, FacilitatorNotePanel, ProxyPanel } from '../console/CurrentStep.tsx';
import { GroupsPanel } from '../console/Groups.tsx';
import { ClusterPanel, LessonsPanel } from '../console/Harvest.tsx';
import { ComposePanel } from '../console/Compose.tsx';
import { AgendaPanel, JoinPanel, Lifecycle, ParticipantsPanel, TimerPanel } from '../console/panels.tsx';
import type { LiveSession } from '../live/session.ts';
import { forgetLinkToken, takeLinkToken } from '../live/storage.ts';
import { useCommands } from '../live/useLive.ts';
import { useLiveSession } from '../live/useLive.ts';
import { CardsButton } from '../console/CardsButton.tsx';

function Console({ session, reportLink, token }: { session: LiveSession; reportLink: string; token: string }) {
  const { t, i18n } = useTranslation();
  const { run, rejection, dismiss } = useCommands(session);
  const state = session.state;
  const title = state ? localize(state.spec.title, i18n.language) : '';
  useDocumentTitle(state ? `${t('console.title')}: ${title}` : t('console.title'));
  if (!state) return <Loading />;
  const props = { state, session, run };
  return (
    <div className="gw-console">
      <header className="gw-console__head">
        <div>
          <p className="gw-kicker">{t('console.title')}</p>
          <Heading level={1}>{title}</Heading>
          <div className="gw-meta-row">
            <StatusBadge status={state.status} />
            <span>{t('console.participants.count', { count: Object.keys(state.participants).length })}</span>
            {/* The console's link also opens the report: the facilitator may write it, as a rapporteur does. */}
            <RouterLink to={reportLink} className="gw-console__report-link">
              {t('report.consoleLink')}
            </RouterLink>
            {state.spec.caseIds.length > 0 ? <CardsButton meetingId={state.id} token={token} /> : null}
          </div>
        </div>
        <Lifecycle {...props} />
      </header>
      <ConnectionNotice connection={session.connection} pending={session.pending.length} />
      <div role="alert" className="gw-console__alert">
        {rejection ? (
          <div className="utrecht-alert utrecht-alert--error gw-alert">
            <div className="utrecht-alert__content">
              <div className="utrecht-alert__message">
                <Paragraph>
                  {t('console.rejected', {
                    reason: rejection.command === 'EditStep' && rejection.code === 'forbidden' ? t('console.compose.hasContributions') : errorText(rejection.code, t),
                  })}
                </Paragraph>
                <Button appearance="subtle-button" onClick={dismiss}>
                  {t('console.dismiss')}
                </Button>
              </div>
            </div>
          </div>
        ) : null}
      </div>
      <div className="gw-console__grid">
        <div className="gw-console__agenda">
          <AgendaPanel {...props} />
        </div>
        <div className="gw-console__main">
          <CurrentStepPanel {...props} />
          <ComposePanel {...props} />
          <ClusterPanel key={`cluster:${state.currentStepId ?? ''}`} {...props} />
          <LessonsPanel {...props} />
          <FacilitatorNotePanel key={`note:${state.currentStepId ?? ''}`} {...props} />
          <ProxyPanel key={state.currentStepId ?? ''} {...props} />
          <GroupsPanel {...props} />
        </div>
        <div className="gw-console__side">
          <TimerPanel {...props} />
          <JoinPanel {...props} />
          <ParticipantsPanel {...props} />
        </div>
      </div>
      <p className="gw-muted gw-console__foot">{t('console.screenHint')}</p>
    </div>
  );
}

/** The facilitator console (/console/:meetingId#token=…, desktop): runs the meeting live. */
export default function ConsolePage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams<{ meetingId: string }>();
  const [token] = useState(() => takeLinkToken(meetingId, 'facilitator'));
  const credential = useMemo<Credential | null>(() => (token ? { kind: 'facilitator', token } : null), [token]);
  const session = useLiveSession(meetingId, credential, `goedwerk.outbox.${meetingId}.facilitator`);
  const refused = session?.connection === 'refused';
  if (refused) forgetLinkToken(meetingId, 'facilitator');
  const back = (
    <nav aria-label={t('breadcrumb.label')} className="gw-back">
      <RouterLink to={`/meetings/${encodeURIComponent(meetingId)}`}>{t('console.back')}</RouterLink>
    </nav>
  );
  if (!token || refused) {
    return (
      <>
        {back}
        <NoAccess refused={refused} />
      </>
    );
  }
  return (
    <>
      {back}
      {session ? <Console session={session} token={token} reportLink={`/report/${encodeURIComponent(meetingId)}#token=${encodeURIComponent(token)}`} /> : <Loading />}
    </>
  );
}

function NoAccess({ refused }: { refused: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t('console.title'));
  return (
    <div className="gw-page-intro">
      <p className="gw-kicker">{t('console.title')}</p>
      <Heading level={1}>{refused ? t('console.badLinkTitle') : t('console.needLinkTitle')}</Heading>
      <Paragraph>{refused ? t('console.badLink') : t('console.needLink')}</Paragraph>
    </div>
  );
}
