import type { TimerState } from '@goedwerk/core';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../useTranslation.ts';
import { formatClock, remainingMs } from '../../live/results.ts';

/** The current time, refreshed every `intervalMs` while that is not null. */
export function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return undefined;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * The meeting's timer, counted down in the browser from the end time the server keeps (so every
 * screen shows the same time and a reload or restart loses nothing). Not announced every second;
 * only "time is up" is announced, politely.
 */
export function Timer({ timer, variant = 'default' }: { timer: TimerState; variant?: 'default' | 'screen' }) {
  const { t } = useTranslation();
  const running = timer.endsAt !== null;
  const now = useNow(running ? 250 : null);
  const left = remainingMs(timer, now);
  const over = left === 0;
  const state = over ? t('live.timer.over') : running ? null : t('live.timer.paused');
  return (
    <div className={`gw-timer gw-timer--${variant}${over ? ' gw-timer--over' : ''}${!running && !over ? ' gw-timer--paused' : ''}`}>
      <span className="gw-timer__label" id={`timer-label-${variant}`}>
        {t('live.timer.label')}
      </span>
      <span className="gw-timer__value" role="timer" aria-labelledby={`timer-label-${variant}`}>
        {formatClock(left)}
      </span>
      <span className="gw-timer__state" role="status">
        {state}
      </span>
    </div>
  );
}
