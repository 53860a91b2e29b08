import type { MeetingStatus } from '@goedwerk/core';
import { useTranslation } from '../useTranslation.ts';
import { statusLabel } from './labels.ts';

/** The meeting's lifecycle status as a data badge; the colour only repeats what the text says. */
export function StatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <span className={`nl-data-badge gw-status gw-status--${status}`}>{statusLabel(status, t)}</span>;
}
