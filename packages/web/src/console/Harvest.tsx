import type { Cluster, Lesson } from '@goedwerk/core';
import { findStep, stepRuntime } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { readable, roman } from '../live/results.ts';
import type { PanelProps } from './ConsoleContext.ts';

const short = (text: string, n = 80) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** A fresh slug id with a prefix: `thema-3`, `les-k3x9`. */
function freshId(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** [HV-2] On a cards step, the facilitator makes themes and puts each card in one. */
export function ClusterPanel({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const uid = useId();
  const [title, setTitle] = useState('');
  const [error, setError] = useState(false);
  const step = state.status === 'running' || state.status === 'closed' ? findStep(state, state.currentStepId)?.step : undefined;
  if (!step || step.primitive !== 'cards') return null;
  const runtime = stepRuntime(state, step.id);
  const cards = readable(runtime, 'card');
  const clusters = runtime.clusters ?? [];
  const send = (next: Cluster[]) => run({ type: 'ClusterCards', stepId: step.id, clusters: next.map((c) => ({ id: c.id, title: c.title, contributionIds: [...c.contributionIds] })) });
  const themeOf = (cardId: string) => clusters.find((c) => c.contributionIds.includes(cardId))?.id ?? '';

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) {
      setError(true);
      return;
    }
    setError(false);
    const outcome = await send([...clusters, { id: freshId('thema', clusters.map((c) => c.id)), title: trimmed.slice(0, 120), contributionIds: [] }]);
    if (outcome?.ok) setTitle('');
  }

  function assign(cardId: string, clusterId: string) {
    void send(
      clusters.map((c) => ({
        ...c,
        contributionIds: c.id === clusterId ? [...c.contributionIds.filter((id) => id !== cardId), cardId] : c.contributionIds.filter((id) => id !== cardId),
      })),
    );
  }

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.cluster.title')}
      </Heading>
      <p className="gw-muted">{t('console.cluster.intro')}</p>
      <form className="gw-inline-form" noValidate onSubmit={(e) => void add(e)}>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-theme`} className="utrecht-form-label gw-form-field__label">
            {t('console.cluster.newTheme')}
          </label>
          {error ? (
            <p id={`${uid}-error`} className="gw-form-field__error" role="alert">
              {t('console.cluster.needTitle')}
            </p>
          ) : null}
          <input
            id={`${uid}-theme`}
            className="gw-textbox"
            type="text"
            maxLength={120}
            value={title}
            aria-describedby={error ? `${uid}-error` : undefined}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <Button type="submit" appearance="secondary-action-button">
          {t('console.cluster.add')}
        </Button>
      </form>
      {clusters.length > 0 ? (
        <ul className="gw-themes">
          {clusters.map((c) => (
            <li key={c.id} className="gw-theme-chip">
              <span className="gw-theme-chip__title">{c.title}</span>
              <span className="gw-muted">{t('console.cluster.cardCount', { count: c.contributionIds.length })}</span>
              <Button appearance="subtle-button" aria-label={t('console.cluster.removeLabel', { title: c.title })} onClick={() => void send(clusters.filter((x) => x.id !== c.id))}>
                {t('console.cluster.remove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {cards.length === 0 ? (
        <p className="gw-muted">{t('live.results.noCards')}</p>
      ) : clusters.length > 0 ? (
        <table className="gw-table gw-cluster-table">
          <caption>{t('console.cluster.assign')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('console.cluster.card')}</th>
              <th scope="col">{t('console.cluster.theme')}</th>
            </tr>
          </thead>
          <tbody>
            {cards.map((card) => (
              <tr key={card.id}>
                <td>{card.payload.text}</td>
                <td>
                  <select
                    className="gw-select"
                    aria-label={t('console.cluster.themeFor', { text: short(card.payload.text, 60) })}
                    value={themeOf(card.id)}
                    onChange={(e) => assign(card.id, e.target.value)}
                  >
                    <option value="">{t('console.cluster.none')}</option>
                    {clusters.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/** [HV-3] Numbered lessons, harvested from a card or a theme of the current step (or freely); edit and remove. */
export function LessonsPanel({ state, run }: PanelProps) {
  const { t } = useTranslation();
  const uid = useId();
  const [editing, setEditing] = useState<Lesson | null>(null);
  const [source, setSource] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState(false);
  const [done, setDone] = useState('');
  if (state.status !== 'running' && state.status !== 'closed') return null;
  const step = findStep(state, state.currentStepId)?.step;
  const cardStep = step?.primitive === 'cards' ? step : undefined;
  const runtime = cardStep ? stepRuntime(state, cardStep.id) : undefined;
  const cards = runtime ? readable(runtime, 'card') : [];
  const clusters = runtime?.clusters ?? [];
  const sources = [
    ...clusters.map((c) => ({ value: `theme:${c.id}`, label: t('console.lessons.fromTheme', { title: short(c.title, 60) }), title: c.title, ids: c.contributionIds })),
    ...cards.map((c) => ({ value: `card:${c.id}`, label: t('console.lessons.fromCard', { text: short(c.payload.text, 60) }), title: short(c.payload.text, 160), ids: [c.id] })),
  ];

  function reset() {
    setEditing(null);
    setSource('');
    setTitle('');
    setText('');
    setError(false);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!title.trim()) {
      setError(true);
      return;
    }
    const from = sources.find((s) => s.value === source);
    const lesson = editing
      ? { id: editing.id, title: title.trim(), text: text.trim(), ...(editing.stepId ? { stepId: editing.stepId } : {}), sourceIds: [...editing.sourceIds] }
      : {
          id: freshId('les', state.lessons.map((l) => l.id)),
          title: title.trim(),
          text: text.trim(),
          ...(cardStep ? { stepId: cardStep.id } : step ? { stepId: step.id } : {}),
          sourceIds: from ? [...from.ids] : [],
        };
    const outcome = await run({ type: 'HarvestLesson', lesson });
    if (outcome?.ok) {
      setDone(editing ? t('console.lessons.updated') : t('console.lessons.added'));
      reset();
    }
  }

  return (
    <section className="gw-panel gw-console-panel" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`}>
        {t('console.lessons.title')}
      </Heading>
      {state.lessons.length > 0 ? (
        <ol className="gw-console-lessons">
          {state.lessons.map((l, i) => (
            <li key={l.id} className="gw-console-lesson">
              <span className="gw-lesson__number" aria-hidden="true">
                {roman(i + 1)}
              </span>
              <div>
                <p className="gw-lesson__title">
                  <span className="gw-visually-hidden">{t('live.lessons.number', { number: roman(i + 1) })} </span>
                  {l.title}
                </p>
                {l.text ? <p className="gw-lesson__text gw-note-text">{l.text}</p> : null}
                <div className="gw-button-row">
                  <Button
                    appearance="subtle-button"
                    aria-label={t('console.lessons.editLabel', { title: l.title })}
                    onClick={() => {
                      setEditing(l);
                      setTitle(l.title);
                      setText(l.text);
                      setDone('');
                    }}
                  >
                    {t('console.lessons.edit')}
                  </Button>
                  <Button appearance="subtle-button" aria-label={t('console.lessons.removeLabel', { title: l.title })} onClick={() => void run({ type: 'RemoveLesson', lessonId: l.id })}>
                    {t('console.lessons.remove')}
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="gw-muted">{t('console.lessons.none')}</p>
      )}
      <form className="gw-proxy-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-form`}>
        <Heading level={3} appearance="level-5" id={`${uid}-form`}>
          {editing ? t('console.lessons.editing', { title: short(editing.title, 60) }) : t('console.lessons.new')}
        </Heading>
        {!editing && sources.length > 0 ? (
          <div className="gw-form-field">
            <label htmlFor={`${uid}-source`} className="utrecht-form-label gw-form-field__label">
              {t('console.lessons.source')}
            </label>
            <select
              id={`${uid}-source`}
              className="gw-select"
              value={source}
              onChange={(e) => {
                setSource(e.target.value);
                const from = sources.find((s) => s.value === e.target.value);
                if (from && !title.trim()) setTitle(from.title);
              }}
            >
              <option value="">{t('console.lessons.noSource')}</option>
              {sources.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="gw-form-field">
          <label htmlFor={`${uid}-ltitle`} className="utrecht-form-label gw-form-field__label">
            {t('console.lessons.lessonTitle')}
          </label>
          {error ? (
            <p id={`${uid}-lerror`} className="gw-form-field__error" role="alert">
              {t('console.lessons.needTitle')}
            </p>
          ) : null}
          <input
            id={`${uid}-ltitle`}
            className="gw-textbox"
            type="text"
            maxLength={160}
            value={title}
            aria-describedby={error ? `${uid}-lerror` : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              setError(false);
            }}
          />
        </div>
        <div className="gw-form-field">
          <label htmlFor={`${uid}-ltext`} className="utrecht-form-label gw-form-field__label">
            {t('console.lessons.lessonText')}
          </label>
          <textarea id={`${uid}-ltext`} className="gw-textbox gw-textarea" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button">
            {editing ? t('console.lessons.save') : t('console.lessons.harvest')}
          </Button>
          {editing ? (
            <Button appearance="secondary-action-button" onClick={reset}>
              {t('console.cancel')}
            </Button>
          ) : null}
        </div>
        <p className="gw-save-status" role="status">
          {done}
        </p>
      </form>
    </section>
  );
}
