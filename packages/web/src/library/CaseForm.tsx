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

/**
 * What stops the case from being sent. In the language shown, a text needs its title and situation;
 * and the case needs them in some language (when editing, the other language may have them).
 */
function validate(v: Values, variant: CaseFormVariant, t: TFunction, lang: TextLanguage, base?: CaseDraft): Errors {
  const errors: Errors = {};
  const draft = toDraft(v, lang, variant, base);
  const written = TEXT_FIELDS.some((field) => v[field].trim() !== '') || v.prompts.some((p) => p.trim() !== '');
  if (v.title.trim() === '' && (written || !draft.title)) errors.title = t('library.submit.errors.title');
  const a = v.hornA.trim() !== '';
  const b = v.hornB.trim() !== '';
  if (a !== b) errors[a ? 'hornB' : 'hornA'] = t('library.submit.errors.horns');
  if (v.situation.trim() === '' && (written || !draft.situation)) errors.situation = t('library.submit.errors.situation');
  if (variant === 'staff') {
    if (allThemes(v).length > MAX_THEMES) errors.themes = t('library.submit.errors.themes', { count: MAX_THEMES });
    if (allTargetGroups(v).length > MAX_TARGET_GROUPS) errors.targetGroups = t('library.submit.errors.targetGroups', { count: MAX_TARGET_GROUPS });
  }
  return errors;
}

/** The languages a case's text may be written in (the interface's). */
type TextLanguage = 'nl' | 'en';
const textLanguageOf = (lang: string): TextLanguage => (lang === 'en' ? 'en' : 'nl');

/** The text fields of a case, as the form shows them in one language. */
const TEXT_FIELDS = ['title', 'hornA', 'hornB', 'situation', 'action', 'consequence', 'hindsight', 'criterion', 'source'] as const;

/** A text in one language put into a case's text, the other language kept; undefined when neither is left. */
function withText(current: LocalizedText | undefined, lang: TextLanguage, value: string): LocalizedText | undefined {
  const next: { nl?: string; en?: string } = { ...current };
  const trimmed = value.trim();
  if (trimmed === '') delete next[lang];
  else next[lang] = trimmed;
  return next.nl === undefined && next.en === undefined ? undefined : next;
}

/** A case's fields as the form shows them, in one language of its text. */
function valuesOf(draft: CaseDraft, lang: TextLanguage): Values {
  const text = (value: LocalizedText | undefined) => value?.[lang] ?? '';
  const prompts = draft.prompts.map(text);
  while (prompts.length < PROMPT_COUNT) prompts.push('');
  return {
    ...EMPTY,
    ...Object.fromEntries(TEXT_FIELDS.map((field) => [field, text(draft[field])])),
    publicityTest: draft.publicityTest,
    themes: draft.themes,
    targetGroups: draft.targetGroups,
    prompts,
  };
}

/** A new case: nothing typed yet, checked by a reviewer for names and identifying details before it is published. */
const NEW_CASE = {
  publicityTest: false,
  themes: [],
  targetGroups: [],
  prompts: [],
  consent: 'not_needed',
  anonymisation: 'to_check',
} as const satisfies Omit<CaseDraft, 'title' | 'situation'>;

/**
 * The case as the API takes it: what the form shows, in language `lang`, put into `base` (the case
 * being edited, whose other language, consent, anonymisation and source meeting stay as they are).
 * A new case is written in one language. A participant sends only the story. The title and the
 * situation may be missing here; `validate` does not let such a draft be sent.
 */
function toDraft(v: Values, lang: TextLanguage, variant: CaseFormVariant, base?: CaseDraft): CaseDraft {
  const staff = variant === 'staff';
  const draft: Partial<CaseDraft> & Omit<CaseDraft, 'title' | 'situation'> = base ? { ...base } : { ...NEW_CASE, themes: [], targetGroups: [], prompts: [] };
  for (const field of TEXT_FIELDS) {
    if (!staff && (field === 'criterion' || field === 'source')) continue;
    const next = withText(draft[field], lang, v[field]);
    if (next) draft[field] = next;
    else delete draft[field];
  }
  if (staff) {
    draft.publicityTest = v.publicityTest;
    draft.themes = allThemes(v);
    draft.targetGroups = allTargetGroups(v);
    draft.prompts = v.prompts.flatMap((p, index) => withText(base?.prompts[index], lang, p) ?? []);
  }
  return draft as CaseDraft;
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
  /** The language of the text typed in it, when it may differ from the page's. */
  lang?: string | undefined;
}

