import type { MeetingState, StepRuntime, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { opinionShift } from '@goedwerk/core/results';
import type { ReactNode } from 'react';
import { useTranslation } from '../../useTranslation.ts';
import { choiceDistribution, kOf, readable, scaleSummary } from '../../live/results.ts';

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

function TooFew({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return <p className="gw-results__note">{t('live.results.tooFew', { count: kOf(state) })}</p>;
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
    </div>
  );
}

function ChoiceResults({ state, step, caption }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'choice' }>; caption: string }) {
  const { t, i18n } = useTranslation();
  const distribution = choiceDistribution(state, step);
  if (!distribution) return <TooFew state={state} />;
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

function ScaleResults({ state, step, caption }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'scale' }>; caption: string }) {
  const { t, i18n } = useTranslation();
  const summary = scaleSummary(state, step);
  if (!summary) return <TooFew state={state} />;
  return (
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
  );
}

function CardResults({ state, step, runtime, level }: { state: MeetingState; step: Extract<StepTemplate, { primitive: 'cards' }>; runtime: StepRuntime; level: Level }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cards = readable(runtime, 'card');
  if (cards.length === 0) return <p className="gw-results__note">{t('live.results.noCards')}</p>;
  const fields = step.fields ?? [];
  const list = (items: typeof cards) => (
    <ul className="gw-idea-cards">
      {items.map((c) => (
        <li key={c.id} className="gw-idea-card">
          {c.payload.text}
        </li>
      ))}
    </ul>
  );
  const sections: { key: string; title: string | null; items: typeof cards }[] = [];
  if (step.scope === 'group' && state.groups.length > 0) {
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

/**
 * What a step yielded, as far as this viewer may see it: a choice distribution as a table with
 * bars (only from k answers), scale means, cards as a list, each group's note at report-back.
 */
export function StepResults({
  state,
  step,
  runtime,
  level = 3,
}: {
  state: MeetingState;
  step: StepTemplate;
  runtime: StepRuntime;
  level?: Level;
}) {
  const { t, i18n } = useTranslation();
  const caption = t('live.results.caption', { step: localize(step.title, i18n.language) });
  switch (step.primitive) {
    case 'choice':
      return <ChoiceResults state={state} step={step} caption={caption} />;
    case 'scale':
      return <ScaleResults state={state} step={step} caption={caption} />;
    case 'cards':
      return <CardResults state={state} step={step} runtime={runtime} level={level} />;
    case 'note':
      return <NoteResults state={state} step={step} runtime={runtime} level={level} />;
    case 'info':
    case 'map':
    case 'grid':
      return null;
  }
}
