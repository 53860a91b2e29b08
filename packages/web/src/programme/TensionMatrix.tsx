import type { TrendsTensions } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useId } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { meetingLabel, ScrollCaption, TableScroll, type MeetingName } from './parts.tsx';

/** How many of the strongest pairs are listed under the matrix. */
const TOP_PAIRS = 5;

/** Four shades by a cell's share of the largest count; the number is always written in the cell. */
function heat(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  const share = count / max;
  return share > 0.75 ? 4 : share > 0.5 ? 3 : share > 0.25 ? 2 : 1;
}

/**
 * [PG-24] The tensions between fields of responsibility as a real table: a row and a column per
 * field (headers with scope), in each cell how many participants named that pair, over all the
 * meetings. The shade repeats the number and is never the only cue; the top pairs follow as a list
 * in the report's words, and map steps with too few answers are named.
 */
export function TensionMatrix({ tensions, meetings }: { tensions: TrendsTensions; meetings: ReadonlyMap<string, MeetingName> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const uid = useId();
  const { fields, cells, pairs, hidden } = tensions;
  const max = Math.max(0, ...pairs.map((p) => p.count));

  return (
    <section className="gw-trend" aria-labelledby={`${uid}-title`}>
      <Heading level={3} id={`${uid}-title`}>
        {t('programme.tensions.title')}
      </Heading>
      {pairs.length === 0 ? (
        <Paragraph>{t('programme.tensions.empty')}</Paragraph>
      ) : (
        <>
          <Paragraph className="gw-section__intro">{t('programme.tensions.intro')}</Paragraph>
          <TableScroll labelledBy={`${uid}-caption`} className="gw-matrix-scroll">
            <table className="gw-table gw-matrix">
              <ScrollCaption id={`${uid}-caption`}>{t('programme.tensions.caption')}</ScrollCaption>
              <thead>
                <tr>
                  <td className="gw-matrix__corner" />
                  {fields.map((f, j) => (
                    <th key={f.id} scope="col" className="gw-matrix__col">
                      {/* A number above each column keeps the table narrow; the full name is read out and listed on the row. */}
                      <span aria-hidden="true">{j + 1}</span>
                      <span className="gw-visually-hidden">{f.label}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {fields.map((row, i) => (
                  <tr key={row.id}>
                    <th scope="row" className="gw-matrix__row">
                      <span className="gw-matrix__number" aria-hidden="true">
                        {i + 1}
                      </span>
                      {row.label}
                    </th>
                    {fields.map((col, j) => {
                      if (i === j) {
                        return (
                          <td key={col.id} className="gw-matrix__cell gw-matrix__cell--self">
                            <span aria-hidden="true">–</span>
                            <span className="gw-visually-hidden">{t('programme.tensions.self')}</span>
                          </td>
                        );
                      }
                      const count = cells[i]?.[j]?.count ?? 0;
                      return (
                        <td key={col.id} className={`gw-matrix__cell gw-matrix__cell--${heat(count, max)}`}>
                          {count}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="gw-matrix__legend">{t('programme.tensions.legend')}</p>
          <Heading level={4} id={`${uid}-top`} className="gw-trend__subtitle">
            {t('programme.tensions.topTitle')}
          </Heading>
          <ol className="gw-top-pairs" aria-labelledby={`${uid}-top`}>
            {pairs.slice(0, TOP_PAIRS).map((p) => (
              <li key={`${p.a}|${p.b}`}>
                {p.text}
                <span className="gw-muted"> · {t('programme.tensions.inMeetings', { count: p.meetings.length })}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {hidden.length > 0 ? (
        <>
          <Paragraph className="gw-trend__note">{t('programme.tensions.hiddenIntro')}</Paragraph>
          <ul className="gw-trend__hidden">
            {hidden.map((h) => (
              <li key={`${h.meetingId}|${h.stepId}`}>
                {meetingLabel(meetings.get(h.meetingId), lang, t)}: {h.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
