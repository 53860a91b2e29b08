import type { TrendsEvaluation } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useId } from 'react';
import { formatDate } from '../components/labels.ts';
import { useTranslation } from '../useTranslation.ts';
import { monthYear, ScrollCaption, TableScroll } from './parts.tsx';

// The chart's geometry, in the SVG's own units; the SVG scales down to the width it gets.
const SLOT = 128;
const LEFT = 44;
const RIGHT = 12;
const TOP = 30;
const PLOT = 190;
const BOTTOM = 58;
const BAR = 64;
const FONT = 16;
const TICKS = [0, 2, 4, 6, 8, 10];

/**
 * [PG-23] The evaluation marks across the meetings: a bar per held meeting (its average mark, 1–10,
 * written above the bar, so no figure depends on reading the bar's length), captioned, and the same
 * figures in a table. Below k answers there is no bar, the words "too few answers" instead.
 */
export function EvaluationChart({ evaluation }: { evaluation: readonly TrendsEvaluation[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uid = useId();
  const width = LEFT + RIGHT + Math.max(evaluation.length, 2) * SLOT;
  const height = TOP + PLOT + BOTTOM;
  const y = (mark: number) => TOP + PLOT - (PLOT * Math.max(0, Math.min(10, mark))) / 10;
  const rated = evaluation.filter((e) => e.stepId !== null);
  const dateOf = (e: TrendsEvaluation) => (e.date ? <time dateTime={e.date}>{formatDate(e.date, lang, 'long')}</time> : e.dateText);
  // The chart's text alternative: every bar's figure in order, with its month.
  const marks = evaluation
    .map((e) => `${e.shown && e.markText !== null ? e.markText : e.stepId === null ? t('programme.evaluation.noneShort') : t('programme.evaluation.tooFewShort')} (${monthYear(e.date, lang) || e.title})`)
    .join(', ');

  return (
    <section className="gw-trend" aria-labelledby={`${uid}-title`}>
      <Heading level={3} id={`${uid}-title`}>
        {t('programme.evaluation.title')}
      </Heading>
      {rated.length === 0 ? (
        <Paragraph>{t('programme.evaluation.empty')}</Paragraph>
      ) : (
        <figure className="gw-chart">
          <figcaption id={`${uid}-caption`} className="gw-chart__caption">
            {t('programme.evaluation.caption')}
          </figcaption>
          <svg
            className="gw-chart__svg"
            role="img"
            aria-labelledby={`${uid}-caption`}
            aria-describedby={`${uid}-summary`}
            viewBox={`0 0 ${width} ${height}`}
            width={width}
            height={height}
            fontSize={FONT}
          >
            {TICKS.map((tick) => (
              <g key={tick}>
                <line x1={LEFT} x2={width - RIGHT} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'gw-chart__axis' : 'gw-chart__grid'} />
                <text x={LEFT - 8} y={y(tick) + 5} textAnchor="end" className="gw-chart__tick">
                  {tick}
                </text>
              </g>
            ))}
            {evaluation.map((e, i) => {
              const centre = LEFT + i * SLOT + SLOT / 2;
              const shown = e.shown && e.mark !== null;
              return (
                <g key={e.meetingId}>
                  {shown ? (
                    <>
                      <rect x={centre - BAR / 2} y={y(e.mark ?? 0)} width={BAR} height={TOP + PLOT - y(e.mark ?? 0)} className="gw-chart__bar" />
                      <text x={centre} y={y(e.mark ?? 0) - 8} textAnchor="middle" className="gw-chart__value">
                        {e.markText}
                      </text>
                    </>
                  ) : (
                    <text x={centre} y={TOP + PLOT - 10} textAnchor="middle" className="gw-chart__none">
                      {e.stepId === null ? t('programme.evaluation.noneShort') : t('programme.evaluation.tooFewShort')}
                    </text>
                  )}
                  <text x={centre} y={TOP + PLOT + 24} textAnchor="middle" className="gw-chart__label">
                    {monthYear(e.date, lang)}
                  </text>
                  <text x={centre} y={TOP + PLOT + 46} textAnchor="middle" className="gw-chart__sublabel">
                    {t('programme.evaluation.respondentsShort', { count: e.respondents })}
                  </text>
                </g>
              );
            })}
          </svg>
          <p id={`${uid}-summary`} className="gw-visually-hidden">
            {t('programme.evaluation.summary', { marks })}
          </p>
          <TableScroll labelledBy={`${uid}-table-caption`}>
            <table className="gw-table gw-programme-table gw-evaluation-table">
              <ScrollCaption id={`${uid}-table-caption`}>{t('programme.evaluation.tableCaption')}</ScrollCaption>
              <thead>
                <tr>
                  <th scope="col">{t('programme.evaluation.meeting')}</th>
                  <th scope="col" className="gw-evaluation-table__date-col">
                    {t('programme.evaluation.date')}
                  </th>
                  <th scope="col" className="gw-number">
                    {t('programme.evaluation.respondents')}
                  </th>
                  <th scope="col" className="gw-number">
                    {t('programme.evaluation.mark')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {evaluation.map((e) => (
                  <tr key={e.meetingId}>
                    <th scope="row">
                      {e.title}
                      {/* On a phone the date column gives way to the date under the title (one of the two is display: none). */}
                      <span className="gw-evaluation-table__date">{dateOf(e)}</span>
                    </th>
                    <td className="gw-nowrap gw-evaluation-table__date-col">{dateOf(e)}</td>
                    <td className="gw-number">{e.respondents}</td>
                    <td className="gw-number">
                      {e.shown && e.markText !== null ? (
                        <strong>{e.markText}</strong>
                      ) : (
                        <span className="gw-muted">{e.stepId === null ? t('programme.evaluation.none') : t('programme.evaluation.tooFew')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </figure>
      )}
    </section>
  );
}
