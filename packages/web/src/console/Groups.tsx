import type { CaseListResponse, MeetingState } from '@goedwerk/core';
import { proposeGroups } from '@goedwerk/core/groups';
import { localize } from '@goedwerk/core/localize';
import { mapSummary } from '@goedwerk/core/results';
import { agendaSteps, findStep, stepRuntime } from '@goedwerk/core/state';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useId, useState } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { useApi } from '../api.ts';
import { contributionCount, groupNote, ungrouped } from '../live/results.ts';
import type { PanelProps } from './ConsoleContext.ts';
import { participantNamer, participantsInOrder } from './names.ts';

interface DraftGroup {
  readonly id: string;
  readonly name: string;
  readonly caseId: string;
}
interface Draft {
  readonly groups: readonly DraftGroup[];
  /** participant id → group id ('' for none). */
  readonly assignment: Readonly<Record<string, string>>;
}

/** A shuffled copy (Fisher–Yates with the browser's random source): the core has no randomness of its own. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const random = new Uint32Array(out.length);
  crypto.getRandomValues(random);
  for (let i = out.length - 1; i > 0; i--) {
    const j = (random[i] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function draftFrom(state: MeetingState): Draft {
  const assignment: Record<string, string> = {};
  for (const g of state.groups) for (const m of g.memberIds) assignment[m] = g.id;
  return { groups: state.groups.map((g) => ({ id: g.id, name: g.name, caseId: g.caseId ?? '' })), assignment };
}

/**
 * Small groups: proposed automatically by size (3–5), adjusted by hand with a select per
 * participant, optionally one case per group; then a scribe per group and each group's progress.
 */
/** The most frequent tensions of the meeting's first responsibility map, as pairs of field labels. */
function mapTensions(state: MeetingState, lang: string): { hornA: string; hornB: string }[] {
  const map = agendaSteps(state.agenda).find((s) => s.step.primitive === 'map')?.step;
  if (!map || map.primitive !== 'map') return [];
  const summary = mapSummary(state, map.id);
  if (!summary.shown) return [];
  const label = (id: string) => localize(map.fields.find((f) => f.id === id)?.label, lang) || id;
  return summary.value.tensions.slice(0, 6).map((t) => ({ hornA: label(t.a), hornB: label(t.b) }));
}

