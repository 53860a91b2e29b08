import type { CaseDraft, LocalizedText } from '@goedwerk/core';
import { Heading } from '@nl-design-system-candidate/heading-react';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Feedback } from '../account/parts.tsx';
import { themeLabel } from '../components/labels.ts';
import type { TFunction } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import { caseFailureOf, slugsOf, type CaseFailure } from './api.ts';
import { caseFailureText } from './labels.ts';
import '../account.css';
import '../library.css';

/**
 * [LB-22] The form to put a case forward: the tension as its title, the two horns, the situation
 * and what happened, and (for staff) the criterion, themes, target groups, opening questions and
 * source. Every message is tied to its field; nothing is sent until the required fields are there.
 */

/** Staff see every field; a participant in a meeting only the story (the rest is the reviewer's). */
export type CaseFormVariant = 'staff' | 'participant';

const MAX_THEMES = 12;
const MAX_TARGET_GROUPS = 8;
const PROMPT_COUNT = 3;
const SHORT = 200;
const LONG = 4000;

type FieldName = 'title' | 'hornA' | 'hornB' | 'situation' | 'action' | 'consequence' | 'hindsight' | 'criterion' | 'themes' | 'targetGroups' | 'prompts' | 'source';
/** The order of the fields on the page: the first with an error gets the focus. */
const ORDER: readonly FieldName[] = ['title', 'hornA', 'hornB', 'situation', 'action', 'consequence', 'hindsight', 'criterion', 'themes', 'targetGroups', 'prompts', 'source'];

interface Values {
  title: string;
  hornA: string;
  hornB: string;
  situation: string;
  action: string;
  consequence: string;
  hindsight: string;
  criterion: string;
  publicityTest: boolean;
  themes: readonly string[];
  themesOther: string;
  targetGroups: readonly string[];
  targetGroupsOther: string;
  prompts: readonly string[];
  source: string;
}

const EMPTY: Values = {
  title: '',
  hornA: '',
  hornB: '',
  situation: '',
  action: '',
  consequence: '',
  hindsight: '',
  criterion: '',
  publicityTest: false,
  themes: [],
  themesOther: '',
  targetGroups: [],
  targetGroupsOther: '',
  prompts: Array.from({ length: PROMPT_COUNT }, () => ''),
  source: '',
};

type Errors = Partial<Record<FieldName, string>>;

const unique = (items: readonly string[]) => [...new Set(items)];
const allThemes = (v: Values) => unique([...v.themes, ...slugsOf(v.themesOther)]);
const allTargetGroups = (v: Values) => unique([...v.targetGroups, ...slugsOf(v.targetGroupsOther)]);

function validate(v: Values, variant: CaseFormVariant, t: TFunction): Errors {
  const errors: Errors = {};
  if (v.title.trim() === '') errors.title = t('library.submit.errors.title');
  const a = v.hornA.trim() !== '';
  const b = v.hornB.trim() !== '';
  if (a !== b) errors[a ? 'hornB' : 'hornA'] = t('library.submit.errors.horns');
  if (v.situation.trim() === '') errors.situation = t('library.submit.errors.situation');
  if (variant === 'staff') {
    if (allThemes(v).length > MAX_THEMES) errors.themes = t('library.submit.errors.themes', { count: MAX_THEMES });
    if (allTargetGroups(v).length > MAX_TARGET_GROUPS) errors.targetGroups = t('library.submit.errors.targetGroups', { count: MAX_TARGET_GROUPS });
  }
  return errors;
}

/** The case as the API takes it, in the interface language (the language it was written in). */
function toDraft(v: Values, lang: string, variant: CaseFormVariant): CaseDraft {
  const text = (value: string): LocalizedText | undefined => {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    return lang === 'en' ? { en: trimmed } : { nl: trimmed };
  };
  const staff = variant === 'staff';
  const draft: CaseDraft = {
    title: text(v.title)!,
    situation: text(v.situation)!,
    publicityTest: staff && v.publicityTest,
    themes: staff ? allThemes(v) : [],
    targetGroups: staff ? allTargetGroups(v) : [],
    prompts: staff ? v.prompts.flatMap((p) => text(p) ?? []) : [],
    consent: 'not_needed',
    // A new case is always checked by a reviewer for names and identifying details before it is published.
    anonymisation: 'to_check',
  };
  const optional = { hornA: v.hornA, hornB: v.hornB, action: v.action, consequence: v.consequence, hindsight: v.hindsight, ...(staff ? { criterion: v.criterion, source: v.source } : {}) };
  for (const [key, value] of Object.entries(optional) as [keyof typeof optional, string][]) {
    const localized = text(value);
    if (localized) draft[key] = localized;
  }
  return draft;
}

/** The field a server refusal names (`title.nl`, `prompts.1.nl`), if it is one of the form's. */
function fieldOf(path: string): FieldName | null {
  const head = path.split('.')[0] ?? '';
  return (ORDER as readonly string[]).includes(head) ? (head as FieldName) : null;
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  /** Inside a group whose legend already says "optional". */
  quiet?: boolean;
  error?: string | undefined;
  multiline?: boolean;
  value: string;
  onChange: (value: string) => void;
  inputRef?: (element: HTMLElement | null) => void;
}

