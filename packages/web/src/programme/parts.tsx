import type { ReactNode } from 'react';
import { failureText } from '../account/parts.tsx';
import { formatDate, intlLocale } from '../components/labels.ts';
import type { TFunction } from '../i18n.ts';
import type { ProgrammeFailure } from './api.ts';

/** What went wrong with a change to the programme, in the interface language. */
export function programmeFailureText(failure: ProgrammeFailure, t: TFunction): string {
  return failure.kind === 'taken' ? t('programme.new.idTaken') : failureText(failure, t);
}

/**
 * A wide table in a region that scrolls sideways on a narrow screen instead of the page: focusable
 * (so a keyboard can scroll it) and named by the table's caption.
 */
export function TableScroll({ labelledBy, children, className }: { labelledBy: string; children: ReactNode; className?: string }) {
  return (
    <div className={['gw-table-scroll', className].filter(Boolean).join(' ')} role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/** A table's caption that stays in view while its table scrolls sideways (a sticky block inside the caption). */
export function ScrollCaption({ id, children }: { id: string; children: ReactNode }) {
  return (
    <caption id={id}>
      <span className="gw-table-scroll__caption">{children}</span>
    </caption>
  );
}

/** A meeting named for people: its title and date, never its id. */
export interface MeetingName {
  readonly title: string;
  readonly date: string | null;
}

/** "Loyaliteit en tegenspraak (22 mei 2014)", or the title alone when it has no date. */
export function meetingLabel(meeting: MeetingName | undefined, lang: string, t: TFunction): string {
  if (!meeting) return t('programme.unknownMeeting');
  return meeting.date ? `${meeting.title} (${formatDate(meeting.date, lang, 'long')})` : meeting.title;
}

/** A short date for a chart's axis: "mei 2014", "May 2014". */
export function monthYear(isoDate: string | null, lang: string): string {
  const [y, m] = (isoDate ?? '').split('-').map(Number);
  if (!y || !m) return '';
  return new Intl.DateTimeFormat(intlLocale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}