/** A labelled text box or text area with its hint and its error, both read with the field (aria-describedby). */
function TextField({ id, label, hint, optional = false, quiet = false, error, multiline = false, value, onChange, inputRef, lang }: TextFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    required: !optional,
    autoComplete: 'off',
    lang,
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
  /**
   * The case being edited (LB-38), its fields shown in the interface language when it has text in
   * it, else in its other language; a choice switches between the two, keeping what was typed.
   */
  initial?: CaseDraft | undefined;
  /** The session ended while the form was open. */
  onUnauthorized?: () => void;
  /** A text for a failure, where the page knows better than the general one. */
  describeFailure?: (failure: CaseFailure) => string | null;
  labelledBy: string;
  submitLabel: string;
  /** What the status line says while the case is on its way. */
  busyLabel?: string | undefined;
}

export function CaseForm({ variant, facets, send, onSent, initial, onUnauthorized, describeFailure, labelledBy, submitLabel, busyLabel }: CaseFormProps) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const [lang, setLang] = useState<TextLanguage>(() => {
    const shown = textLanguageOf(i18n.language);
    return !initial || initial.title[shown] !== undefined ? shown : shown === 'nl' ? 'en' : 'nl';
  });
  // The case as edited so far, in both languages: what the form shows is one language of it.
  const [base, setBase] = useState<CaseDraft | undefined>(initial);
  const [values, setValues] = useState<Values>(() => (initial ? valuesOf(initial, lang) : EMPTY));
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

  /** Shows the case's text in the other language; what was typed stays in the case being edited. */
  function switchLanguage(next: TextLanguage) {
    if (next === lang) return;
    const edited = toDraft(values, lang, variant, base);
    setBase(edited);
    setValues(valuesOf(edited, next));
    setLang(next);
    setErrors({});
    setProblem(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate(values, variant, t, lang, base);
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
      await send(toDraft(values, lang, variant, base));
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

  // The fields' language is told to screen readers only where it can differ from the page's.
  const textLang = initial ? lang : undefined;
  // The case's own tags are offered too, where the published library does not use them (yet).
  const themeOptions = unique([...(facets?.themes ?? []), ...(initial?.themes ?? [])]);
  const groupOptions = unique([...(facets?.targetGroups ?? []), ...(initial?.targetGroups ?? [])]);
  const text = (name: Exclude<FieldName, 'themes' | 'targetGroups' | 'prompts'>, label: string, options: { hint?: string; optional?: boolean; quiet?: boolean; multiline?: boolean } = {}) => (
    <TextField
      id={`${uid}-${name}`}
      label={label}
      {...options}
      error={errors[name]}
      value={values[name]}
      onChange={(value) => set(name, value, name)}
      inputRef={ref(name)}
      lang={textLang}
    />
  );

  return (
    <form className="gw-panel gw-account-form gw-case-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={labelledBy}>
      <p className="gw-case-form__anonymity">{t('library.submit.anonymity')}</p>
      <p className="gw-muted gw-case-form__required">{t('library.submit.required')}</p>
      {initial ? (
        <fieldset className="gw-case-form__group gw-case-form__language" aria-describedby={`${uid}-lang-hint`}>
          <legend className="gw-case-form__legend">{t('library.edit.language')}</legend>
          <p id={`${uid}-lang-hint`} className="gw-form-field__hint">
            {t('library.edit.languageHint', { language: t(`language.${lang}`), other: t(`language.${lang === 'nl' ? 'en' : 'nl'}`) })}
          </p>
          <div className="gw-case-form__languages">
            {(['nl', 'en'] as const).map((option) => (
              <label key={option} className="gw-case-form__tag">
                <input type="radio" name={`${uid}-lang`} value={option} checked={lang === option} onChange={() => switchLanguage(option)} />
                <span>
                  {t(`language.${option}`)}
                  {(option === lang ? values.title.trim() === '' : !(base?.title[option])) ? <span className="gw-muted"> {t('library.edit.noText')}</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
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
            options={themeOptions}
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
            options={groupOptions}
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
                lang={textLang}
                onChange={(value) => set('prompts', values.prompts.map((p, i) => (i === index ? value : p)), 'prompts')}
                {...(index === 0 ? { inputRef: ref('prompts') } : {})}
              />
            ))}
          </fieldset>
          {text('source', t('library.submit.source'), { optional: true, hint: t('library.submit.sourceHint') })}
        </>
      ) : null}
      <Feedback status={busy ? (busyLabel ?? t('library.submit.busy')) : ''} error={problem} />
      <div className="gw-button-row">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * After sending: by default, that it waits for review and is not in the library yet (an edit says
 * what it changed instead). The heading takes the focus.
 */
export function CaseSent({ title, lines, children }: { title?: string; lines?: readonly string[]; children: ReactNode }) {
  const { t } = useTranslation();
  const uid = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="gw-panel gw-account-made gw-case-sent" aria-labelledby={`${uid}-title`}>
      <Heading level={2} appearance="level-3" id={`${uid}-title`} ref={heading} tabIndex={-1}>
        {title ?? t('library.submit.done.title')}
      </Heading>
      {(lines ?? [t('library.submit.done.text'), t('library.submit.done.next')]).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <div className="gw-actions">{children}</div>
    </section>
  );
}
