import type { Group, StepRuntime } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { errorText } from '../components/live/errors.ts';
import { groupGrid, groupGridId } from '../live/results.ts';
import { newContributionId } from '../live/storage.ts';
import { FormError, type InputProps, SaveStatus } from './inputs.tsx';
import { GridView } from '../components/live/GridView.tsx';

type Row = Record<string, string>;
const MAX_ROWS = 20;

/**
 * A group's shared grid (perspectives × values × norms): rows of cells, one per column. Like the
 * group's note it is one contribution that every save replaces; with a scribe, only the scribe writes.
 */
export default function GridInput({
  step,
  mine,
  save,
  isPending,
  runtime,
  group,
  participantId,
}: InputProps<'grid'> & { runtime: StepRuntime; group: Group | undefined; participantId: string }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const shared = group !== undefined && step.scope === 'group';
  const gridId = shared && step.visibility === 'anonymous' ? groupGridId(step.id, group.id) : (mine.grid?.id ?? null);
  const serverRows = shared ? groupGrid(runtime, group.id) : null;
  const canWrite = !shared || group.scribeId === undefined || group.scribeId === participantId;
  const empty = (): Row => Object.fromEntries(step.columns.map((c) => [c.id, '']));
  const [rows, setRows] = useState<Row[]>(() => (serverRows ? serverRows.map((r) => ({ ...empty(), ...r })) : [empty()]));
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const serverKey = JSON.stringify(serverRows);

  useEffect(() => {
    if (serverRows && !edited) setRows(serverRows.map((r) => ({ ...empty(), ...r })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverKey]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function send(next: Row[]) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const id = gridId ?? newContributionId();
    setEdited(false);
    const before = mine.grid;
    const outcome = await save(
      id,
      { kind: 'grid', rows: next.map((r) => ({ ...r })) },
      (m) => ({ ...m, grid: { id } }),
      (m) => {
        const { grid: _dropped, ...rest } = m;
        return before ? { ...rest, grid: before } : rest;
      },
    );
    if (outcome.ok) setError(null);
    else {
      setError(errorText(outcome.code, t));
      setEdited(true);
    }
  }

  function change(index: number, columnId: string, value: string) {
    const next = rows.map((r, i) => (i === index ? { ...r, [columnId]: value } : r));
    setRows(next);
    setEdited(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(next), 1500);
  }

  if (!canWrite) {
    return (
      <div className="gw-note-view">
        <p className="gw-live-notice">{t('live.grid.scribeWrites')}</p>
        <GridView rows={serverRows ?? []} columns={step.columns} lang={lang} />
      </div>
    );
  }
  const status = error ? '' : edited ? t('live.note.unsaved') : gridId !== null && isPending(gridId) ? t('live.sending') : serverRows || mine.grid ? t('live.note.saved') : '';
  return (
    <form
      className="gw-live-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send(rows);
      }}
    >
      {shared && group.scribeId === participantId ? <p className="gw-live-notice">{t('live.note.youAreScribe')}</p> : null}
      {shared ? <p className="gw-form-field__hint">{t('live.grid.sharedHint')}</p> : null}
      <FormError id={`${uid}-error`} text={error} />
      {rows.map((row, index) => (
        <fieldset key={index} className="gw-grid-row">
          <legend className="gw-grid-row__legend">{t('live.grid.row', { number: index + 1 })}</legend>
          {step.columns.map((c) => (
            <div key={c.id} className="gw-form-field">
              <label htmlFor={`${uid}-${index}-${c.id}`} className="utrecht-form-label gw-form-field__label">
                {localize(c.label, lang)}
              </label>
              {c.hint ? (
                <p id={`${uid}-${index}-${c.id}-hint`} className="gw-form-field__hint">
                  {localize(c.hint, lang)}
                </p>
              ) : null}
              <textarea
                id={`${uid}-${index}-${c.id}`}
                className="gw-textbox gw-textarea"
                rows={2}
                maxLength={500}
                value={row[c.id] ?? ''}
                aria-describedby={c.hint ? `${uid}-${index}-${c.id}-hint` : undefined}
                onChange={(e) => change(index, c.id, e.target.value)}
              />
            </div>
          ))}
        </fieldset>
      ))}
      <div className="gw-button-row">
        {rows.length < MAX_ROWS ? (
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              setRows([...rows, empty()]);
              setEdited(true);
            }}
          >
            {t('live.grid.addRow')}
          </Button>
        ) : null}
        <Button type="submit" appearance="primary-action-button">
          {t('live.grid.save')}
        </Button>
      </div>
      <SaveStatus text={status} />
    </form>
  );
}

