import type { MeetingState, StepRuntime, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { mapSummary } from '@goedwerk/core/results';
import { useTranslation } from '../../useTranslation.ts';
import { readable } from '../../live/results.ts';
import { TooFew } from './Results.tsx';

type MapStep = Extract<StepTemplate, { primitive: 'map' }>;

const R0 = 14;
const RING = 18;
/** Weight 5 lies closest to the centre, weight 1 on the outer ring. */
const radiusOf = (weight: number) => R0 + (5 - weight) * RING + RING / 2;
const OUTER = R0 + 5 * RING;

function polar(r: number, angle: number): [number, number] {
  return [Math.round(r * Math.sin(angle) * 10) / 10, Math.round(-r * Math.cos(angle) * 10) / 10];
}

/**
 * The group's responsibility map: a radial picture (fields as numbered sectors, every
 * responsibility as a dot, the heavier the closer to the centre), with an equivalent table and
 * the most frequent tensions in words. Nothing from fewer than k maps.
 */
export default function MapResults({ state, step, runtime, caption }: { state: MeetingState; step: MapStep; runtime: StepRuntime; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const summary = mapSummary(state, step.id);
  if (!summary.shown) {
    return <TooFew state={state} total={summary.total} />;
  }
  const { fields, tensions } = summary.value;
  const n = step.fields.length;
  const sector = (2 * Math.PI) / n;
  const label = (id: string) => {
    const field = step.fields.find((f) => f.id === id);
    return field ? localize(field.label, lang) : id;
  };
  // Every entry as a dot: spread over its sector and ring in a fixed order.
  const dots: { key: string; x: number; y: number; field: number }[] = [];
  const placed = new Map<string, number>();
  for (const c of readable(runtime, 'map')) {
    for (const e of c.payload.entries) {
      const i = step.fields.findIndex((f) => f.id === e.fieldId);
      if (i < 0) continue;
      const slot = `${i}:${e.weight}`;
      const k = placed.get(slot) ?? 0;
      placed.set(slot, k + 1);
      const spread = ((k * 0.38) % 0.8) + 0.1;
      const ring = radiusOf(e.weight) + (((k * 7) % 5) - 2) * 2.4;
      const [x, y] = polar(ring, i * sector + spread * sector);
      dots.push({ key: `${c.id}:${e.id}`, x, y, field: i % 8 });
    }
  }
  const total = Object.values(fields).reduce((s, f) => s + f.count, 0);
  const describe = t('live.map.svgLabel', { count: total, fields: n });
  return (
    <div className="gw-map-results">
      <figure className="gw-map-figure">
        <svg className="gw-map-svg" viewBox={`${-OUTER - 14} ${-OUTER - 14} ${2 * OUTER + 28} ${2 * OUTER + 28}`} role="img" aria-label={describe} focusable="false">
          {[5, 4, 3, 2, 1].map((w) => (
            <circle key={w} className={w % 2 ? 'gw-map-svg__ring' : 'gw-map-svg__ring gw-map-svg__ring--alt'} cx="0" cy="0" r={R0 + (6 - w) * RING} />
          ))}
          <circle className="gw-map-svg__centre" cx="0" cy="0" r={R0} />
          {step.fields.map((f, i) => {
            const [x, y] = polar(OUTER, i * sector);
            const [lx, ly] = polar(OUTER + 8, (i + 0.5) * sector);
            return (
              <g key={f.id}>
                <line className="gw-map-svg__spoke" x1="0" y1="0" x2={x} y2={y} />
                <text className="gw-map-svg__label" x={lx} y={ly} textAnchor="middle" dominantBaseline="middle">
                  {i + 1}
                </text>
              </g>
            );
          })}
          {dots.map((d) => (
            <circle key={d.key} className={`gw-map-svg__dot gw-map-svg__dot--${d.field}`} cx={d.x} cy={d.y} r="4.2" />
          ))}
        </svg>
        <figcaption className="gw-map-figure__caption">{t('live.map.svgCaption')}</figcaption>
      </figure>
      <div className="gw-map-results__text">
        <table className="gw-distribution gw-map-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('live.map.fieldColumn')}</th>
              <th scope="col">{t('live.map.entriesColumn')}</th>
              <th scope="col">{t('live.map.meanColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {step.fields.map((f, i) => {
              const row = fields[f.id];
              return (
                <tr key={f.id}>
                  <th scope="row">
                    <span className={`gw-map-key gw-map-key--${i % 8}`} aria-hidden="true">
                      {i + 1}
                    </span>{' '}
                    {localize(f.label, lang)}
                  </th>
                  <td className="gw-distribution__number">{row?.count ?? 0}</td>
                  <td className="gw-distribution__number">{row ? (Math.round(row.meanWeight * 10) / 10).toLocaleString(lang) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {step.tensions ? (
          <div className="gw-map-tensions">
            <p className="gw-results__heading">{t('live.map.tensionsTitle')}</p>
            {tensions.length === 0 ? (
              <p className="gw-results__note">{t('live.map.noTensions')}</p>
            ) : (
              <ol className="gw-map-tensions__list">
                {tensions.slice(0, 5).map((x) => (
                  <li key={`${x.a}|${x.b}`}>
                    {x.a === x.b
                      ? t('live.map.tensionWithin', { field: label(x.a), count: x.count })
                      : t('live.map.tensionLine', { a: label(x.a), b: label(x.b), count: x.count })}
                  </li>
                ))}
              </ol>
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
