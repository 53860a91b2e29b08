import type { MeetingState, StepRuntime, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { opinionShift } from '@goedwerk/core/results';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.ts';
import { choiceDistribution, contributionCount, groupGrid, kOf, readable, roman, scaleSummary } from '../../live/results.ts';
import { reactionCounts, scaleSummary as coreScaleSummary } from '@goedwerk/core/results';
import { GridView } from './GridView.tsx';

const MapResults = lazy(() => import('./MapResults.tsx'));

/** Reacting to revealed cards ("I recognise this"), on the phone only: which cards are mine to toggle. */
export interface CardReactions {
  readonly isOn: (cardId: string) => boolean;
  readonly toggle: (cardId: string) => void;
}

type Level = 2 | 3 | 4;

function SubHeading({ level, children, className }: { level: Level; children: ReactNode; className: string }) {
  const Tag = `h${level}` as const;
  return <Tag className={className}>{children}</Tag>;
}

/** A horizontal bar for a share of 0–100, drawn in SVG (no inline styles); the numbers next to it carry the meaning. */
function Bar({ percent }: { percent: number }) {
  return (
    <svg className="gw-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="gw-bar__track" x="0" y="0" width="100" height="10" />
      <rect className="gw-bar__fill" x="0" y="0" width={Math.max(0, Math.min(100, percent))} height="10" />
    </svg>
  );
}

export function TooFew({ state, total }: { state: MeetingState; total: number }) {
  const { t } = useTranslation();
  return (
    <div className="gw-results__too-few">
      <p className="gw-results__note gw-results__note--strong">{t('live.results.tooFewCount', { count: total })}</p>
      <p className="gw-results__note">{t('live.results.tooFew', { count: kOf(state) })}</p>
    </div>
  );
}

/** How many changed their choice between a vote and the earlier vote it repeats, without showing who. */
function Shift({ state, step }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'choice' }> }) {
  const { t, i18n } = useTranslation();
  const shift = opinionShift(state, step.id);
  if (!shift?.shown || shift.value.pairs === 0) return null;
  const label = (id: string) => {
    const option = step.options.find((o) => o.id === id);
    return option ? localize(option.label, i18n.language) : id;
  };
  const moves = Object.entries(shift.value.moves).flatMap(([from, to]) =>
    Object.entries(to)
      .filter(([target]) => target !== from)
      .map(([target, count]) => ({ from, to: target, count })),
  );
  return (
    <div className="gw-shift">
      <p className="gw-shift__summary">{t('live.results.shift', { changed: shift.value.changed, count: shift.value.pairs })}</p>
      {moves.length > 0 ? (
        <ul className="gw-shift__moves">
          {moves.map((m) => (
            <li key={`${m.from}>${m.to}`}>{t('live.results.move', { from: label(m.from), to: label(m.to), count: m.count })}</li>
          ))}
        </ul>
      ) : null}
      <table className="gw-shift-table">
        <caption>{t('live.results.shiftCaption')}</caption>
        <thead>
          <tr>
            <td />
            {step.options.map((o) => (
              <th key={o.id} scope="col">
                {t('live.results.shiftTo', { option: localize(o.label, i18n.language) })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {step.options.map((from) => (
            <tr key={from.id}>
              <th scope="row">{t('live.results.shiftFrom', { option: localize(from.label, i18n.language) })}</th>
              {step.options.map((to) => {
                const count = shift.value.moves[from.id]?.[to.id] ?? 0;
                return (
                  <td key={to.id} className={from.id === to.id ? 'gw-shift-table__same' : count > 0 ? 'gw-shift-table__moved' : undefined}>
                    {count}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ChoiceResults({ state, step, caption }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'choice' }>; caption: string }) {
  const { t, i18n } = useTranslation();
  const distribution = choiceDistribution(state, step);
  if (!distribution) return <TooFew state={state} total={contributionCount(state.steps[step.id] ?? { contributions: {} } as StepRuntime)} />;
  return (
    <>
    <table className="gw-distribution">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('live.results.option')}</th>
          <th scope="col">{t('live.results.count')}</th>
          <th scope="col">{t('live.results.percent')}</th>
        </tr>
      </thead>
      <tbody>
        {distribution.rows.map((row) => {
          const option = step.options.find((o) => o.id === row.id);
          return (
            <tr key={row.id}>
              <th scope="row">{option ? localize(option.label, i18n.language) : row.id}</th>
              <td>
                <span className="gw-distribution__count">
                  <Bar percent={row.percent} />
                  <span className="gw-distribution__number">{row.count}</span>
                </span>
              </td>
              <td className="gw-distribution__percent">{t('live.results.percentValue', { percent: row.percent })}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('live.results.total')}</th>
          <td className="gw-distribution__number">{distribution.total}</td>
          <td />
        </tr>
      </tfoot>
    </table>
    {step.pairedWith !== undefined ? <Shift state={state} step={step} /> : null}
    </>
  );
}

/** How many gave each value, per item: one row per item, one cell per value. */
function ScaleDistribution({ state, step }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'scale' }> }) {
  const { t, i18n } = useTranslation();
  const summary = coreScaleSummary(state, step.id);
  if (!summary.shown) return null;
  const k = kOf(state);
  return (
    <ul className="gw-scale-dist">
      {step.items.map((item) => {
        const entry = summary.value[item.id];
        if (!entry || entry.n < k) return null;
        const values = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
        return (
          <li key={item.id} className="gw-scale-dist__item">
            <table className="gw-scale-dist__table">
              <caption>{t('live.results.distributionOf', { item: localize(item.label, i18n.language) })}</caption>
              <thead>
                <tr>
                  <th scope="row">{t('live.results.value')}</th>
                  {values.map((v) => (
                    <th key={v} scope="col">
                      {v}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('live.results.count')}</th>
                  {values.map((v) => (
                    <td key={v}>{entry.counts[v] ?? 0}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </li>
        );
      })}
    </ul>
  );
}

function ScaleResults({ state, step, caption }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'scale' }>; caption: string }) {
  const { t, i18n } = useTranslation();
  const summary = scaleSummary(state, step);
  if (!summary) return <TooFew state={state} total={contributionCount(state.steps[step.id] ?? { contributions: {} } as StepRuntime)} />;
  return (
    <>
    <table className="gw-distribution gw-distribution--scale">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('live.results.item')}</th>
          <th scope="col">{t('live.results.mean')}</th>
          <th scope="col">{t('live.results.answers')}</th>
        </tr>
      </thead>
      <tbody>
        {summary.rows.map((row) => {
          const item = step.items.find((i) => i.id === row.id);
          const share = item && row.mean !== null ? ((row.mean - item.min) / (item.max - item.min)) * 100 : 0;
          return (
            <tr key={row.id}>
              <th scope="row">{item ? localize(item.label, i18n.language) : row.id}</th>
              <td>
                {row.mean === null ? (
                  t('live.results.tooFewShort')
                ) : (
                  <span className="gw-distribution__count">
                    <Bar percent={share} />
                    <span className="gw-distribution__number">
                      {t('live.results.meanValue', { mean: row.mean.toLocaleString(i18n.language), min: item?.min, max: item?.max })}
                    </span>
                  </span>
                )}
              </td>
              <td className="gw-distribution__percent">{row.answers}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
    <ScaleDistribution state={state} step={step} />
    </>
  );
}

function CardResults({
  state,
  step,
  runtime,
  level,
  reactions,
}: {
  state: MeetingState;
  step: Extract<StepTemplate, { primitive: 'cards' }>;
  runtime: StepRuntime;
  level: Level;
  reactions?: CardReactions | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cards = readable(runtime, 'card');
  if (cards.length === 0) return <p className="gw-results__note">{t('live.results.noCards')}</p>;
  const fields = step.fields ?? [];
  const counts = step.reactions ? reactionCounts(state, step.id) : {};
  const list = (items: typeof cards) => (
    <ul className="gw-idea-cards">
      {items.map((c) => {
        const count = counts[c.id] ?? 0;
        const on = reactions?.isOn(c.id) ?? false;
        return (
          <li key={c.id} className={step.reactions && reactions ? 'gw-idea-card gw-idea-card--reactions' : 'gw-idea-card'}>
            <span className="gw-idea-card__text">{c.payload.text}</span>
            {step.reactions && reactions ? (
              <button
                type="button"
                className={on ? 'gw-react gw-react--on' : 'gw-react'}
                aria-pressed={on}
                aria-label={t('live.react.label', { count, text: c.payload.text.slice(0, 60) })}
                onClick={() => reactions.toggle(c.id)}
              >
                <span aria-hidden="true">{t('live.react.button')}</span>
                <span className="gw-react__count" aria-hidden="true">
                  {count}
                </span>
              </button>
            ) : step.reactions && count > 0 ? (
              <span className="gw-idea-card__reactions">{t('live.react.count', { count })}</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
  const sections: { key: string; title: string | null; items: typeof cards }[] = [];
  const clusters = runtime.clusters ?? [];
  if (clusters.length > 0) {
    for (const cl of clusters) sections.push({ key: `cl:${cl.id}`, title: cl.title, items: cards.filter((c) => cl.contributionIds.includes(c.id)) });
    const rest = cards.filter((c) => !clusters.some((cl) => cl.contributionIds.includes(c.id)));
    if (rest.length > 0) sections.push({ key: '_rest', title: t('live.results.otherCards'), items: rest });
  } else if (step.scope === 'group' && state.groups.length > 0) {
    for (const g of state.groups) sections.push({ key: g.id, title: g.name, items: cards.filter((c) => c.groupId === g.id) });
    const rest = cards.filter((c) => !state.groups.some((g) => g.id === c.groupId));
    if (rest.length > 0) sections.push({ key: '_rest', title: t('live.results.otherCards'), items: rest });
  } else if (fields.length > 0) {
    for (const f of fields) sections.push({ key: f.id, title: localize(f.label, lang), items: cards.filter((c) => c.payload.fieldId === f.id) });
    const rest = cards.filter((c) => !fields.some((f) => f.id === c.payload.fieldId));
    if (rest.length > 0) sections.push({ key: '_rest', title: t('live.results.otherCards'), items: rest });
  } else {
    sections.push({ key: '_all', title: null, items: cards });
  }
  return (
    <div className="gw-results__cards">
      <p className="gw-results__note">{t('live.results.cardCount', { count: cards.length })}</p>
      {sections
        .filter((s) => s.items.length > 0)
        .map((s) => (
          <div key={s.key} className="gw-results__section">
            {s.title !== null ? (
              <SubHeading level={level} className="gw-results__heading">
                {s.title}
              </SubHeading>
            ) : null}
            {list(s.items)}
          </div>
        ))}
    </div>
  );
}

function NoteResults({ state, step, runtime, level }: { state: MeetingState; step: StepTemplate; runtime: StepRuntime; level: Level }) {
  const { t } = useTranslation();
  const notes = readable(runtime, 'note');
  if (step.scope === 'group') {
    const groupIds = [...new Set([...state.groups.map((g) => g.id), ...notes.flatMap((n) => (n.groupId ? [n.groupId] : []))])];
    if (groupIds.length === 0) return <p className="gw-results__note">{t('live.results.noNotes')}</p>;
    return (
      <ul className="gw-group-notes">
        {groupIds.map((id) => {
          const latest = notes.filter((n) => n.groupId === id).at(-1);
          const name = state.groups.find((g) => g.id === id)?.name ?? t('live.results.formerGroup');
          return (
            <li key={id} className="gw-group-note">
              <SubHeading level={level} className="gw-group-note__name">
                {name}
              </SubHeading>
              {latest && latest.payload.text.trim() !== '' ? (
                <p className="gw-note-text">{latest.payload.text}</p>
              ) : (
                <p className="gw-results__note">{t('live.results.emptyNote')}</p>
              )}
            </li>
          );
        })}
      </ul>
    );
  }
  if (notes.length === 0) return <p className="gw-results__note">{t('live.results.noNotes')}</p>;
  return (
    <ul className="gw-idea-cards">
      {notes.map((n) => (
        <li key={n.id} className="gw-idea-card gw-note-text">
          {n.payload.text}
        </li>
      ))}
    </ul>
  );
}

function GridResults({ state, step, runtime, level }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'grid' }>; runtime: StepRuntime; level: Level }) {
  const { t, i18n } = useTranslation();
  const grids = readable(runtime, 'grid');
  const groupIds = [...new Set([...state.groups.map((g) => g.id), ...grids.flatMap((n) => (n.groupId ? [n.groupId] : []))])];
  if (groupIds.length === 0) {
    const latest = grids.at(-1);
    return latest ? <GridView rows={latest.payload.rows} columns={step.columns} lang={i18n.language} /> : <p className="gw-results__note">{t('live.grid.empty')}</p>;
  }
  return (
    <ul className="gw-group-notes">
      {groupIds.map((id) => (
        <li key={id} className="gw-group-note">
          <SubHeading level={level} className="gw-group-note__name">
            {state.groups.find((g) => g.id === id)?.name ?? t('live.results.formerGroup')}
          </SubHeading>
          <GridView rows={groupGrid(runtime, id) ?? []} columns={step.columns} lang={i18n.language} />
        </li>
      ))}
    </ul>
  );
}

/** The lessons harvested so far, numbered I, II, III… as the report numbers them. */
export function Lessons({ state, stepIds, level = 3, className }: { state: MeetingState; stepIds?: readonly string[]; level?: Level; className?: string }) {
  const { t } = useTranslation();
  const numbered = state.lessons.map((lesson, i) => ({ lesson, n: i + 1 })).filter(({ lesson }) => !stepIds || (lesson.stepId !== undefined && stepIds.includes(lesson.stepId)));
  if (numbered.length === 0) return null;
  return (
    <section className={className ? `gw-lessons ${className}` : 'gw-lessons'} aria-label={t('live.lessons.title')}>
      <SubHeading level={level} className="gw-lessons__title">
        {t('live.lessons.title')}
      </SubHeading>
      <ol className="gw-lessons__list">
        {numbered.map(({ lesson, n }) => (
          <li key={lesson.id} className="gw-lesson">
            <span className="gw-lesson__number" aria-hidden="true">
              {roman(n)}
            </span>
            <div className="gw-lesson__body">
              <p className="gw-lesson__title">
                <span className="gw-visually-hidden">{t('live.lessons.number', { number: roman(n) })} </span>
                {lesson.title}
              </p>
              {lesson.text ? <p className="gw-lesson__text gw-note-text">{lesson.text}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * What a step yielded, as far as this viewer may see it: a choice distribution as a table with
 * bars (only from k answers), scale means, cards as a list, each group's note at report-back.
 */
export function StepResults({
  state,
  step,
  runtime,
  level = 3,
  reactions,
}: {
  state: MeetingState;
  step: StepTemplate;
  runtime: StepRuntime;
  level?: Level;
  reactions?: CardReactions | undefined;
}) {
  const { t, i18n } = useTranslation();
  const caption = t('live.results.caption', { step: localize(step.title, i18n.language) });
  switch (step.primitive) {
    case 'choice':
      return <ChoiceResults state={state} step={step} caption={caption} />;
    case 'scale':
      return <ScaleResults state={state} step={step} caption={caption} />;
    case 'cards':
      return <CardResults state={state} step={step} runtime={runtime} level={level} reactions={reactions} />;
    case 'note':
      return <NoteResults state={state} step={step} runtime={runtime} level={level} />;
    case 'map':
      return (
        <Suspense fallback={<p className="gw-results__note">…</p>}>
          <MapResults state={state} step={step} runtime={runtime} caption={caption} />
        </Suspense>
      );
    case 'grid':
      return <GridResults state={state} step={step} runtime={runtime} level={level} />;
    case 'info':
      return null;
  }
}
