import { localize } from '@goedwerk/core/localize';
import { findStep } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { primitiveLabel } from '../components/labels.ts';
import { QrCode, spacedCode } from '../components/live/QrCode.tsx';
import { Timer } from '../components/live/Timer.tsx';
import type { PanelProps } from './ConsoleContext.ts';
import { participantNamer, participantsInOrder } from './names.ts';

/**
 * Open, start and close the meeting; closing asks once more. The question takes the focus (on its
 * safe answer, so a second Enter does not close the meeting), and cancelling gives it back.
 */
export function Lifecycle({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const [confirmClose, setConfirmClose] = useState(false);
  const asked = useRef(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmClose) cancelRef.current?.focus();
    else if (asked.current) closeRef.current?.focus();
    asked.current = confirmClose;
  }, [confirmClose]);
  if (state.status === 'closed' || state.status === 'reported') return null;
  return (
    <div className="gw-actions gw-lifecycle">
      {state.status === 'draft' ? (
        <Button appearance="primary-action-button" onClick={() => void run({ type: 'OpenMeeting' })}>
          {t('console.lifecycle.open')}
        </Button>
      ) : null}
      {state.status === 'open' ? (
        <Button appearance="primary-action-button" onClick={() => void run({ type: 'StartMeeting' })}>
          {t('console.lifecycle.start')}
        </Button>
      ) : null}
      {state.status === 'open' || state.status === 'running' ? (
        confirmClose ? (
          <div className="gw-confirm" role="group" aria-label={t('console.lifecycle.confirmClose')}>
            <span className="gw-confirm__question">{t('console.lifecycle.confirmClose')}</span>
            <Button
              appearance="primary-action-button"
              hint="danger"
              onClick={() => {
                setConfirmClose(false);
                void run({ type: 'CloseMeeting' });
              }}
            >
              {t('console.lifecycle.closeYes')}
            </Button>
            <Button ref={cancelRef} appearance="secondary-action-button" onClick={() => setConfirmClose(false)}>
              {t('console.cancel')}
            </Button>
          </div>
        ) : (
          <Button ref={closeRef} appearance="secondary-action-button" onClick={() => setConfirmClose(true)}>
            {t('console.lifecycle.close')}
          </Button>
        )
      ) : null}
    </div>
  );
}

/** Start a timer with the step's time box or any number of minutes; pause, resume, add a minute, clear. */
export function TimerPanel({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const uid = useId();
  const step = findStep(state, state.currentStepId)?.step;
  const suggested = step?.timeboxMinutes ?? 5;
  const [minutes, setMinutes] = useState<{ stepId: string | null; value: string }>({ stepId: state.currentStepId, value: String(suggested) });
  // A new step suggests its own time box.
  const value = minutes.stepId === state.currentStepId ? minutes.value : String(suggested);
  const timer = state.timer;
  const running = state.status === 'running';

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const n = Math.round(Number(value));
    if (!Number.isFinite(n) || n < 1 || n > 240) return;
    void run({ type: 'StartTimer', seconds: n * 60 });
  }

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.timer.title')}
      </Heading>
      {timer && running ? <Timer timer={timer} /> : <p className="gw-muted">{t('console.timer.none')}</p>}
      {running ? (
        <>
          <form className="gw-inline-form" onSubmit={start}>
            <label htmlFor={`${uid}-minutes`} className="utrecht-form-label">
              {t('console.timer.minutes')}
            </label>
            <input
              id={`${uid}-minutes`}
              className="gw-textbox gw-textbox--number"
              type="number"
              min={1}
              max={240}
              step={1}
              inputMode="numeric"
              value={value}
              onChange={(e) => setMinutes({ stepId: state.currentStepId, value: e.target.value })}
            />
            <Button type="submit" appearance="primary-action-button">
              {t('console.timer.start')}
            </Button>
          </form>
          {timer ? (
            <div className="gw-button-row">
              {timer.endsAt !== null ? (
                <Button appearance="secondary-action-button" onClick={() => void run({ type: 'PauseTimer' })}>
                  {t('console.timer.pause')}
                </Button>
              ) : (
                <Button appearance="secondary-action-button" onClick={() => void run({ type: 'ResumeTimer' })}>
                  {t('console.timer.resume')}
                </Button>
              )}
              <Button appearance="secondary-action-button" onClick={() => void run({ type: 'ExtendTimer', seconds: 60 })}>
                {t('console.timer.extend')}
              </Button>
              <Button appearance="subtle-button" onClick={() => void run({ type: 'ClearTimer' })}>
                {t('console.timer.clear')}
              </Button>
            </div>
          ) : null}
        </>
      ) : (
        <p className="gw-muted">{t('console.timer.whenRunning')}</p>
      )}
    </section>
  );
}

