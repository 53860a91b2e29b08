import type { CaseResponse, ContributionPayload, MeetingState } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { findStep, groupOf, stepRuntime } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { useApi } from '../api.ts';
import { type CardReactions, Lessons, StepResults } from '../components/live/Results.tsx';
import { StepContent } from '../components/live/StepContent.tsx';
import { Timer } from '../components/live/Timer.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { takesInput } from '../live/results.ts';
import type { LiveSession } from '../live/session.ts';
import { CardsInput, ChoiceInput, DotsInput, NoteInput, type Save, ScaleInput } from './inputs.tsx';
import { useMine } from './mine.ts';
import { newContributionId } from '../live/storage.ts';

const MapInput = lazy(() => import('./MapInput.tsx'));
const GridInput = lazy(() => import('./GridInput.tsx'));

/** Tells screen reader users politely what changed in the room (a new step, input closed, results shown); never moves focus. */
function useAnnouncement(state: MeetingState, lang: string): string {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const step = findStep(state, state.currentStepId)?.step;
  const runtime = step ? stepRuntime(state, step.id) : null;
  const now = { status: state.status, stepId: step?.id ?? null, open: runtime?.inputOpen ?? false, revealed: runtime?.revealed ?? false };
  const before = useRef(now);
  useEffect(() => {
    const prev = before.current;
    before.current = now;
    if (now.status !== prev.status) {
      if (now.status === 'closed') setMessage(t('live.closed.title'));
      else if (now.status === 'running' && step) setMessage(t('live.announce.step', { title: localize(step.title, lang) }));
    } else if (now.stepId !== prev.stepId && step) {
      setMessage(t('live.announce.step', { title: localize(step.title, lang) }));
    } else if (now.revealed && !prev.revealed) {
      setMessage(t('live.announce.revealed'));
    } else if (now.open !== prev.open) {
      setMessage(now.open ? t('live.announce.inputOpened') : t('live.announce.inputClosed'));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [now.status, now.stepId, now.open, now.revealed]);
  return message;
}

/** The case the facilitator gave this group, to read on the phone during the group's steps. */
function GroupCase({ caseId, lang }: { caseId: string; lang: string }) {
  const { t } = useTranslation();
  const [found] = useApi<CaseResponse>(`/api/cases/${encodeURIComponent(caseId)}`);
  if (found.state !== 'loaded') return null;
  const item = found.data.case;
  return (
    <details className="gw-live-case">
      <summary>
        {t('live.group.case')} <strong>{localize(item.title, lang)}</strong>
      </summary>
      <p className="gw-note-text">{localize(item.situation, lang)}</p>
    </details>
  );
}

function Notice({ children, tone = 'info' }: { children: string; tone?: 'info' | 'warning' }) {
  return <p className={tone === 'warning' ? 'gw-live-notice gw-live-notice--warning' : 'gw-live-notice'}>{children}</p>;
}

/** The current step on the phone: what it asks, the input for it, and its results once revealed. */
function CurrentStep({ session, state, participantId, meetingId }: { session: LiveSession; state: MeetingState; participantId: string; meetingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [mine, setMine] = useMine(meetingId, participantId);
  const located = findStep(state, state.currentStepId);
  useDocumentTitle(located ? localize(located.step.title, lang) : t('live.title'));
  if (!located) return <Notice>{t('live.waiting.text')}</Notice>;
  const { step, round } = located;
  const runtime = stepRuntime(state, step.id);
  const group = groupOf(state, participantId);
  const groupStep = step.scope === 'group';
  const stepMine = mine[step.id] ?? {};

  const save: Save = async (contributionId, payload: ContributionPayload, apply, undo) => {
    setMine(step.id, apply);
    const outcome = await session.send({ type: 'SubmitContribution', stepId: step.id, contributionId, payload });
    if (!outcome.ok) setMine(step.id, undo);
    return outcome;
  };
  const isPending = (id: string) => session.pending.some((p) => p.command.type === 'SubmitContribution' && p.command.contributionId === id);

  // "I recognise this" on a revealed card: one stable reaction id per card, withdrawn to undo.
  const reactions: CardReactions = {
    isOn: (cardId) => stepMine.reactions?.[cardId]?.on ?? false,
    toggle: (cardId) => {
      const earlier = stepMine.reactions?.[cardId];
      const id = earlier?.id ?? newContributionId();
      const on = !(earlier?.on ?? false);
      const set = (value: boolean) => setMine(step.id, (m) => ({ ...m, reactions: { ...m.reactions, [cardId]: { id, on: value } } }));
      set(on);
      void session
        .send(on ? { type: 'React', stepId: step.id, reactionId: id, targetId: cardId } : { type: 'WithdrawReaction', stepId: step.id, reactionId: id })
        .then((outcome) => {
          if (!outcome.ok) set(!on);
        });
    },
  };

  let input = null;
  if (takesInput(step)) {
    if (groupStep && !group) input = <Notice>{t('live.group.none')}</Notice>;
    else if (!runtime.inputOpen) input = <Notice tone="warning">{t('live.inputClosed')}</Notice>;
    else {
      const props = { mine: stepMine, save, isPending };
      switch (step.primitive) {
        case 'choice':
          input =
            step.dots !== undefined ? (
              <DotsInput key={step.id} {...props} step={step} />
            ) : (
              <ChoiceInput key={step.id} {...props} step={step} pairedId={step.pairedWith ? mine[step.pairedWith]?.choice?.id : undefined} />
            );
          break;
        case 'cards':
          input = <CardsInput key={step.id} {...props} step={step} />;
          break;
        case 'scale':
          input = <ScaleInput key={step.id} {...props} step={step} />;
          break;
        case 'map':
          input = (
            <Suspense fallback={<Notice>{t('live.loadingInput')}</Notice>}>
              <MapInput key={step.id} {...props} step={step} />
            </Suspense>
          );
          break;
        case 'grid':
          input = (
            <Suspense fallback={<Notice>{t('live.loadingInput')}</Notice>}>
              <GridInput key={`${step.id}:${group?.id ?? ''}`} {...props} step={step} runtime={runtime} group={group} participantId={participantId} />
            </Suspense>
          );
          break;
        case 'note':
          input = <NoteInput key={`${step.id}:${group?.id ?? ''}`} {...props} step={step} runtime={runtime} group={group} participantId={participantId} />;
          break;
      }
    }
  }

  return (
    <article className="gw-live-step" aria-labelledby="live-step-title">
      <p className="gw-kicker">{localize(round.title, lang)}</p>
      <Heading level={1} id="live-step-title">
        {localize(step.title, lang)}
      </Heading>
      {groupStep && group ? (
        <p className="gw-live-group">
          <span className="gw-live-group__label">{t('live.group.yours')}</span> <strong>{group.name}</strong>
          {' · '}
          {t('live.group.members', { count: group.memberIds.length })}
        </p>
      ) : null}
      {groupStep && group?.caseId ? <GroupCase caseId={group.caseId} lang={lang} /> : null}
      {groupStep && group?.dilemma ? (
        <p className="gw-live-group">{t('live.group.dilemma', { a: group.dilemma.hornA, b: group.dilemma.hornB })}</p>
      ) : null}
      <StepContent step={step} lang={lang} />
      {input}
      {runtime.revealed && takesInput(step) ? (
        <section className="gw-live-results" aria-labelledby="live-results">
          <h2 id="live-results" className="gw-live-subheading">
            {groupStep ? t('live.results.reportBack') : t('live.results.title')}
          </h2>
          <StepResults state={state} step={step} runtime={runtime} level={3} reactions={runtime.inputOpen || state.status === 'running' ? reactions : undefined} />
        </section>
      ) : null}
      <Lessons state={state} stepIds={round.steps.map((s) => s.id)} level={2} />
    </article>
  );
}

/** Everything a joined participant sees, following the meeting live. */
export function LiveView({ session, state, participantId, meetingId }: { session: LiveSession; state: MeetingState; participantId: string; meetingId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const announcement = useAnnouncement(state, lang);
  const title = localize(state.spec.title, lang);
  let body;
  switch (state.status) {
    case 'draft':
    case 'open':
      body = <Waiting title={title} />;
      break;
    case 'running':
      body = <CurrentStep session={session} state={state} participantId={participantId} meetingId={meetingId} />;
      break;
    case 'closed':
    case 'reported':
      body = <Closed />;
      break;
  }
  return (
    <div className="gw-live">
      <div className="gw-live__top">
        <p className="gw-live__meeting">{title}</p>
        {state.timer && state.status === 'running' ? <Timer timer={state.timer} /> : null}
      </div>
      <p className="gw-visually-hidden" role="status">
        {announcement}
      </p>
      {body}
    </div>
  );
}

function Waiting({ title }: { title: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('live.waiting.title'));
  return (
    <div className="gw-live-state">
      <Heading level={1}>{t('live.waiting.title')}</Heading>
      <Paragraph>{t('live.waiting.joined', { title })}</Paragraph>
      <Paragraph>{t('live.waiting.text')}</Paragraph>
    </div>
  );
}

function Closed() {
  const { t } = useTranslation();
  useDocumentTitle(t('live.closed.title'));
  return (
    <div className="gw-live-state">
      <Heading level={1}>{t('live.closed.title')}</Heading>
      <Paragraph>{t('live.closed.text')}</Paragraph>
    </div>
  );
}
