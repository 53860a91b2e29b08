import type { ProgrammeTrendsResponse } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { useId } from 'react';
import type { Account } from '../account/api.ts';
import { useApi } from '../api.ts';
import { Loaded } from '../components/Status.tsx';
import { useTranslation } from '../useTranslation.ts';
import { CasesUsed } from './CasesUsed.tsx';
import { EvaluationChart } from './EvaluationChart.tsx';
import { LessonThemes } from './LessonThemes.tsx';
import type { MeetingName } from './parts.tsx';
import { TensionMatrix } from './TensionMatrix.tsx';

/**
 * [PG-22] What the programme's held meetings add up to: the evaluations, the tensions between
 * fields of responsibility, the cases and how opinions shifted, and the themes of the lessons.
 * Its own chunk (with the chart and the matrix), loaded after the rest of the page; the sentences
 * come from the server in the page's language, in the report's words.
 */
export default function Trends({
  programmeId,
  account,
  meetingLanguages,
}: {
  programmeId: string;
  account: Account | null;
  /** The language each meeting was held in: the lessons, and so the suggested themes, are in it (PG-29). */
  meetingLanguages: ReadonlyMap<string, 'nl' | 'en'>;
}) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [trends, retry] = useApi<ProgrammeTrendsResponse>(`/api/programmes/${encodeURIComponent(programmeId)}/trends?lang=${i18n.language}`);
  return (
    <section className="gw-section gw-programme-section gw-trends" aria-labelledby={`${uid}-title`}>
      <Heading level={2} id={`${uid}-title`}>
        {t('programme.trends.title')}
      </Heading>
      <Loaded value={trends} retry={retry} headingLevel={3}>
        {(data) => {
          const meetings = new Map<string, MeetingName>(data.trends.meetings.map((m) => [m.meetingId, { title: m.title, date: m.date }]));
          if (data.trends.meetings.length === 0) return <Paragraph>{t('programme.trends.empty')}</Paragraph>;
          // [PG-29] the themes are words of the lessons, in the language most lessons were written in: marked as such (WCAG 3.1.2)
          const lessons = data.trends.lessonTexts.flatMap((m) => m.lessons.map(() => meetingLanguages.get(m.meetingId) ?? 'nl'));
          const themesLang = lessons.filter((l) => l === 'en').length * 2 > lessons.length ? 'en' : 'nl';
          return (
            <>
              <Paragraph className="gw-section__intro">{t('programme.trends.intro', { count: data.trends.meetings.length })}</Paragraph>
              <EvaluationChart evaluation={data.trends.evaluation} />
              <TensionMatrix tensions={data.trends.tensions} meetings={meetings} />
              <CasesUsed cases={data.trends.cases} meetings={meetings} />
              <LessonThemes
                programmeId={programmeId}
                suggestions={data.themeSuggestions}
                confirmed={data.confirmedThemes}
                lang={themesLang}
                meetings={meetings}
                account={account}
              />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