/** A labelled text box or text area with its hint and its error, both read with the field (aria-describedby). */
function TextField({ id, label, hint, optional = false, quiet = false, error, multiline = false, value, onChange, inputRef }: TextFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    required: !optional,
    autoComplete: 'off',
  } as const;
  return (
    <div className="gw-form-field">
      <label htmlFor={id} className="utrecht-form-label">
        {label}
        {optional && !quiet ? <span className="gw-muted"> {t('library.submit.optional')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="gw-form-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="gw-form-field__error">
          {error}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...common} ref={inputRef} className="gw-textbox gw-textarea" rows={4} maxLength={LONG} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} ref={inputRef} className="gw-textbox" type="text" maxLength={SHORT} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

/** Slugs to tick (what the library already uses) and a box for others, as one group with one error. */
function TagField(props: {
  id: string;
  legend: string;
  otherLabel: string;
  otherHint: string;
  options: readonly string[];
  chosen: readonly string[];
  other: string;
  error?: string | undefined;
  onChosen: (chosen: readonly string[]) => void;
  onOther: (other: string) => void;
  inputRef: (element: HTMLElement | null) => void;
}) {
  const { t } = useTranslation();
  const { id, options, chosen, error } = props;
  return (
    <fieldset className="gw-case-form__group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="gw-case-form__legend">
        {props.legend} <span className="gw-muted">{t('library.submit.optional')}</span>
      </legend>
      {error ? (
        <p id={`${id}-error`} className="gw-form-field__error">
          {error}
        </p>
      ) : null}
      {options.length > 0 ? (
        <ul className="gw-case-form__tags">
          {options.map((slug) => (
            <li key={slug}>
              <label className="gw-case-form__tag">
                <input
                  type="checkbox"
                  checked={chosen.includes(slug)}
                  onChange={(e) => props.onChosen(e.target.checked ? [...chosen, slug] : chosen.filter((s) => s !== slug))}
                />
                <span>{themeLabel(slug)}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <TextField id={`${id}-other`} label={props.otherLabel} hint={props.otherHint} optional quiet value={props.other} onChange={props.onOther} inputRef={props.inputRef} />
    </fieldset>
  );
}

export interface CaseFormProps {
  variant: CaseFormVariant;
  /** The themes and target groups the library uses, offered to tick (staff). */
  facets?: { readonly themes: readonly string[]; readonly targetGroups: readonly string[] } | undefined;
  /** Sends the case; throws a CaseRequestError when the server refuses it. */
  send: (draft: CaseDraft) => Promise<void>;
  onSent: () => void;
  /** The session ended while the form was open. */
  onUnauthorized?: () => void;
  /** A text for a failure, where the page knows better than the general one. */
  describeFailure?: (failure: CaseFailure) => string | null;
  labelledBy: string;
  submitLabel: string;
}

export function CaseForm({ variant, facets, send, onSent, onUnauthorized, describeFailure, labelledBy, submitLabel }: CaseFormProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fields = useRef<Partial<Record<FieldName, HTMLElement | null>>>({});
  const staff = variant === 'staff';

  const ref = (name: FieldName) => (element: HTMLElement | null) => {
    fields.current[name] = element;
  };
  function set<K extends keyof Values>(key: K, value: Values[K], field: FieldName) {
    setValues((current) => ({ ...current, [key]: value }));
    // A message goes once the field is changed; the horns share theirs.
    setErrors((current) => {
      if (!current[field] && !(field === 'hornA' || field === 'hornB')) return current;
      const next = { ...current };
      delete next[field];
      if (field === 'hornA' || field === 'hornB') {
        delete next.hornA;
        delete next.hornB;
      }
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate(values, variant, t);
    setErrors(found);
    const first = ORDER.find((name) => found[name]);
    if (first) {
      setProblem(t('library.submit.errors.summary', { count: Object.keys(found).length }));
      fields.current[first]?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await send(toDraft(values, i18n.language, variant));
    } catch (error) {
      setBusy(false);
      const failure = caseFailureOf(error);
      if (failure.kind === 'unauthorized' && onUnauthorized) {
        onUnauthorized();
        return;
      }
      const field = failure.kind === 'invalid_case' ? fieldOf(failure.field) : null;
      if (field) {
        setErrors({ [field]: t('library.submit.errors.invalidField') });
        fields.current[field]?.focus();
      }
      setProblem(describeFailure?.(failure) ?? caseFailureText(failure, t));
      return;
    }
    setBusy(false);
    onSent();
  }

  const text = (name: Exclude<FieldName, 'themes' | 'targetGroups' | 'prompts'>, label: string, options: { hint?: string; optional?: boolean; quiet?: boolean; multiline?: boolean } = {}) => (
    <TextField
      id={`${uid}-${name}`}
      label={label}
      {...options}
      error={errors[name]}
      value={values[name]}
      onChange={(value) => set(name, value, name)}
      inputRef={ref(name)}
    />
  );

  return (
    <form className="gw-panel gw-account-form gw-case-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={labelledBy}>
      <p className="gw-case-form__anonymity">{t('library.submit.anonymity')}</p>
      <p className="gw-muted gw-case-form__required">{t('library.submit.required')}</p>
      {text('title', t('library.submit.titleLabel'), { hint: t('library.submit.titleHint') })}
      <fieldset className="gw-case-form__group" aria-describedby={`${uid}-horns-hint`}>
        <legend className="gw-case-form__legend">
          {t('library.submit.horns')} <span className="gw-muted">{t('library.submit.optional')}</span>
        </legend>
        <p id={`${uid}-horns-hint`} className="gw-form-field__hint">
          {t('library.submit.hornsHint')}
        </p>
        <div className="gw-account-form__pair">
          {text('hornA', t('case.hornA'), { optional: true, quiet: true, hint: t('library.submit.hornAHint') })}
          {text('hornB', t('case.hornB'), { optional: true, quiet: true, hint: t('library.submit.hornBHint') })}
        </div>
      </fieldset>
      {text('situation', t('case.situation'), { hint: t('library.submit.situationHint'), multiline: true })}
      {text('action', t('case.action'), { optional: true, multiline: true })}
      {text('consequence', t('case.consequence'), { optional: true, multiline: true })}
      {text('hindsight', t('case.hindsight'), { optional: true, hint: t('library.submit.hindsightHint'), multiline: true })}
      {staff ? (
        <>
          {text('criterion', t('case.criterion'), { optional: true, hint: t('library.submit.criterionHint') })}
          <label className="gw-checkbox gw-case-form__check" htmlFor={`${uid}-publicity`}>
            <input id={`${uid}-publicity`} type="checkbox" checked={values.publicityTest} onChange={(e) => set('publicityTest', e.target.checked, 'criterion')} />
            <span>{t('library.submit.publicityTest')}</span>
          </label>
          <TagField
            id={`${uid}-themes`}
            legend={t('case.themes')}
            otherLabel={t('library.submit.themesOther')}
            otherHint={t('library.submit.listHint')}
            options={facets?.themes ?? []}
            chosen={values.themes}
            other={values.themesOther}
            error={errors.themes}
            onChosen={(chosen) => set('themes', chosen, 'themes')}
            onOther={(other) => set('themesOther', other, 'themes')}
            inputRef={ref('themes')}
          />
          <TagField
            id={`${uid}-groups`}
            legend={t('library.case.targetGroups')}
            otherLabel={t('library.submit.targetGroupsOther')}
            otherHint={t('library.submit.listHint')}
            options={facets?.targetGroups ?? []}
            chosen={values.targetGroups}
            other={values.targetGroupsOther}
            error={errors.targetGroups}
            onChosen={(chosen) => set('targetGroups', chosen, 'targetGroups')}
            onOther={(other) => set('targetGroupsOther', other, 'targetGroups')}
            inputRef={ref('targetGroups')}
          />
          <fieldset className="gw-case-form__group" aria-describedby={[`${uid}-prompts-hint`, errors.prompts ? `${uid}-prompts-error` : ''].filter(Boolean).join(' ')}>
            <legend className="gw-case-form__legend">
              {t('library.case.prompts')} <span className="gw-muted">{t('library.submit.optional')}</span>
            </legend>
            <p id={`${uid}-prompts-hint`} className="gw-form-field__hint">
              {t('library.submit.promptsHint', { count: PROMPT_COUNT })}
            </p>
            {errors.prompts ? (
              <p id={`${uid}-prompts-error`} className="gw-form-field__error">
                {errors.prompts}
              </p>
            ) : null}
            {values.prompts.map((prompt, index) => (
              <TextField
                key={index}
                id={`${uid}-prompt-${index}`}
                label={t('library.submit.prompt', { number: index + 1 })}
                optional
                quiet
                value={prompt}
                onChange={(value) => set('prompts', values.prompts.map((p, i) => (i === index ? value : p)), 'prompts')}
                {...(index === 0 ? { inputRef: ref('prompts') } : {})}
              />
            ))}
          </fieldset>
          {text('source', t('library.submit.source'), { optional: true, hint: t('library.submit.sourceHint') })}
        </>
      ) : null}
      <Feedback status={busy ? t('library.submit.busy') : ''} error={problem} />
      <div className="gw-button-row">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** After sending: it waits for review and is not in the library yet. The heading takes the focus. */
export function CaseSent({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const uid = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="gw-panel gw-account-made gw-case-sent" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`} ref={heading} tabIndex={-1}>
        {t('library.submit.done.title')}
      </Heading>
      <p>{t('library.submit.done.text')}</p>
      <p>{t('library.submit.done.next')}</p>
      <div className="gw-actions">{children}</div>
    </section>
  );
}
