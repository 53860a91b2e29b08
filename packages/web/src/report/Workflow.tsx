import type { AnonymityFinding, ReportRole, ReportStatus } from '@goedwerk/report';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import type { ReportFailure, WorkflowAction } from './api.ts';
import { Feedback, type FeedbackState } from './Feedback.tsx';
import { FindingsList } from './Findings.tsx';
import { reportStatusLabel } from './labels.ts';

/** The workflow's order (REPORT_STATUSES of @goedwerk/report, whose code stays out of this bundle). */
const STATUSES: readonly ReportStatus[] = ['draft', 'in_review', 'approved', 'published'];

export const isWriter = (role: ReportRole) => role === 'facilitator' || role === 'rapporteur';

interface WorkflowProps {
  readonly role: ReportRole;
  readonly status: ReportStatus;
  readonly meetingOver: boolean;
  readonly unsaved: boolean;
  readonly busy: string | null;
  readonly feedback: FeedbackState;
  /** Runs an action; resolves with the failure, or null when it was done. */
  readonly act: (action: WorkflowAction, extra?: { note?: string; acknowledgeFindings?: boolean }) => Promise<ReportFailure | null>;
  readonly onReload: () => void;
  readonly untitled: (sectionId: string) => string;
  /** What the anonymity check found when the editor tried to approve, until approved or sent back. */
  readonly pending: readonly AnonymityFinding[] | null;
}

