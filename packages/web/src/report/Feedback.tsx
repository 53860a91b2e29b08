import { Button } from '@utrecht/button-react';
import type { TFunction } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import type { ReportFailure } from './api.ts';

/** What went wrong, in the interface language. */
export function failureText(failure: ReportFailure, t: TFunction): string {
  switch (failure.kind) {
    case 'network':
      return t('status.network');
    case 'unauthorized':
      return t('report.errors.unauthorized');
    case 'not-found':
      return t('report.errors.notFound');
    case 'version_conflict':
      return t('report.errors.versionConflict');
    case 'wrong_status':
      return t('report.errors.wrongStatus');
    case 'forbidden':
      return t('report.errors.forbidden');
    case 'meeting_not_over':
      return t('report.errors.meetingNotOver');
    case 'anonymity_findings':
      return t('report.errors.findings', { count: failure.findings.length });
    case 'invalid':
      return failure.message ? t('report.errors.invalidWithReason', { reason: failure.message }) : t('report.errors.invalid');
    case 'server':
      return t('status.server');
  }
}

/** Failures that a fresh copy of the report resolves: someone else changed it in the meantime. */
export const needsReload = (failure: ReportFailure) => failure.kind === 'version_conflict' || failure.kind === 'wrong_status';

export interface FeedbackState {
  readonly status: string;
  readonly failure: ReportFailure | null;
  /** A message of our own (such as "give your name first") instead of a server failure. */
  readonly problem?: string;
}

export const quiet: FeedbackState = { status: '', failure: null };

/**
 * A status line (role="status", announced politely) and an error (role="alert", announced at
 * once), both always in the page so that what appears in them is announced.
 */
export function Feedback({ state, onReload }: { state: FeedbackState; onReload: () => void }) {
  const { t } = useTranslation();
  const error = state.problem ?? (state.failure ? failureText(state.failure, t) : '');
  return (
    <div className="gw-report-feedback">
      <p role="status" className="gw-report-feedback__status">
        {state.status}
      </p>
      <div role="alert" className="gw-report-feedback__alert">
        {error ? (
          <div className="gw-report-feedback__error">
            <p>{error}</p>
            {state.failure && needsReload(state.failure) ? (
              <Button appearance="secondary-action-button" onClick={onReload}>
                {t('report.reload')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
