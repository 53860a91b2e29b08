import type { ContributionPayload, MeetingState, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { agendaSteps, findStep, stepRuntime } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { primitiveLabel, scopeLabel, visibilityLabel } from '../components/labels.ts';
import { StepResults } from '../components/live/Results.tsx';
import { StepContent } from '../components/live/StepContent.tsx';
import { contributionCount, groupNote, takesInput } from '../live/results.ts';
import { newContributionId, readJson, writeJson } from '../live/storage.ts';
import type { PanelProps } from './ConsoleContext.ts';

/** Counts only (never who): participants, answers, proxy entries, and per group for a group step. */
function Progress({ state, step }: { state: MeetingState; step: StepTemplate }) {
  const { t } = useTranslation();
  const runtime = stepRuntime(state, step.id);
  const all = Object.values(runtime.contributions);
  const proxies = all.filter((c) => c.proxy).length;
  const participants = Object.keys(state.participants).length;
  const noun = step.primitive === 'cards' ? t('console.progress.cards', { count: all.length }) : t('console.progress.answers', { count: all.length });
  return (
    <div className="gw-progress">
      <p className="gw-progress__line" role="status">
        {t('console.progress.participants', { count: participants })} · {noun}
        {proxies > 0 ? ` · ${t('console.progress.proxies', { count: proxies })}` : ''}
      </p>
      {step.scope === 'group' && state.groups.length > 0 ? (
        <table className="gw-table gw-progress__groups">
          <caption>{t('console.progress.perGroup')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.groups.group')}</th>
              <th scope="col">{t('console.groups.members')}</th>
              <th scope="col">{step.primitive === 'note' ? t('console.progress.note') : t('console.progress.contributions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.groups.map((g) => {
              const note = step.primitive === 'note' ? groupNote(runtime, g.id) : null;
              const words = note ? note.trim().split(/\s+/).filter(Boolean).length : 0;
              return (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td>{g.memberIds.length}</td>
                  <td>{step.primitive === 'note' ? (words > 0 ? t('console.progress.words', { count: words }) : t('console.progress.empty')) : contributionCount(runtime, g.id)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The step that is on now: navigation, input, reveal, progress, and the results as only the facilitator sees them before revealing. */
export function CurrentStepPanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const located = findStep(state, state.currentStepId);
  const heading = (
    <Heading level={2} id={`${uid}-title`}>
      {t('console.step.title')}
    </Heading>
  );
  if (state.status !== 'running' || !located) {
    return (
      <section className="gw-panel gw-console-now" aria-labelledby={`${uid}-title`}>
        {heading}
        <p className="gw-muted">
          {state.status === 'draft'
            ? t('console.step.draft')
            : state.status === 'open'
              ? t('console.step.open')
              : t('console.step.ended')}
        </p>
      </section>
    );
  }
  const { step, round, index } = located;
  const total = agendaSteps(state.agenda).length;
  const runtime = stepRuntime(state, step.id);
  const input = takesInput(step);
  return (
    <section className="gw-panel gw-console-now" aria-labelledby={`${uid}-title`}>
      {heading}
      <p className="gw-kicker">
        {t('console.step.position', { number: index + 1, total })} · {localize(round.title, lang)}
      </p>
      <Heading level={3} appearance="level-2" className="gw-console-now__step">
        {localize(step.title, lang)}
      </Heading>
      <ul className="gw-tags">
        <li className="gw-tag gw-tag--primitive">{primitiveLabel(step.primitive, t)}</li>
        <li className="gw-tag">{scopeLabel(step.scope, t)}</li>
        <li className="gw-tag">{visibilityLabel(step.visibility, t)}</li>
        {step.timeboxMinutes ? <li className="gw-tag">{t('agenda.minutes', { count: step.timeboxMinutes })}</li> : null}
      </ul>
      <StepContent step={step} lang={lang} />
      <div className="gw-button-row">
        <Button appearance="secondary-action-button" disabled={index === 0} onClick={() => void run({ type: 'PreviousStep' })}>
          {t('console.step.previous')}
        </Button>
        <Button appearance="primary-action-button" disabled={index === total - 1} onClick={() => void run({ type: 'NextStep' })}>
          {t('console.step.next')}
        </Button>
      </div>
      {input ? (
        <>
          <dl className="gw-switches">
            <div className="gw-switches__row">
              <dt>{t('console.step.input')}</dt>
              <dd>
                <span className={runtime.inputOpen ? 'gw-state gw-state--on' : 'gw-state'}>{runtime.inputOpen ? t('console.step.inputOpen') : t('console.step.inputClosed')}</span>
                <Button appearance="secondary-action-button" onClick={() => void run({ type: runtime.inputOpen ? 'CloseInput' : 'OpenInput', stepId: step.id })}>
                  {runtime.inputOpen ? t('console.step.closeInput') : t('console.step.openInput')}
                </Button>
              </dd>
            </div>
            <div className="gw-switches__row">
              <dt>{t('console.step.results')}</dt>
              <dd>
                <span className={runtime.revealed ? 'gw-state gw-state--on' : 'gw-state'}>{runtime.revealed ? t('console.step.shown') : t('console.step.hidden')}</span>
                <Button appearance="secondary-action-button" onClick={() => void run({ type: runtime.revealed ? 'HideResults' : 'RevealResults', stepId: step.id })}>
                  {runtime.revealed ? t('console.step.hide') : step.scope === 'group' ? t('console.step.reportBack') : t('console.step.reveal')}
                </Button>
              </dd>
            </div>
          </dl>
          <Progress state={state} step={step} />
          <section className="gw-console-results" aria-labelledby={`${uid}-results`}>
            <Heading level={3} appearance="level-4" id={`${uid}-results`}>
              {runtime.revealed ? t('console.step.resultsShown') : t('console.step.resultsPreview')}
            </Heading>
            <StepResults state={state} step={step} runtime={runtime} level={4} />
          </section>
        </>
      ) : (
        <p className="gw-muted">{step.primitive === 'info' ? t('console.step.infoOnly') : t('live.conversation')}</p>
      )}
    </section>
  );
}

type InputStep = Extract<StepTemplate, { primitive: 'choice' | 'cards' | 'note' | 'scale' }>;

/** The payload the proxy form describes, or null when something required is missing. */
function proxyPayload(step: InputStep, fields: Record<string, string>): ContributionPayload | null {
  switch (step.primitive) {
    case 'choice': {
      if (step.dots !== undefined) {
        const optionIds = step.options.filter((o) => fields[`dot:${o.id}`] === '1').map((o) => o.id);
        return optionIds.length > 0 && optionIds.length <= step.dots ? { kind: 'dots', optionIds } : null;
      }
      if (!fields.option) return null;
      const reason = fields.reason?.trim();
      return { kind: 'choice', optionId: fields.option, ...(step.allowReason && reason ? { reason } : {}) };
    }
    case 'cards': {
      const text = fields.text?.trim();
      if (!text) return null;
      return { kind: 'card', text, ...(fields.field ? { fieldId: fields.field } : {}) };
    }
    case 'note': {
      const text = fields.text?.trim();
      return text ? { kind: 'note', text } : null;
    }
    case 'scale': {
      const values: Record<string, number> = {};
      for (const item of step.items) {
        const v = fields[`item:${item.id}`];
        if (v) values[item.id] = Number(v);
      }
      return Object.keys(values).length > 0 ? { kind: 'scale', values } : null;
    }
  }
}

/** An answer entered for someone without a device: counted like any other, marked as a proxy entry. */
export function ProxyPanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const [fields, setFields] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState('');
  const located = state.status === 'running' ? findStep(state, state.currentStepId) : undefined;
  const step = located?.step;
  // A plenary note is the facilitator's own (FacilitatorNotePanel), not an answer for someone.
  // Maps and grids are written on the phones (or on paper, copied by the group's scribe).
  if (!step || !takesInput(step) || step.primitive === 'map' || step.primitive === 'grid' || (step.primitive === 'note' && step.scope === 'plenary')) return null;
  const runtime = stepRuntime(state, step.id);
  const set = (name: string, value: string) => {
    setFields((f) => ({ ...f, [name]: value }));
    setMissing(false);
    setDone('');
  };
  const groupStep = step.scope === 'group';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!step || !takesInput(step) || step.primitive === 'map' || step.primitive === 'grid') return;
    const payload = proxyPayload(step, fields);
    const groupId = groupStep ? fields.group : undefined;
    if (!payload || (groupStep && !groupId)) {
      setMissing(true);
      return;
    }
    const outcome = await run({
      type: 'SubmitContribution',
      stepId: step.id,
      contributionId: newContributionId(),
      payload,
      proxy: true,
      ...(groupId ? { groupId } : {}),
    });
    if (outcome?.ok) {
      setFields(groupId ? { group: groupId } : {});
      setDone(t('console.proxy.done'));
    }
  }

  const select = (name: string, label: string, options: { value: string; label: string }[], empty: string) => (
    <div className="gw-form-field">
      <label htmlFor={`${uid}-${name}`} className="utrecht-form-label gw-form-field__label">
        {label}
      </label>
      <select id={`${uid}-${name}`} className="gw-select" value={fields[name] ?? ''} onChange={(e) => set(name, e.target.value)}>
        <option value="">{empty}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const textarea = (name: string, label: string, rows: number) => (
    <div className="gw-form-field">
      <label htmlFor={`${uid}-${name}`} className="utrecht-form-label gw-form-field__label">
        {label}
      </label>
      <textarea id={`${uid}-${name}`} className="gw-textbox gw-textarea" rows={rows} maxLength={step.primitive === 'note' ? 5000 : 500} value={fields[name] ?? ''} onChange={(e) => set(name, e.target.value)} />
    </div>
  );

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.proxy.title')}
      </Heading>
      <p className="gw-muted">{t('console.proxy.intro')}</p>
      {!runtime.inputOpen ? (
        <p className="gw-muted">{t('console.proxy.closed')}</p>
      ) : (
        <form key={step.id} className="gw-proxy-form" noValidate onSubmit={(e) => void submit(e)}>
          {groupStep
            ? select(
                'group',
                t('console.proxy.group'),
                state.groups.map((g) => ({ value: g.id, label: g.name })),
                t('console.proxy.pickGroup'),
              )
            : null}
          {step.primitive === 'choice' && step.dots !== undefined ? (
            <fieldset className="gw-proxy-dots">
              <legend className="utrecht-form-label gw-form-field__label">{t('console.proxy.dots', { count: step.dots })}</legend>
              {step.options.map((o) => (
                <label key={o.id} className="gw-checkbox">
                  <input type="checkbox" checked={fields[`dot:${o.id}`] === '1'} onChange={(e) => set(`dot:${o.id}`, e.target.checked ? '1' : '')} />
                  <span>{localize(o.label, lang)}</span>
                </label>
              ))}
            </fieldset>
          ) : null}
          {step.primitive === 'choice' && step.dots === undefined ? (
            <>
              {select(
                'option',
                t('console.proxy.option'),
                step.options.map((o) => ({ value: o.id, label: localize(o.label, lang) })),
                t('console.proxy.pick'),
              )}
              {step.allowReason ? textarea('reason', t('live.choice.reason'), 2) : null}
            </>
          ) : null}
          {step.primitive === 'cards' ? (
            <>
              {step.fields && step.fields.length > 0
                ? select(
                    'field',
                    t('live.cards.field'),
                    step.fields.map((f) => ({ value: f.id, label: localize(f.label, lang) })),
                    t('console.proxy.noField'),
                  )
                : null}
              {textarea('text', t('live.cards.text'), 2)}
            </>
          ) : null}
          {step.primitive === 'note' ? textarea('text', t('console.proxy.note'), 4) : null}
          {step.primitive === 'scale'
            ? step.items.map((item) => (
                <Fragment key={item.id}>
                  {select(
                    `item:${item.id}`,
                    localize(item.label, lang),
                    Array.from({ length: item.max - item.min + 1 }, (_, i) => ({ value: String(item.min + i), label: String(item.min + i) })),
                    t('console.proxy.pick'),
                  )}
                </Fragment>
              ))
            : null}
          {missing ? (
            <p className="gw-form-field__error" role="alert">
              {groupStep && !fields.group ? t('console.proxy.needGroup') : t('console.proxy.incomplete')}
            </p>
          ) : null}
          <div className="gw-button-row">
            <Button type="submit" appearance="primary-action-button">
              {t('console.proxy.submit')}
            </Button>
          </div>
          <p className="gw-save-status" role="status">
            {done}
          </p>
        </form>
      )}
    </section>
  );
}

/**
 * On a plenary note step (agreements, follow-up) the facilitator writes the note in their own
 * name: one note per step, kept under one contribution id so each save replaces it. It is shown
 * to everyone when the facilitator reveals it.
 */
export function FacilitatorNotePanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const step = state.status === 'running' ? findStep(state, state.currentStepId)?.step : undefined;
  const stepId = step?.id ?? '';
  const [noteId] = useState(() => {
    const key = `goedwerk.facilitatorNote.${state.id}.${stepId}`;
    const known = readJson<string>(key);
    if (typeof known === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
    const made = newContributionId();
    writeJson(key, made);
    return made;
  });
  const saved = step ? stepRuntime(state, step.id).contributions[noteId]?.payload : undefined;
  const savedText = saved?.kind === 'note' ? saved.text : null;
  const template = step?.primitive === 'note' && step.template ? localize(step.template, i18n.language) : '';
  const [draft, setDraft] = useState(savedText ?? template);
  const [status, setStatus] = useState('');
  if (!step || step.primitive !== 'note' || step.scope !== 'plenary') return null;
  const runtime = stepRuntime(state, step.id);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus(t('live.sending'));
    const outcome = await run({ type: 'SubmitContribution', stepId, contributionId: noteId, payload: { kind: 'note', text: draft } });
    setStatus(outcome?.ok ? t('live.note.saved') : '');
  }

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.note.title')}
      </Heading>
      <p className="gw-muted">{t('console.note.intro')}</p>
      {!runtime.inputOpen ? (
        <p className="gw-muted">{t('console.proxy.closed')}</p>
      ) : (
        <form className="gw-proxy-form" onSubmit={(e) => void save(e)}>
          <div className="gw-form-field">
            <label htmlFor={`${uid}-text`} className="utrecht-form-label gw-form-field__label">
              {t('console.note.label')}
            </label>
            <textarea
              id={`${uid}-text`}
              className="gw-textbox gw-textarea gw-textarea--note"
              rows={8}
              maxLength={5000}
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                setStatus(e.target.value === savedText ? t('live.note.saved') : t('live.note.unsaved'));
              }}
            />
          </div>
          <div className="gw-button-row">
            <Button type="submit" appearance="primary-action-button">
              {t('console.note.save')}
            </Button>
          </div>
          <p className="gw-save-status" role="status">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
