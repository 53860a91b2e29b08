import type { Programme } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Link } from '@nl-design-system-candidate/link-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { DataList } from '../components/DataList.tsx';
import { useTranslation } from '../useTranslation.ts';

/** [PG-20] The programme's title and description, then its facts: theme, organiser, sponsor, place, website and (once a meeting has a date) the calendar file. */
export function ProgrammeHeader({ programme, hasDates }: { programme: Programme; hasDates: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const calendar = `/api/programmes/${encodeURIComponent(programme.id)}/meetings.ics`;
  return (
    <>
      <header className="gw-page-intro">
        <p className="gw-kicker">{t('programme.kicker')}</p>
        <Heading level={1}>{localize(programme.title, lang)}</Heading>
        {programme.description ? <Paragraph>{localize(programme.description, lang)}</Paragraph> : null}
      </header>
      <DataList
        className="gw-facts gw-programme-facts"
        items={[
          programme.theme ? { key: 'theme', label: t('programme.theme'), value: localize(programme.theme, lang) } : null,
          programme.organiser ? { key: 'organiser', label: t('programme.organiser'), value: programme.organiser } : null,
          programme.supportedBy ? { key: 'supportedBy', label: t('programme.supportedBy'), value: localize(programme.supportedBy, lang) } : null,
          programme.place ? { key: 'place', label: t('programme.place'), value: programme.place } : null,
          programme.website
            ? {
                key: 'website',
                label: t('programme.website'),
                value: (
                  <Link href={programme.website} rel="external noopener">
                    {programme.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                  </Link>
                ),
              }
            : null,
          // Only when there is a date to put in a calendar.
          hasDates && {
            key: 'calendar',
            label: t('programme.calendarLabel'),
            value: (
              <>
                {/* A file to save or open: a plain download, outside the app's router. */}
                <Link href={calendar} download={`${programme.id}.ics`} type="text/calendar">
                  {t('programme.calendar')}
                </Link>
                <span className="gw-programme-facts__hint">{t('programme.calendarHint')}</span>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