/** Where the report is (draft → in review → approved → published) and what this role can do next. */
export function Workflow({ role, status, meetingOver, unsaved, busy, feedback, act, onReload, untitled, pending }: WorkflowProps) {
  const { t } = useTranslation();
  const uid = useId();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [checked, setChecked] = useState(false);
  const [checkMissing, setCheckMissing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const writer = isWriter(role);
  const position = STATUSES.indexOf(status);

  /** Runs the action; when it is done, the focus goes to this panel's heading (the button may be gone). */
  async function run(action: WorkflowAction, extra?: { note?: string; acknowledgeFindings?: boolean }): Promise<ReportFailure | null> {
    const failure = await act(action, extra);
    if (!failure) heading.current?.focus();
    return failure;
  }

  async function approve() {
    if (pending && !checked) {
      setCheckMissing(true);
      document.getElementById(`${uid}-checked`)?.focus();
      return;
    }
    const failure = await run('approve', pending ? { acknowledgeFindings: true } : {});
    if (failure?.kind === 'anonymity_findings') {
      setChecked(false);
      setCheckMissing(false);
    }
  }

  async function sendBack(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = note.trim();
    const failure = await run('return', text ? { note: text } : {});
    if (!failure) {
      setReturning(false);
      setNote('');
    }
  }

  const notOver = <p className="gw-report-workflow__note">{t('report.workflow.meetingNotOver')}</p>;

  return (
    <section className="gw-panel gw-report-workflow" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-4" id={`${uid}-title`} ref={heading} tabIndex={-1}>
        {t('report.workflow.title')}
      </Heading>
      <ol className="gw-report-steps">
        {STATUSES.map((s, i) => (
          <li
            key={s}
            className={`gw-report-steps__step${i < position ? ' gw-report-steps__step--done' : ''}${i === position ? ' gw-report-steps__step--current' : ''}`}
            aria-current={i === position ? 'step' : undefined}
          >
            {reportStatusLabel(s, t)}
            {i === position ? <span className="gw-visually-hidden"> {t('report.workflow.current')}</span> : null}
          </li>
        ))}
      </ol>

      {writer && status === 'draft' ? (
        <>
          <p className="gw-muted">{t('report.workflow.writerDraft')}</p>
          {meetingOver ? (
            <div className="gw-button-row">
              <Button appearance="primary-action-button" busy={busy === 'submit'} disabled={busy !== null && busy !== 'submit'} onClick={() => void run('submit')}>
                {unsaved ? t('report.workflow.saveAndSubmit') : t('report.workflow.submit')}
              </Button>
            </div>
          ) : (
            notOver
          )}
          {confirmRegenerate ? (
            <div className="gw-confirm gw-report-workflow__confirm" role="group" aria-labelledby={`${uid}-regen`}>
              <p id={`${uid}-regen`} className="gw-confirm__question">
                {t('report.workflow.regenerateConfirm')}
              </p>
              <Button
                appearance="primary-action-button"
                hint="danger"
                busy={busy === 'regenerate'}
                disabled={busy !== null && busy !== 'regenerate'}
                onClick={() => void run('regenerate').then((failure) => failure || setConfirmRegenerate(false))}
              >
                {t('report.workflow.regenerateYes')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setConfirmRegenerate(false)}>
                {t('report.cancel')}
              </Button>
            </div>
          ) : (
            <div className="gw-button-row">
              <Button appearance="subtle-button" onClick={() => setConfirmRegenerate(true)}>
                {t('report.workflow.regenerate')}
              </Button>
            </div>
          )}
        </>
      ) : null}
      {writer && status === 'in_review' ? <p className="gw-muted">{t('report.workflow.writerReview')}</p> : null}
      {writer && status === 'approved' ? <p className="gw-muted">{t('report.workflow.writerApproved')}</p> : null}
      {!writer && status === 'draft' ? <p className="gw-muted">{t('report.workflow.editorDraft')}</p> : null}
      {status === 'published' ? <p className="gw-muted">{t('report.workflow.published')}</p> : null}

      {!writer && status === 'in_review' ? (
        <>
          <p className="gw-muted">{t('report.workflow.editorReview')}</p>
          {pending ? (
            <div className="gw-report-findings gw-report-findings--approve">
              <Heading level={3} appearance="level-5">
                {t('report.findings.approveTitle', { count: pending.length })}
              </Heading>
              <p>{t('report.findings.approveIntro')}</p>
              <FindingsList findings={pending} untitled={untitled} />
              {checkMissing && !checked ? (
                <p id={`${uid}-checked-error`} className="gw-form-field__error">
                  {t('report.findings.tickFirst')}
                </p>
              ) : null}
              <label className="gw-checkbox" htmlFor={`${uid}-checked`}>
                <input
                  id={`${uid}-checked`}
                  type="checkbox"
                  checked={checked}
                  aria-invalid={checkMissing && !checked ? true : undefined}
                  aria-describedby={checkMissing && !checked ? `${uid}-checked-error` : undefined}
                  onChange={(e) => setChecked(e.target.checked)}
                />
                <span>{t('report.findings.checked')}</span>
              </label>
            </div>
          ) : null}
          {meetingOver ? (
            <div className="gw-button-row">
              <Button appearance="primary-action-button" busy={busy === 'approve'} disabled={busy !== null && busy !== 'approve'} onClick={() => void approve()}>
                {pending ? t('report.workflow.approveAnyway') : t('report.workflow.approve')}
              </Button>
            </div>
          ) : (
            notOver
          )}
        </>
      ) : null}

      {!writer && status === 'approved' ? (
        <>
          <p className="gw-muted">{t('report.workflow.editorApproved')}</p>
          <div className="gw-button-row">
            <Button appearance="primary-action-button" busy={busy === 'publish'} disabled={busy !== null && busy !== 'publish'} onClick={() => void run('publish')}>
              {t('report.workflow.publish')}
            </Button>
          </div>
        </>
      ) : null}

      {!writer && (status === 'in_review' || status === 'approved' || status === 'published') ? (
        returning ? (
          <form className="gw-report-workflow__return" onSubmit={(e) => void sendBack(e)} aria-labelledby={`${uid}-return`}>
            <Heading level={3} appearance="level-5" id={`${uid}-return`}>
              {t('report.workflow.returnTitle')}
            </Heading>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-note`} className="utrecht-form-label">
                {t('report.workflow.returnNote')}
              </label>
              <p id={`${uid}-note-hint`} className="gw-form-field__hint">
                {t('report.workflow.returnHint')}
              </p>
              <textarea id={`${uid}-note`} className="gw-textbox" rows={3} maxLength={500} aria-describedby={`${uid}-note-hint`} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="gw-button-row">
              <Button type="submit" appearance="primary-action-button" busy={busy === 'return'} disabled={busy !== null && busy !== 'return'}>
                {t('report.workflow.returnSend')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setReturning(false)}>
                {t('report.cancel')}
              </Button>
            </div>
          </form>
        ) : (
          <div className="gw-button-row">
            <Button appearance="secondary-action-button" onClick={() => setReturning(true)}>
              {t('report.workflow.return')}
            </Button>
          </div>
        )
      ) : null}
      <Feedback state={feedback} onReload={onReload} />
    </section>
  );
}
