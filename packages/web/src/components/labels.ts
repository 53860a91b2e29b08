import type { MeetingStatus, Primitive } from '@goedwerk/core';
import type { TFunction } from '../i18n.ts';

// Exhaustive switches rather than computed keys: the compiler and the catalogue test both see every key.

/** The translated name of a meeting's lifecycle status. */
export function statusLabel(status: MeetingStatus, t: TFunction): string {
  switch (status) {
    case 'draft':
      return t('meetingStatus.draft');
    case 'open':
      return t('meetingStatus.open');
    case 'running':
      return t('meetingStatus.running');
    case 'closed':
      return t('meetingStatus.closed');
    case 'reported':
      return t('meetingStatus.reported');
  }
}

/** The translated name of an interaction primitive. */
export function primitiveLabel(primitive: Primitive, t: TFunction): string {
  switch (primitive) {
    case 'info':
      return t('primitive.info');
    case 'cards':
      return t('primitive.cards');
    case 'choice':
      return t('primitive.choice');
    case 'scale':
      return t('primitive.scale');
    case 'map':
      return t('primitive.map');
    case 'grid':
      return t('primitive.grid');
    case 'note':
      return t('primitive.note');
  }
}

/** Plenary or per small group. */
export function scopeLabel(scope: 'plenary' | 'group', t: TFunction): string {
  switch (scope) {
    case 'plenary':
      return t('scope.plenary');
    case 'group':
      return t('scope.group');
  }
}

/** Anonymous (no author stored) or named. */
export function visibilityLabel(visibility: 'anonymous' | 'named', t: TFunction): string {
  switch (visibility) {
    case 'anonymous':
      return t('visibility.anonymous');
    case 'named':
      return t('visibility.named');
  }
}

/** The locale for Intl formatting per interface language. */
export function intlLocale(lang: string): string {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

/** Formats an ISO calendar date (YYYY-MM-DD) in full, without shifting it through a time zone. */
export function formatDate(isoDate: string, lang: string, style: 'full' | 'long' = 'full'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: style, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A library theme slug as words ("goed-werk" → "goed werk"). */
export function themeLabel(slug: string): string {
  return slug.replace(/-/g, ' ');
}
