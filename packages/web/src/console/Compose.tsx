import type { MethodListResponse, MethodTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { agendaSteps, stepRuntime } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { getJson, useApi } from '../api.ts';
import { errorText } from '../components/live/errors.ts';
import type { PanelProps } from './ConsoleContext.ts';

/**
 * [AG-1, AG-2] Before the meeting starts: add a round from any method at a position, remove a
 * round, and change a step's title, prompt and time box (refused once a step has contributions).
 */
export function ComposePanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const [methods] = useApi<MethodListResponse>('/api/methods');
  const [methodId, setMethodId] = useState('');
  const [roundId, setRoundId] = useState('');
  const [position, setPosition] = useState('end');
  const [addStatus, setAddStatus] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [stepId, setStepId] = useState('');
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [minutes, setMinutes] = useState('');
  const [editError, setEditError] = useState<string | null>(null);
  const [editStatus, setEditStatus] = useState('');
  const composing = state.status === 'draft' || state.status === 'open';
  if (!composing) return null;
  const list = methods.state === 'loaded' ? methods.data.methods : [];
  const method = list.find((m) => m.id === methodId);
  const steps = agendaSteps(state.agenda);
  const editStep = steps.find((s) => s.step.id === stepId)?.step;

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!methodId || !roundId) {
      setAddError(t('console.compose.pickRound'));
      return;
    }
    setAddError(null);
    setAddStatus(t('live.sending'));
    try {
      const { method: whole } = await getJson<{ method: MethodTemplate }>(`/api/methods/${encodeURIComponent(methodId)}`);
      const round = whole.rounds.find((r) => r.id === roundId);
      if (!round) throw new Error('no round');
      const index = position === 'end' ? state.agenda.length : Number(position);
      const outcome = await run({ type: 'AddRound', round, index });
      if (outcome?.ok) setAddStatus(t('console.compose.added', { title: localize(round.title, lang) }));
      else {
        setAddStatus('');
        setAddError(outcome ? errorText(outcome.code, t) : t('errors.unknown'));
      }
    } catch {
      setAddStatus('');
      setAddError(t('errors.unknown'));
    }
  }

  function pickStep(id: string) {
    setStepId(id);
    setEditError(null);
    setEditStatus('');
    const s = steps.find((x) => x.step.id === id)?.step;
    setTitle(s ? localize(s.title, lang) : '');
    setPrompt(s?.prompt ? localize(s.prompt, lang) : '');
    setMinutes(s?.timeboxMinutes ? String(s.timeboxMinutes) : '');
  }

  async function edit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editStep) {
      setEditError(t('console.compose.pickStep'));
      return;
    }
    if (Object.keys(stepRuntime(state, editStep.id).contributions).length > 0) {
      setEditError(t('console.compose.hasContributions'));
      return;
    }
    const both = (old: { nl: string; en: string } | undefined, value: string) =>
      lang === 'en' ? { nl: old?.nl ?? value, en: value } : { nl: value, en: old?.en ?? value };
    const changes: { title?: { nl: string; en: string }; prompt?: { nl: string; en: string }; timeboxMinutes?: number } = {};
    if (title.trim() && title.trim() !== localize(editStep.title, lang)) changes.title = both(editStep.title, title.trim());
    if (prompt.trim() && prompt.trim() !== localize(editStep.prompt, lang)) changes.prompt = both(editStep.prompt, prompt.trim());
    const n = Math.round(Number(minutes));
    if (minutes.trim() !== '') {
      if (!Number.isFinite(n) || n < 1 || n > 240) {
        setEditError(t('console.compose.badMinutes'));
        return;
      }
      if (n !== editStep.timeboxMinutes) changes.timeboxMinutes = n;
    }
    if (Object.keys(changes).length === 0) {
      setEditStatus(t('console.compose.nothing'));
      return;
    }
    const outcome = await run({ type: 'EditStep', stepId: editStep.id, changes });
    if (outcome?.ok) {
      setEditError(null);
      setEditStatus(t('console.compose.saved'));
    } else if (outcome) {
      setEditError(outcome.code === 'forbidden' ? t('console.compose.hasContributions') : errorText(outcome.code, t));
    }
  }

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.compose.title')}
      </Heading>
      <p className="gw-muted">{t('console.compose.intro')}</p>
      <ol className="gw-compose-rounds">
        {state.agenda.map((round) => (
          <li key={round.id} className="gw-compose-round">
            <div className="gw-compose-round__row">
            <span>
              <strong>{localize(round.title, lang)}</strong> <span className="gw-muted">{t('console.compose.steps', { count: round.steps.length })}</span>
            </span>
            {state.agenda.length > 1 ? (
              <Button appearance="subtle-button" aria-label={t('console.compose.removeLabel', { title: localize(round.title, lang) })} onClick={() => void run({ type: 'RemoveRound', roundId: round.id })}>
                {t('console.compose.remove')}
              </Button>
            ) : null}
            </div>
          </li>
        ))}
      </ol>

      <form className="gw-proxy-form" noValidate onSubmit={(e) => void add(e)} aria-labelledby={`${uid}-add`}>
        <Heading level={3} appearance="level-5" id={`${uid}-add`}>
          {t('console.compose.add')}
        </Heading>
        {addError ? (
          <p className="gw-form-field__error" role="alert">
            {addError}
          </p>
        ) : null}
        <div className="gw-form-field">
          <label htmlFor={`${uid}-method`} className="utrecht-form-label gw-form-field__label">
            {t('console.compose.method')}
          </label>
          <select
            id={`${uid}-method`}
            className="gw-select"
            value={methodId}
            onChange={(e) => {
              setMethodId(e.target.value);
              setRoundId('');
            }}
          >
            <option value="">{methods.state === 'loading' ? t('live.loadingInput') : t('console.proxy.pick')}</option>
            {list.map((m) => (
              <option key={m.id} value={m.id}>
                {localize(m.name, lang)}
              </option>
            ))}
          </select>
        </div>
        {method ? (
          <div className="gw-form-field">
            <label htmlFor={`${uid}-round`} className="utrecht-form-label gw-form-field__label">
              {t('console.compose.round')}
            </label>
            <select id={`${uid}-round`} className="gw-select" value={roundId} onChange={(e) => setRoundId(e.target.value)}>
              <option value="">{t('console.proxy.pick')}</option>
              {method.rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {localize(r.title, lang)} {t('console.compose.steps', { count: r.stepCount })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="gw-form-field">
          <label htmlFor={`${uid}-position`} className="utrecht-form-label gw-form-field__label">
            {t('console.compose.position')}
          </label>
          <select id={`${uid}-position`} className="gw-select" value={position} onChange={(e) => setPosition(e.target.value)}>
            {state.agenda.map((r, i) => (
              <option key={r.id} value={String(i)}>
                {t('console.compose.before', { title: localize(r.title, lang) })}
              </option>
            ))}
            <option value="end">{t('console.compose.atEnd')}</option>
          </select>
        </div>
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button">
            {t('console.compose.addButton')}
          </Button>
        </div>
        <p className="gw-save-status" role="status">
          {addStatus}
        </p>
      </form>

      <form className="gw-proxy-form" noValidate onSubmit={(e) => void edit(e)} aria-labelledby={`${uid}-edit`}>
        <Heading level={3} appearance="level-5" id={`${uid}-edit`}>
          {t('console.compose.edit')}
        </Heading>
        {editError ? (
          <p className="gw-form-field__error" role="alert">
            {editError}
          </p>
        ) : null}
        <div className="gw-form-field">
          <label htmlFor={`${uid}-step`} className="utrecht-form-label gw-form-field__label">
            {t('console.compose.step')}
          </label>
          <select id={`${uid}-step`} className="gw-select" value={stepId} onChange={(e) => pickStep(e.target.value)}>
            <option value="">{t('console.proxy.pick')}</option>
            {steps.map((s) => (
              <option key={s.step.id} value={s.step.id}>
                {s.index + 1}. {localize(s.step.title, lang)}
              </option>
            ))}
          </select>
        </div>
        {editStep ? (
          <>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-stitle`} className="utrecht-form-label gw-form-field__label">
                {t('console.compose.stepTitle')}
              </label>
              <input id={`${uid}-stitle`} className="gw-textbox" type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-sprompt`} className="utrecht-form-label gw-form-field__label">
                {t('console.compose.prompt')}
              </label>
              <textarea id={`${uid}-sprompt`} className="gw-textbox gw-textarea" rows={4} maxLength={2000} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
            </div>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-sminutes`} className="utrecht-form-label gw-form-field__label">
                {t('console.compose.minutes')}
              </label>
              <input id={`${uid}-sminutes`} className="gw-textbox gw-textbox--narrow" type="number" inputMode="numeric" min={1} max={240} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
            </div>
            <div className="gw-button-row">
              <Button type="submit" appearance="primary-action-button">
                {t('console.compose.saveStep')}
              </Button>
            </div>
          </>
        ) : null}
        <p className="gw-save-status" role="status">
          {editStatus}
        </p>
      </form>
    </section>
  );
}