/** The join code, the join link and its QR code; locking stops new participants, also those still on the join page. */
export function JoinPanel({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const uid = useId();
  const live = state.status === 'open' || state.status === 'running';
  const link = state.joinToken ? `${window.location.origin}/j/${state.joinToken}` : null;
  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.join.title')}
      </Heading>
      {live && state.joinCode && link ? (
        <>
          <dl className="gw-join-facts">
            <dt>{t('console.join.code')}</dt>
            <dd className="gw-join-facts__code">{spacedCode(state.joinCode)}</dd>
            <dt>{t('console.join.link')}</dt>
            <dd className="gw-join-facts__link">{link}</dd>
          </dl>
          <QrCode text={link} label={t('console.join.qrLabel')} className="gw-console-qr" size={320} />
          <p className={state.locked ? 'gw-lock-state gw-lock-state--locked' : 'gw-lock-state'}>
            {state.locked ? t('console.join.locked') : t('console.join.unlocked')}
          </p>
          <Button appearance="secondary-action-button" onClick={() => void run({ type: state.locked ? 'UnlockMeeting' : 'LockMeeting' })}>
            {state.locked ? t('console.join.unlock') : t('console.join.lock')}
          </Button>
        </>
      ) : (
        <p className="gw-muted">{state.status === 'draft' ? t('console.join.openFirst') : t('console.join.ended')}</p>
      )}
    </section>
  );
}

/** Who is here (names only here, never on other screens), with a way to remove someone. */
export function ParticipantsPanel({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const uid = useId();
  const [confirm, setConfirm] = useState<string | null>(null);
  const people = participantsInOrder(state);
  const name = participantNamer(state, t);
  const live = state.status === 'open' || state.status === 'running';
  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.participants.title', { count: people.length })}
      </Heading>
      {people.length === 0 ? (
        <p className="gw-muted">{t('console.participants.none')}</p>
      ) : (
        <ul className="gw-people">
          {people.map((p) => (
            <li key={p.id} className="gw-people__item">
              <span className="gw-people__name">{name(p.id)}</span>
              {live ? (
                confirm === p.id ? (
                  <span className="gw-confirm" role="group" aria-label={t('console.participants.confirm', { name: name(p.id) })}>
                    <Button
                      appearance="primary-action-button"
                      hint="danger"
                      onClick={() => {
                        setConfirm(null);
                        void run({ type: 'RemoveParticipant', participantId: p.id });
                      }}
                    >
                      {t('console.participants.removeYes')}
                    </Button>
                    <Button appearance="subtle-button" onClick={() => setConfirm(null)}>
                      {t('console.cancel')}
                    </Button>
                  </span>
                ) : (
                  <Button
                    appearance="subtle-button"
                    className="gw-people__remove"
                    aria-label={t('console.participants.removeName', { name: name(p.id) })}
                    onClick={() => setConfirm(p.id)}
                  >
                    {t('console.participants.remove')}
                  </Button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {state.removedIds.length > 0 ? <p className="gw-muted">{t('console.participants.removed', { count: state.removedIds.length })}</p> : null}
    </section>
  );
}

/** The agenda, rounds and steps, with the current step marked and a way to go to any step. */
export function AgendaPanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const running = state.status === 'running';
  return (
    <nav className="gw-panel gw-console-panel gw-console-agenda" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.agenda')}
      </Heading>
      <ol className="gw-console-agenda__rounds">
        {state.agenda.map((round) => (
          <li key={round.id} className="gw-console-agenda__round">
            <p className="gw-console-agenda__round-title">{localize(round.title, lang)}</p>
            <ol className="gw-console-agenda__steps">
              {round.steps.map((step) => {
                const current = step.id === state.currentStepId;
                const title = localize(step.title, lang);
                return (
                  <li key={step.id} className={current ? 'gw-console-agenda__step gw-console-agenda__step--current' : 'gw-console-agenda__step'} aria-current={current ? 'step' : undefined}>
                    <span className="gw-console-agenda__step-title">
                      {current ? <span className="gw-console-agenda__now">{t('console.now')}</span> : null}
                      {title}
                      <span className="gw-console-agenda__meta">
                        {primitiveLabel(step.primitive, t)}
                        {step.scope === 'group' ? ` · ${t('scope.group')}` : ''}
                      </span>
                    </span>
                    {running && !current ? (
                      <Button
                        appearance="subtle-button"
                        className="gw-console-agenda__go"
                        aria-label={t('console.goToStep', { title })}
                        onClick={() => void run({ type: 'GoToStep', stepId: step.id })}
                      >
                        {t('console.goTo')}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
    </nav>
  );
}