export function GroupsPanel({ state, run }: PanelProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const tensions = mapTensions(state, lang);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [size, setSize] = useState('4');
  const [cases] = useApi<CaseListResponse>('/api/cases');
  const name = participantNamer(state, t);
  const people = participantsInOrder(state).map((p) => p.id);
  const live = state.status === 'open' || state.status === 'running';
  const caseTitle = (id: string) => {
    const found = cases.state === 'loaded' ? cases.data.cases.find((c) => c.id === id) : undefined;
    return found ? localize(found.title, lang) : id;
  };
  const groupName = (n: number) => t('console.groups.name', { number: n });

  function propose() {
    const n = Math.min(12, Math.max(2, Math.round(Number(size)) || 4));
    const proposal = proposeGroups(shuffled(people), n, groupName);
    const assignment: Record<string, string> = {};
    for (const g of proposal) for (const m of g.memberIds) assignment[m] = g.id;
    const caseIds = state.spec.caseIds;
    setDraft({ groups: proposal.map((g, i) => ({ id: g.id, name: g.name, caseId: caseIds[i] ?? '' })), assignment });
  }

  function addGroup() {
    setDraft((d) => {
      const current = d ?? { groups: [], assignment: {} };
      let n = current.groups.length + 1;
      while (current.groups.some((g) => g.id === `groep-${n}`)) n++;
      return { ...current, groups: [...current.groups, { id: `groep-${n}`, name: groupName(n), caseId: '' }] };
    });
  }

  async function form() {
    if (!draft) return;
    const groups = draft.groups
      .map((g) => ({
        id: g.id,
        name: g.name,
        memberIds: people.filter((p) => draft.assignment[p] === g.id),
        ...(g.caseId ? { caseId: g.caseId } : {}),
      }))
      .filter((g) => g.memberIds.length > 0);
    if (groups.length === 0) return;
    const outcome = await run({ type: 'FormGroups', groups });
    if (outcome?.ok) setDraft(null);
  }

  const title = (
    <Heading level={2} id={`${uid}-title`}>
      {t('console.groups.title')}
    </Heading>
  );
  if (!live) {
    return (
      <section className="gw-panel gw-console-groups" aria-labelledby={`${uid}-title`}>
        {title}
        <p className="gw-muted">{t('console.groups.notLive')}</p>
      </section>
    );
  }

  if (draft) {
    return (
      <section className="gw-panel gw-console-groups" aria-labelledby={`${uid}-title`}>
        {title}
        <p className="gw-muted">{t('console.groups.adjust')}</p>
        <div className="gw-group-editor">
          <table className="gw-table">
            <caption>{t('console.groups.assignment')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.groups.participant')}</th>
                <th scope="col">{t('console.groups.group')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p}>
                  <th scope="row">{name(p)}</th>
                  <td>
                    <select
                      className="gw-select"
                      aria-label={t('console.groups.groupFor', { name: name(p) })}
                      value={draft.assignment[p] ?? ''}
                      onChange={(e) => setDraft({ ...draft, assignment: { ...draft.assignment, [p]: e.target.value } })}
                    >
                      <option value="">{t('console.groups.noGroup')}</option>
                      {draft.groups.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.spec.caseIds.length > 0 ? (
            <fieldset className="gw-group-cases">
              <legend>{t('console.groups.cases')}</legend>
              {draft.groups.map((g) => (
                <div key={g.id} className="gw-form-field gw-form-field--inline">
                  <label htmlFor={`${uid}-case-${g.id}`} className="utrecht-form-label">
                    {g.name}
                  </label>
                  <select
                    id={`${uid}-case-${g.id}`}
                    className="gw-select"
                    value={g.caseId}
                    onChange={(e) => setDraft({ ...draft, groups: draft.groups.map((x) => (x.id === g.id ? { ...x, caseId: e.target.value } : x)) })}
                  >
                    <option value="">{t('console.groups.noCase')}</option>
                    {state.spec.caseIds.map((id) => (
                      <option key={id} value={id}>
                        {caseTitle(id)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          ) : null}
        </div>
        <div className="gw-button-row">
          <Button appearance="primary-action-button" onClick={() => void form()}>
            {t('console.groups.form')}
          </Button>
          <Button appearance="secondary-action-button" onClick={addGroup}>
            {t('console.groups.add')}
          </Button>
          <Button appearance="subtle-button" onClick={() => setDraft(null)}>
            {t('console.cancel')}
          </Button>
        </div>
      </section>
    );
  }

  const step = findStep(state, state.currentStepId)?.step;
  const runtime = step ? stepRuntime(state, step.id) : null;
  const showProgress = step?.scope === 'group' && runtime !== null;
  const left = ungrouped(people, state.groups);
  return (
    <section className="gw-panel gw-console-groups" aria-labelledby={`${uid}-title`}>
      {title}
      {state.groups.length === 0 ? <p className="gw-muted">{t('console.groups.none')}</p> : null}
      <div className="gw-inline-form">
        <label htmlFor={`${uid}-size`} className="utrecht-form-label">
          {t('console.groups.size')}
        </label>
        <input id={`${uid}-size`} className="gw-textbox gw-textbox--number" type="number" min={2} max={12} value={size} onChange={(e) => setSize(e.target.value)} />
        <Button appearance={state.groups.length === 0 ? 'primary-action-button' : 'secondary-action-button'} onClick={propose} disabled={people.length === 0}>
          {t('console.groups.propose')}
        </Button>
        {state.groups.length > 0 ? (
          <Button appearance="secondary-action-button" onClick={() => setDraft(draftFrom(state))}>
            {t('console.groups.edit')}
          </Button>
        ) : (
          <Button appearance="secondary-action-button" onClick={addGroup} disabled={people.length === 0}>
            {t('console.groups.byHand')}
          </Button>
        )}
      </div>
      {state.groups.length > 0 ? (
        <>
          <ul className="gw-group-cards">
            {state.groups.map((g) => {
              const note = showProgress && step?.primitive === 'note' && runtime ? groupNote(runtime, g.id) : null;
              return (
                <li key={g.id} className="gw-group-card">
                  <Heading level={3} appearance="level-5" className="gw-group-card__name">
                    {g.name}
                  </Heading>
                  {g.caseId ? <p className="gw-group-card__case">{t('console.groups.case', { title: caseTitle(g.caseId) })}</p> : null}
                  {tensions.length > 0 || g.dilemma ? (
                    <div className="gw-form-field gw-form-field--inline">
                      <label htmlFor={`${uid}-dilemma-${g.id}`} className="utrecht-form-label">
                        {t('console.groups.dilemma')}
                      </label>
                      <select
                        id={`${uid}-dilemma-${g.id}`}
                        className="gw-select"
                        value={g.dilemma ? `${g.dilemma.hornA}\u0000${g.dilemma.hornB}` : ''}
                        onChange={(e) => {
                          const [hornA, hornB] = e.target.value.split('\u0000');
                          void run({ type: 'SetGroupDilemma', groupId: g.id, dilemma: hornA && hornB ? { hornA, hornB } : null });
                        }}
                      >
                        <option value="">{t('console.groups.noDilemma')}</option>
                        {[...tensions, ...(g.dilemma && !tensions.some((x) => x.hornA === g.dilemma?.hornA && x.hornB === g.dilemma?.hornB) ? [g.dilemma] : [])].map((x) => (
                          <option key={`${x.hornA}|${x.hornB}`} value={`${x.hornA}\u0000${x.hornB}`}>
                            {t('console.groups.tension', { a: x.hornA, b: x.hornB })}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                  <p className="gw-group-card__members">{g.memberIds.map(name).join(', ') || t('console.groups.empty')}</p>
                  <div className="gw-form-field gw-form-field--inline">
                    <label htmlFor={`${uid}-scribe-${g.id}`} className="utrecht-form-label">
                      {t('console.groups.scribe')}
                    </label>
                    <select
                      id={`${uid}-scribe-${g.id}`}
                      className="gw-select"
                      value={g.scribeId ?? ''}
                      onChange={(e) => void run({ type: 'SetScribe', groupId: g.id, participantId: e.target.value === '' ? null : e.target.value })}
                    >
                      <option value="">{t('console.groups.noScribe')}</option>
                      {g.memberIds.map((m) => (
                        <option key={m} value={m}>
                          {name(m)}
                        </option>
                      ))}
                    </select>
                  </div>
                  {showProgress && runtime && step ? (
                    <p className="gw-group-card__progress">
                      {step.primitive === 'note'
                        ? note && note.trim() !== ''
                          ? t('console.progress.words', { count: note.trim().split(/\s+/).length })
                          : t('console.progress.empty')
                        : t('console.progress.answers', { count: contributionCount(runtime, g.id) })}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
          {left.length > 0 ? <p className="gw-muted">{t('console.groups.ungrouped', { count: left.length })}</p> : null}
          <div className="gw-button-row">
            <Button appearance="subtle-button" onClick={() => void run({ type: 'ClearGroups' })}>
              {t('console.groups.clear')}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
