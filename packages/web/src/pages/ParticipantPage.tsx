import type { Credential } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'wouter';
import { useTranslation } from '../useTranslation.ts';
import { ConnectionNotice } from '../components/live/ConnectionNotice.tsx';
import { Loading } from '../components/Loading.tsx';
import { ButtonLink, RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { lookUpJoin } from '../live/join.ts';
import { loadIdentity, type ParticipantIdentity, saveIdentity } from '../live/storage.ts';
import { useLiveSession } from '../live/useLive.ts';
import { Agreement } from '../participant/Agreement.tsx';
import { LiveView } from '../participant/LiveView.tsx';
import { keepsNamed, YourData } from '../participant/YourData.tsx';

type Stop = 'no-identity' | 'removed' | 'locked' | 'closed' | 'gone';

/** A state in which the participant cannot (or can no longer) take part, with what they can do. */
function Stopped({ kind, retry }: { kind: Stop; retry?: () => void }) {
  const { t } = useTranslation();
  const texts: Record<Stop, { title: string; text: string }> = {
    'no-identity': { title: t('live.noIdentity.title'), text: t('live.noIdentity.text') },
    removed: { title: t('live.removed.title'), text: t('live.removed.text') },
    locked: { title: t('live.locked.title'), text: t('live.locked.text') },
    closed: { title: t('live.closed.title'), text: t('live.closed.joinText') },
    gone: { title: t('live.gone.title'), text: t('live.gone.text') },
  };
  const { title, text } = texts[kind];
  useDocumentTitle(title);
  return (
    <div className="gw-join">
      <div role="status" className={`utrecht-alert ${kind === 'locked' || kind === 'removed' ? 'utrecht-alert--warning' : 'utrecht-alert--info'} gw-alert`}>
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            <Heading level={1} appearance="level-3">
              {title}
            </Heading>
            <Paragraph>{text}</Paragraph>
          </div>
        </div>
      </div>
      <div className="gw-actions">
        {retry ? (
          <Button appearance="primary-action-button" onClick={retry}>
            {t('live.tryAgain')}
          </Button>
        ) : null}
        {kind !== 'removed' ? (
          <ButtonLink to="/join" appearance={retry ? 'secondary' : 'primary'}>
            {t('join.useCode')}
          </ButtonLink>
        ) : null}
      </div>
    </div>
  );
}

/** After a refused hello of someone who has not joined yet: is the meeting locked, or no longer taking anybody? */
function useRefusalReason(refused: boolean, joinCode: string | undefined): Stop | null {
  const [reason, setReason] = useState<Stop | null>(null);
  useEffect(() => {
    if (!refused) {
      setReason(null);
      return undefined;
    }
    let cancelled = false;
    if (joinCode === undefined) setReason('gone');
    else
      void lookUpJoin({ code: joinCode }).then((result) => {
        if (!cancelled) setReason(result.ok ? (result.meeting.locked ? 'locked' : 'gone') : 'closed');
      });
    return () => {
      cancelled = true;
    };
  }, [refused, joinCode]);
  return reason;
}

function Participant({ meetingId, identity, update }: { meetingId: string; identity: ParticipantIdentity; update: (change: Partial<ParticipantIdentity>) => void }) {
  const { t, i18n } = useTranslation();
  const [attempt, setAttempt] = useState(0);
  const { participantId, secret, joinCode } = identity;
  const credential = useMemo<Credential>(
    () => ({ kind: 'participant', participantId, secret, ...(joinCode !== undefined ? { joinCode } : {}) }),
    [participantId, secret, joinCode],
  );
  const session = useLiveSession(meetingId, credential, `goedwerk.outbox.${meetingId}.${participantId}`, attempt);
  const connection = session?.connection ?? 'connecting';
  const state = session?.state ?? null;
  const me = state?.participants[participantId];
  const refusedNewcomer = connection === 'refused' && !identity.joined;
  const refusal = useRefusalReason(refusedNewcomer, joinCode);

  useEffect(() => {
    if (me && !identity.joined) update({ joined: true });
  }, [me, identity.joined, update]);
  useEffect(() => {
    if (connection === 'removed' && !identity.removed) update({ removed: true });
  }, [connection, identity.removed, update]);

  if (identity.removed || connection === 'removed') return <Stopped kind="removed" />;
  if (connection === 'refused') {
    if (identity.joined) return <Stopped kind="removed" />;
    if (refusal === null) return <Loading />;
    return <Stopped kind={refusal} retry={refusal === 'locked' || refusal === 'gone' ? () => setAttempt((n) => n + 1) : undefined} />;
  }
  if (!session || !state) {
    return connection === 'reconnecting' ? <ConnectionNotice connection={connection} pending={0} /> : <Loading />;
  }
  const notice = <ConnectionNotice connection={connection} pending={session.pending.length} />;
  if (!me) {
    if (state.removedIds.includes(participantId)) return <Stopped kind="removed" />;
    if (state.status === 'closed' || state.status === 'reported') return <Stopped kind="closed" />;
    if (state.locked) return <Stopped kind="locked" />;
    return (
      <>
        {notice}
        <Agreement
          title={localize(state.spec.title, i18n.language)}
          anonymous={state.spec.anonymous === true}
          join={(displayName) => session.send({ type: 'JoinMeeting', acceptConfidentiality: true, ...(displayName ? { displayName } : {}) })}
        />
      </>
    );
  }
  return (
    <>
      {notice}
      <LiveView session={session} state={state} participantId={participantId} meetingId={meetingId} />
      <p className="gw-live__privacy">{t('join.privacyNote')}</p>
      {/* [LB-23] At the foot, out of the meeting's way: a dilemma of one's own for the case library (its own chunk). */}
      <p className="gw-live__privacy gw-live__propose">
        <RouterLink to={`/m/${encodeURIComponent(meetingId)}/casus`}>{t('live.proposeCase')}</RouterLink>
      </p>
      <YourData meetingId={meetingId} participantId={participantId} secret={secret} keepsNamed={keepsNamed(state)} />
    </>
  );
}

/** /m/:meetingId — the participant's phone during the meeting. */
export default function ParticipantPage() {
  const { meetingId = '' } = useParams<{ meetingId: string }>();
  const [identity, setIdentity] = useState(() => loadIdentity(meetingId));
  const update = useMemo(
    () => (change: Partial<ParticipantIdentity>) =>
      setIdentity((current) => {
        if (!current) return current;
        const next = { ...current, ...change };
        saveIdentity(meetingId, next);
        return next;
      }),
    [meetingId],
  );
  if (!identity) return <Stopped kind="no-identity" />;
  return <Participant key={meetingId} meetingId={meetingId} identity={identity} update={update} />;
}
