import type { Credential, MeetingState } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { agendaSteps, findStep, stepRuntime } from '@goedwerk/core/state';
import { useMemo, useState } from 'react';
import { useParams } from 'wouter';
import { useTranslation } from '../useTranslation.ts';
import { BrandMark } from '../components/Brand.tsx';
import { ConnectionNotice } from '../components/live/ConnectionNotice.tsx';
import { QrCode, spacedCode } from '../components/live/QrCode.tsx';
import { Lessons, StepResults } from '../components/live/Results.tsx';
import { RichText } from '../components/live/StepContent.tsx';
import { Timer } from '../components/live/Timer.tsx';
import { Loading } from '../components/Loading.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { contributionCount, takesInput } from '../live/results.ts';
import { forgetLinkToken, takeLinkToken } from '../live/storage.ts';
import { useLiveSession } from '../live/useLive.ts';

/** Join code, link and QR code, while the meeting takes new participants. */
function JoinPanel({ state, compact }: { state: MeetingState; compact: boolean }) {
  const { t } = useTranslation();
  if (!state.joinCode || !state.joinToken) return null;
  const link = `${window.location.origin}/j/${state.joinToken}`;
  return (
    <aside className={compact ? 'gw-screen__join gw-screen__join--compact' : 'gw-screen__join'} aria-labelledby="screen-join">
      <h2 id="screen-join" className="gw-screen__join-title">
        {t('screen.joinTitle')}
      </h2>
      <QrCode text={link} label={t('screen.qrLabel')} className="gw-screen__qr" />
      <p className="gw-screen__join-line">
        {t('screen.goTo')} <strong className="gw-screen__host">{`${window.location.host}/join`}</strong>
      </p>
      <p className="gw-screen__join-line">{t('screen.enterCode')}</p>
      <p className="gw-screen__code">
        <span aria-hidden="true">{spacedCode(state.joinCode)}</span>
        <span className="gw-visually-hidden">{state.joinCode.split('').join(' ')}</span>
      </p>
    </aside>
  );
}

function Stage({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const finale = (text: string) => (
    <div className="gw-screen__finale">
      <p className="gw-screen__lead">{text}</p>
      <p className="gw-screen__brand">
        <BrandMark className="gw-brand__mark" />
        {t('app.name')}
      </p>
    </div>
  );
  if (state.status === 'draft') return finale(t('screen.draft'));
  if (state.status === 'open') {
    return (
      <div className="gw-screen__welcome">
        {state.spec.subtitle ? <p className="gw-screen__subtitle">{localize(state.spec.subtitle, lang)}</p> : null}
        <p className="gw-screen__lead">{t('screen.welcome')}</p>
      </div>
    );
  }
  if (state.status === 'closed' || state.status === 'reported') return finale(t('screen.closed'));
  const located = findStep(state, state.currentStepId);
  if (!located) return null;
  const { step, round, index } = located;
  const runtime = stepRuntime(state, step.id);
  const total = agendaSteps(state.agenda).length;
  const body = step.primitive === 'info' && step.body ? localize(step.body, lang) : '';
  const answers = contributionCount(runtime);
  return (
    <section className="gw-screen__step" aria-labelledby="screen-step">
      <p className="gw-screen__label">
        {t('screen.stepOf', { number: index + 1, total })} · {localize(round.title, lang)}
      </p>
      <h2 className="gw-screen__step-title" id="screen-step">
        {localize(step.title, lang)}
      </h2>
      {step.prompt ? <RichText text={localize(step.prompt, lang)} className="gw-screen__prompt" /> : null}
      {body ? <RichText text={body} className="gw-screen__body" /> : null}
      {takesInput(step) && !runtime.revealed ? (
        <p className="gw-screen__meta" role="status">
          {step.primitive === 'cards' ? t('screen.cardsSoFar', { count: answers }) : t('screen.answersSoFar', { count: answers })}
          {runtime.inputOpen ? '' : ` · ${t('screen.inputClosed')}`}
        </p>
      ) : null}
      {takesInput(step) && runtime.revealed ? (
        <section className="gw-screen__results" aria-labelledby="screen-results">
          <h3 id="screen-results" className="gw-screen__results-title">
            {step.scope === 'group' ? t('screen.reportBack') : t('screen.results')}
          </h3>
          <StepResults state={state} step={step} runtime={runtime} level={4} />
        </section>
      ) : null}
      <Lessons state={state} stepIds={round.steps.map((s) => s.id)} level={3} className="gw-screen__lessons" />
    </section>
  );
}

function ScreenView({ state, connection }: { state: MeetingState; connection: Parameters<typeof ConnectionNotice>[0]['connection'] }) {
  const { t, i18n } = useTranslation();
  const title = localize(state.spec.title, i18n.language);
  useDocumentTitle(`${t('screen.title')}: ${title}`);
  const joinable = (state.status === 'open' || state.status === 'running') && !state.locked && state.joinCode !== null;
  const count = Object.keys(state.participants).length;
  return (
    <>
      <header className="gw-screen__header">
        <h1 className="gw-screen__title">{title}</h1>
        <div className="gw-screen__stats">
          <p className="gw-screen__count">{t('screen.participants', { count })}</p>
          {state.timer && state.status === 'running' ? <Timer timer={state.timer} variant="screen" /> : null}
        </div>
      </header>
      <ConnectionNotice connection={connection} pending={0} className="gw-screen__connection" />
      <div className={joinable ? 'gw-screen__body gw-screen__body--join' : 'gw-screen__body'}>
        <div className="gw-screen__stage">
          <Stage state={state} />
        </div>
        {joinable ? <JoinPanel state={state} compact={state.status === 'running'} /> : null}
      </div>
    </>
  );
}

/** The presentation screen (/screen/:meetingId#token=…): readable from the back of the room, no site navigation. */
export default function ScreenPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams<{ meetingId: string }>();
  const [token] = useState(() => takeLinkToken(meetingId, 'screen'));
  const credential = useMemo<Credential | null>(() => (token ? { kind: 'screen', token } : null), [token]);
  const session = useLiveSession(meetingId, credential, `goedwerk.outbox.${meetingId}.screen`);
  const refused = session?.connection === 'refused';
  if (refused) forgetLinkToken(meetingId, 'screen');
  let content;
  if (!token || refused) {
    content = (
      <div className="gw-screen__message">
        <h1 className="gw-screen__title">{t('screen.title')}</h1>
        <p className="gw-screen__lead">{refused ? t('screen.badLink') : t('screen.needLink')}</p>
      </div>
    );
  } else if (!session?.state) {
    content = session?.connection === 'reconnecting' ? <ConnectionNotice connection="reconnecting" pending={0} className="gw-screen__connection" /> : <Loading />;
  } else {
    content = <ScreenView state={session.state} connection={session.connection} />;
  }
  return (
    <main id="main" className="gw-screen">
      {content}
    </main>
  );
}
