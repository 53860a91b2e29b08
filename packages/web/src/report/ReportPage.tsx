import { localize } from '@goedwerk/core/localize';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'wouter';
import type { AnonymityFinding } from '@goedwerk/report';
import type { LoadFailure } from '../api.ts';
import { Loading } from '../components/Loading.tsx';
import { RouterLink } from '../components/RouterLink.tsx';
import { LoadError } from '../components/Status.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import type { UiLanguage } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import { ReportClient, ReportRequestError, type ReportFailure, type ReportView, type WorkflowAction } from './api.ts';
import { Downloads } from './Downloads.tsx';
import { Feedback, quiet, type FeedbackState } from './Feedback.tsx';
import { FindingsList } from './Findings.tsx';
import { History } from './History.tsx';
import { reportStatusLabel, roleLabel, sectionName } from './labels.ts';
import { Preview } from './Preview.tsx';
import { SectionsEditor, sameSections, toDrafts, toEdits, type SectionDraft } from './SectionsEditor.tsx';
import { forgetReportToken, loadReportName, saveReportName, takeReportToken } from './token.ts';
import { isWriter, Workflow } from './Workflow.tsx';
import '../report.css';

const failureOf = (error: unknown): ReportFailure => (error instanceof ReportRequestError ? error.failure : { kind: 'network' });

type Load = { state: 'loading' } | { state: 'failed'; failure: ReportFailure } | { state: 'loaded'; view: ReportView; generation: number };

/** The rapporteur's editor (/report/:meetingId#token=…): write, review, approve, publish and download the report. */
export default function ReportPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams<{ meetingId: string }>();
  const [token] = useState(() => takeReportToken(meetingId));
  const client = useMemo(() => (token ? new ReportClient(meetingId, token) : null), [meetingId, token]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!client) return;
    const controller = new AbortController();
    client.load(controller.signal).then(
      (view) => setLoad((before) => ({ state: 'loaded', view, generation: before.state === 'loaded' ? before.generation + 1 : 0 })),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = failureOf(error);
        if (failure.kind === 'unauthorized') forgetReportToken(meetingId);
        setLoad({ state: 'failed', failure });
      },
    );
    return () => controller.abort();
  }, [client, attempt, meetingId]);

  const reload = useCallback(() => {
    setLoad({ state: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const back = (
    <nav aria-label={t('breadcrumb.label')} className="gw-back">
      <RouterLink to={`/meetings/${encodeURIComponent(meetingId)}`}>{t('report.back')}</RouterLink>
    </nav>
  );

  let body;
  if (!client) body = <NoAccess refused={false} />;
  else if (load.state === 'loading') body = <Loading />;
  else if (load.state === 'failed') {
    const failure = load.failure;
    if (failure.kind === 'unauthorized' || failure.kind === 'forbidden') body = <NoAccess refused />;
    else {
      const shown: LoadFailure = failure.kind === 'not-found' ? { kind: 'not-found' } : failure.kind === 'network' ? { kind: 'network' } : { kind: 'server', status: 500 };
      body = <LoadError failure={shown} retry={reload} />;
    }
  } else body = <Workspace key={load.generation} initial={load.view} client={client} reload={reload} />;
  return (
    <>
      {back}
      {body}
    </>
  );
}

function NoAccess({ refused }: { refused: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t('report.title'));
  return (
    <div className="gw-page-intro">
      <p className="gw-kicker">{t('report.title')}</p>
      <Heading level={1}>{refused ? t('report.badLinkTitle') : t('report.needLinkTitle')}</Heading>
      <Paragraph>{refused ? t('report.badLink') : t('report.needLink')}</Paragraph>
    </div>
  );
}

const DONE: Record<WorkflowAction, 'report.done.submit' | 'report.done.return' | 'report.done.approve' | 'report.done.publish' | 'report.done.regenerate'> = {
  submit: 'report.done.submit',
  return: 'report.done.return',
  approve: 'report.done.approve',
  publish: 'report.done.publish',
  regenerate: 'report.done.regenerate',
};

/** The page once the report is loaded; mounted afresh when it is reloaded. */
function Workspace({ initial, client, reload }: { initial: ReportView; client: ReportClient; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [view, setView] = useState(initial);
  const report = view.report;
  const writer = isWriter(view.role);
  const editing = writer && report.status === 'draft';
  const saved = useMemo(() => toDrafts(report.sections), [report.sections]);
  const [sections, setSections] = useState<readonly SectionDraft[]>(saved);
  const unsaved = editing && !sameSections(sections, saved);
  const [name, setName] = useState(loadReportName);
  const [nameMissing, setNameMissing] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [saveFeedback, setSaveFeedback] = useState<FeedbackState>(quiet);
  const [flowFeedback, setFlowFeedback] = useState<FeedbackState>(quiet);
  const [pendingFindings, setPendingFindings] = useState<readonly AnonymityFinding[] | null>(null);

  const meeting = view.meeting;
  const title = (typeof meeting.title === 'string' ? meeting.title : localize(meeting.title, i18n.language)) || report.titleBlock.title;
  const meetingOver = meeting.status === 'closed' || meeting.status === 'reported';
  useDocumentTitle(`${t('report.title')}: ${title}`);

  // The preview of unsaved edits, rendered by the server a moment after the writer stops typing.
  const edits = useMemo(() => toEdits(sections), [sections]);
  const editsKey = useMemo(() => JSON.stringify(edits), [edits]);
  const [preview, setPreview] = useState<{ key: string; html: string | null } | null>(null);
  useEffect(() => {
    if (!unsaved) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      client.preview(edits, controller.signal).then(
        (html) => setPreview({ key: editsKey, html }),
        () => {
          if (!controller.signal.aborted) setPreview({ key: editsKey, html: null });
        },
      );
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [client, edits, editsKey, unsaved]);
  const previewCurrent = preview?.key === editsKey ? preview : null;
  const previewHtml = unsaved ? (previewCurrent?.html ?? (preview?.html || view.html)) : view.html;

  // Unsaved edits are not lost to a closed tab without a warning.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  function changeName(value: string) {
    setName(value);
    saveReportName(value);
    if (value.trim()) setNameMissing(false);
  }

  /** The name for the history, or null after asking for it. */
  function who(): string | null {
    const trimmed = name.trim();
    if (trimmed) return trimmed;
    setNameMissing(true);
    nameInput.current?.focus();
    return null;
  }

  const untitled = (sectionId: string) => sectionName(report.sections.find((s) => s.id === sectionId) ?? { title: '', kind: 'custom' }, t);

  function accept(next: ReportView, sent: readonly SectionDraft[] | null) {
    setView(next);
    // Edits typed while the request was under way stay; otherwise the editor shows what was stored.
    setSections((current) => (sent === null || current === sent ? toDrafts(next.report.sections) : current));
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    // One request at a time: a second save on the same version would only meet a conflict.
    if (busy !== null) return;
    const by = who();
    if (!by) {
      setSaveFeedback({ status: '', failure: null, problem: t('report.name.missing') });
      return;
    }
    const sent = sections;
    setBusy('save');
    setSaveFeedback({ status: t('report.editor.saving'), failure: null });
    try {
      accept(await client.save(view.version, by, toEdits(sent)), sent);
      setSaveFeedback({ status: t('report.editor.saved'), failure: null });
    } catch (error) {
      setSaveFeedback({ status: '', failure: failureOf(error) });
    } finally {
      setBusy(null);
    }
  }

  async function act(action: WorkflowAction, extra: { note?: string; acknowledgeFindings?: boolean } = {}): Promise<ReportFailure | null> {
    if (busy !== null) return { kind: 'invalid' };
    const by = who();
    if (!by) {
      setFlowFeedback({ status: '', failure: null, problem: t('report.name.missing') });
      return { kind: 'invalid' };
    }
    setBusy(action);
    setFlowFeedback({ status: t('report.workflow.working'), failure: null });
    try {
      let version = view.version;
      if (action === 'submit' && unsaved) {
        const sent = sections;
        const stored = await client.save(version, by, toEdits(sent));
        accept(stored, sent);
        version = stored.version;
      }
      accept(await client.act(version, by, action, extra), null);
      setPendingFindings(null);
      setSaveFeedback(quiet);
      setFlowFeedback({ status: t(DONE[action]), failure: null });
      return null;
    } catch (error) {
      const failure = failureOf(error);
      if (failure.kind === 'anonymity_findings') setPendingFindings(failure.findings);
      setFlowFeedback({ status: '', failure });
      return failure;
    } finally {
      setBusy(null);
    }
  }

  // The name is asked for only where this role can do something with the report now.
  const canAct = editing || (!writer && (report.status === 'in_review' || report.status === 'approved'));
  const showFindings = (report.status === 'draft' || report.status === 'in_review') && view.findings.length > 0 && !pendingFindings;
  const saveBar = (
    <form className="gw-report-savebar" onSubmit={(e) => void save(e)} aria-label={t('report.editor.saveBar')}>
      <Button type="submit" appearance="primary-action-button" busy={busy === 'save'} disabled={busy !== null && busy !== 'save'}>
        {t('report.editor.save')}
      </Button>
      <p className={`gw-report-savebar__state${unsaved ? ' gw-report-savebar__state--unsaved' : ''}`}>
        {unsaved ? t('report.editor.unsaved') : t('report.editor.allSaved')}
      </p>
      <Feedback state={saveFeedback} onReload={reload} />
    </form>
  );

  return (
    <div className="gw-report">
      <header className="gw-report__head">
        <p className="gw-kicker">{t('report.title')}</p>
        <Heading level={1}>{title}</Heading>
        <dl className="gw-report__facts">
          <div>
            <dt>{t('report.facts.status')}</dt>
            <dd>
              <span className={`nl-data-badge gw-report-status gw-report-status--${report.status}`}>{reportStatusLabel(report.status, t)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('report.facts.meeting')}</dt>
            <dd>
              <StatusBadge status={meeting.status} />
            </dd>
          </div>
          <div>
            <dt>{t('report.facts.role')}</dt>
            <dd>{roleLabel(view.role, t)}</dd>
          </div>
        </dl>
      </header>

      <div className={`gw-report__top${canAct ? '' : ' gw-report__top--single'}`}>
        {canAct ? (
          <section className="gw-panel gw-report-you" aria-labelledby={`${uid}-you`}>
            <Heading level={2} appearance="level-4" id={`${uid}-you`}>
              {t('report.name.title')}
            </Heading>
            <div className="gw-form-field">
              <label htmlFor={`${uid}-name`} className="utrecht-form-label">
                {t('report.name.label')} <span className="gw-report-required">{t('report.name.required')}</span>
              </label>
              <p id={`${uid}-name-hint`} className="gw-form-field__hint">
                {writer ? t('report.name.hintWriter') : t('report.name.hintEditor')}
              </p>
              {nameMissing ? (
                <p id={`${uid}-name-error`} className="gw-form-field__error">
                  {t('report.name.missing')}
                </p>
              ) : null}
              <input
                id={`${uid}-name`}
                ref={nameInput}
                className="gw-textbox"
                type="text"
                autoComplete="name"
                maxLength={120}
                required
                aria-invalid={nameMissing || undefined}
                aria-describedby={nameMissing ? `${uid}-name-error ${uid}-name-hint` : `${uid}-name-hint`}
                value={name}
                onChange={(e) => changeName(e.target.value)}
              />
            </div>
          </section>
        ) : null}
        <Workflow
          role={view.role}
          status={report.status}
          meetingOver={meetingOver}
          unsaved={unsaved}
          busy={busy}
          feedback={flowFeedback}
          act={act}
          onReload={reload}
          untitled={untitled}
          pending={pendingFindings}
        />
      </div>

      {showFindings ? (
        <section className="gw-callout gw-report-findings" aria-labelledby={`${uid}-findings`}>
          <Heading level={2} appearance="level-4" id={`${uid}-findings`}>
            {t('report.findings.title', { count: view.findings.length })}
          </Heading>
          <p>{t('report.findings.intro')}</p>
          <FindingsList findings={view.findings} untitled={untitled} />
        </section>
      ) : null}

      <div className={`gw-report__layout gw-report__layout--${editing ? 'edit' : 'read'}`}>
        {editing ? (
          <div className="gw-report__editor">
            <SectionsEditor
              sections={sections}
              onChange={(update) => setSections((current) => update(current))}
              reportLanguage={report.lang as UiLanguage}
              announce={(text) => setSaveFeedback({ status: text, failure: null })}
              saveBar={saveBar}
            />
          </div>
        ) : null}
        <div className="gw-report__preview">
          <Preview html={previewHtml} lang={report.lang} unsaved={unsaved} busy={unsaved && previewCurrent === null} failed={unsaved && previewCurrent?.html === null} scrolls={editing} />
        </div>
        <div className="gw-report__side">
          <Downloads client={client} draft={view.draft} unsaved={unsaved} onReload={reload} />
          <History history={report.history} />
        </div>
      </div>
    </div>
  );
}
