import type { ContributionPayload, Group, StepRuntime, StepTemplate } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { Button } from '@utrecht/button-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { errorText } from '../components/live/errors.ts';
import { groupNote, groupNoteId } from '../live/results.ts';
import type { CommandOutcome } from '../live/session.ts';
import { newContributionId } from '../live/storage.ts';
import type { MyCard, StepMine } from './mine.ts';

type Step<P extends StepTemplate['primitive']> = Extract<StepTemplate, { primitive: P }>;

/** Sends a contribution: `apply` records it as mine at once, `undo` takes it back if the server refuses. */
export type Save = (
  contributionId: string,
  payload: ContributionPayload,
  apply: (mine: StepMine) => StepMine,
  undo: (mine: StepMine) => StepMine,
) => Promise<CommandOutcome>;

export interface InputProps<P extends StepTemplate['primitive']> {
  readonly step: Step<P>;
  readonly mine: StepMine;
  readonly save: Save;
  readonly isPending: (contributionId: string) => boolean;
}

/** A form's error, announced at once; the field it is about points to it. */
export function FormError({ id, text }: { id: string; text: string | null }) {
  if (text === null) return null;
  return (
    <p id={id} className="gw-form-field__error" role="alert">
      {text}
    </p>
  );
}

/** A polite line under a form: sending, saved, or nothing. */
export function SaveStatus({ text }: { text: string }) {
  return (
    <p className="gw-save-status" role="status">
      {text}
    </p>
  );
}

/**
 * A choice (one option, an optional reason). A change replaces the earlier answer: one
 * contribution id per step. A vote that repeats an earlier one (`pairedWith`) reuses that vote's
 * id, so the opinion shift can be counted without the server knowing who voted.
 */
export function ChoiceInput({ step, mine, save, isPending, pairedId }: InputProps<'choice'> & { pairedId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const current = mine.choice;
  const [optionId, setOptionId] = useState(current?.optionId ?? '');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const label = (id: string) => {
    const option = step.options.find((o) => o.id === id);
    return option ? localize(option.label, i18n.language) : id;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (optionId === '') {
      setError(t('live.choice.required'));
      first.current?.focus();
      return;
    }
    setError(null);
    const id = current?.id ?? pairedId ?? newContributionId();
    const trimmed = step.allowReason ? reason.trim() : '';
    const choice = { id, optionId, ...(trimmed ? { reason: trimmed } : {}) };
    const before = current;
    const outcome = await save(
      id,
      { kind: 'choice', optionId, ...(trimmed ? { reason: trimmed } : {}) },
      (m) => ({ ...m, choice }),
      (m) => {
        const { choice: _dropped, ...rest } = m;
        return before ? { ...rest, choice: before } : rest;
      },
    );
    if (!outcome.ok) setError(errorText(outcome.code, t));
  }

  const status = current
    ? isPending(current.id)
      ? t('live.sending')
      : t('live.choice.saved', { option: label(current.optionId) })
    : '';
  return (
    <form className="gw-live-form" noValidate onSubmit={(e) => void submit(e)}>
      <fieldset className="gw-choice" aria-describedby={error ? `${uid}-error` : undefined}>
        <legend className="gw-choice__legend">{t('live.choice.legend')}</legend>
        <FormError id={`${uid}-error`} text={error} />
        <div className="gw-choice__options">
          {step.options.map((option, i) => (
            <label key={option.id} className="gw-choice__option">
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name={`${uid}-option`}
                value={option.id}
                checked={optionId === option.id}
                onChange={() => {
                  setOptionId(option.id);
                  setError(null);
                }}
              />
              <span>{localize(option.label, i18n.language)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {step.allowReason ? (
        <div className="gw-form-field">
          <label htmlFor={`${uid}-reason`} className="utrecht-form-label gw-form-field__label">
            {t('live.choice.reason')}
          </label>
          <textarea
            id={`${uid}-reason`}
            className="gw-textbox gw-textarea"
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      ) : null}
      <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
        {current ? t('live.choice.change') : t('live.choice.submit')}
      </Button>
      <SaveStatus text={status} />
    </form>
  );
}

/** A dot vote: up to the step's number of dots, each on a different option. */
export function DotsInput({ step, mine, save, isPending }: InputProps<'choice'>) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const max = step.dots ?? 1;
  const current = mine.dots;
  const [selected, setSelected] = useState<string[]>([...(current?.optionIds ?? [])]);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected.length === 0) {
      setError(t('live.dots.required'));
      first.current?.focus();
      return;
    }
    setError(null);
    const id = current?.id ?? newContributionId();
    const before = current;
    const dots = { id, optionIds: [...selected] };
    const outcome = await save(
      id,
      { kind: 'dots', optionIds: [...selected] },
      (m) => ({ ...m, dots }),
      (m) => {
        const { dots: _dropped, ...rest } = m;
        return before ? { ...rest, dots: before } : rest;
      },
    );
    if (!outcome.ok) setError(errorText(outcome.code, t));
  }

  const status = current ? (isPending(current.id) ? t('live.sending') : t('live.dots.saved', { count: current.optionIds.length })) : '';
  return (
    <form className="gw-live-form" noValidate onSubmit={(e) => void submit(e)}>
      <fieldset className="gw-choice" aria-describedby={[`${uid}-hint`, error ? `${uid}-error` : ''].filter(Boolean).join(' ')}>
        <legend className="gw-choice__legend">{t('live.dots.legend')}</legend>
        <p id={`${uid}-hint`} className="gw-form-field__hint">
          {t('live.dots.hint', { count: max, left: Math.max(0, max - selected.length) })}
        </p>
        <FormError id={`${uid}-error`} text={error} />
        <div className="gw-choice__options">
          {step.options.map((option, i) => (
            <label key={option.id} className="gw-choice__option">
              <input
                ref={i === 0 ? first : undefined}
                type="checkbox"
                value={option.id}
                checked={selected.includes(option.id)}
                onChange={(e) => {
                  if (e.target.checked && selected.length >= max) {
                    setError(t('live.dots.tooMany', { count: max }));
                    return;
                  }
                  setError(null);
                  setSelected((s) => (e.target.checked ? [...s, option.id] : s.filter((id) => id !== option.id)));
                }}
              />
              <span>{localize(option.label, i18n.language)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
        {current ? t('live.dots.change') : t('live.dots.submit')}
      </Button>
      <SaveStatus text={status} />
    </form>
  );
}

export function CardsInput({ step, mine, save, isPending }: InputProps<'cards'>) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const cards = mine.cards ?? [];
  const fields = step.fields ?? [];
  const [text, setText] = useState('');
  const [fieldId, setFieldId] = useState(fields[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState('');
  const textbox = useRef<HTMLTextAreaElement>(null);
  const max = step.maxPerParticipant;
  const left = max === undefined ? null : Math.max(0, max - cards.length);
  const fieldLabel = (id: string | undefined) => {
    const field = fields.find((f) => f.id === id);
    return field ? localize(field.label, lang) : null;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setError(t('live.cards.required'));
      textbox.current?.focus();
      return;
    }
    setError(null);
    const card: MyCard = { id: newContributionId(), text: trimmed, ...(fieldId ? { fieldId } : {}) };
    setText('');
    setAdded('');
    const outcome = await save(
      card.id,
      { kind: 'card', text: trimmed, ...(fieldId ? { fieldId } : {}) },
      (m) => ({ ...m, cards: [...(m.cards ?? []), card] }),
      (m) => ({ ...m, cards: (m.cards ?? []).filter((c) => c.id !== card.id) }),
    );
    if (outcome.ok) setAdded(t('live.cards.added'));
    else {
      setError(errorText(outcome.code, t));
      setText(trimmed);
    }
    textbox.current?.focus();
  }

  return (
    <>
      {left === 0 ? (
        <p className="gw-live-notice">{t('live.cards.max', { count: max })}</p>
      ) : (
        <form className="gw-live-form" noValidate onSubmit={(e) => void submit(e)}>
          {fields.length > 0 ? (
            <fieldset className="gw-choice gw-choice--compact">
              <legend className="gw-choice__legend">{t('live.cards.field')}</legend>
              <div className="gw-choice__options">
                {fields.map((field) => (
                  <label key={field.id} className="gw-choice__option">
                    <input type="radio" name={`${uid}-field`} value={field.id} checked={fieldId === field.id} onChange={() => setFieldId(field.id)} />
                    <span>{localize(field.label, lang)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className="gw-form-field">
            <label htmlFor={`${uid}-text`} className="utrecht-form-label gw-form-field__label">
              {t('live.cards.text')}
            </label>
            {left !== null ? (
              <p id={`${uid}-hint`} className="gw-form-field__hint">
                {t('live.cards.left', { count: left })}
              </p>
            ) : null}
            <FormError id={`${uid}-error`} text={error} />
            <textarea
              ref={textbox}
              id={`${uid}-text`}
              className="gw-textbox gw-textarea"
              rows={3}
              maxLength={500}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={[left !== null ? `${uid}-hint` : '', error ? `${uid}-error` : ''].filter(Boolean).join(' ') || undefined}
              onChange={(e) => {
                setText(e.target.value);
                if (error) setError(null);
              }}
            />
          </div>
          <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
            {t('live.cards.add')}
          </Button>
          <SaveStatus text={added} />
        </form>
      )}
      {cards.length > 0 ? (
        <section className="gw-my-cards" aria-labelledby={`${uid}-mine`}>
          <h2 id={`${uid}-mine`} className="gw-live-subheading">
            {t('live.cards.mine', { count: cards.length })}
          </h2>
          <ul className="gw-idea-cards">
            {cards.map((card) => (
              <li key={card.id} className="gw-idea-card">
                {fieldLabel(card.fieldId) ? <span className="gw-idea-card__field">{fieldLabel(card.fieldId)}</span> : null}
                <span className="gw-idea-card__text">{card.text}</span>
                {isPending(card.id) ? <span className="gw-idea-card__state">{t('live.sending')}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ScaleInput({ step, mine, save, isPending }: InputProps<'scale'>) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const current = mine.scale;
  const [values, setValues] = useState<Record<string, number>>({ ...(current?.values ?? {}) });
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (Object.keys(values).length === 0) {
      setError(t('live.scale.required'));
      first.current?.focus();
      return;
    }
    setError(null);
    const id = current?.id ?? newContributionId();
    const before = current;
    const scale = { id, values: { ...values } };
    const outcome = await save(
      id,
      { kind: 'scale', values: { ...values } },
      (m) => ({ ...m, scale }),
      (m) => {
        const { scale: _dropped, ...rest } = m;
        return before ? { ...rest, scale: before } : rest;
      },
    );
    if (!outcome.ok) setError(errorText(outcome.code, t));
  }

  const status = current ? (isPending(current.id) ? t('live.sending') : t('live.scale.saved')) : '';
  return (
    <form className="gw-live-form" noValidate onSubmit={(e) => void submit(e)}>
      <FormError id={`${uid}-error`} text={error} />
      {step.items.map((item, index) => {
        const range = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
        const hint =
          item.minLabel && item.maxLabel
            ? t('live.scale.ends', { min: item.min, minLabel: localize(item.minLabel, lang), max: item.max, maxLabel: localize(item.maxLabel, lang) })
            : t('live.scale.range', { min: item.min, max: item.max });
        return (
          <fieldset key={item.id} className="gw-scale" aria-describedby={`${uid}-${item.id}-hint`}>
            <legend className="gw-scale__legend">{localize(item.label, lang)}</legend>
            <p id={`${uid}-${item.id}-hint`} className="gw-form-field__hint">
              {hint}
            </p>
            <div className="gw-scale__options">
              {range.map((value, i) => (
                <label key={value} className="gw-scale__option">
                  <input
                    ref={index === 0 && i === 0 ? first : undefined}
                    type="radio"
                    name={`${uid}-${item.id}`}
                    value={value}
                    checked={values[item.id] === value}
                    onChange={() => {
                      setValues((v) => ({ ...v, [item.id]: value }));
                      setError(null);
                    }}
                  />
                  <span>{value}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
        {current ? t('live.scale.change') : t('live.scale.submit')}
      </Button>
      <SaveStatus text={status} />
    </form>
  );
}

/**
 * A note: for a group step, the group's one shared text (every member writes the same
 * contribution, so a save replaces it; only the scribe writes when the group has one); for a
 * plenary step, the participant's own note. Saved a moment after typing stops, or at once.
 */
export function NoteInput({
  step,
  mine,
  save,
  isPending,
  runtime,
  group,
  participantId,
}: InputProps<'note'> & { runtime: StepRuntime; group: Group | undefined; participantId: string }) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const shared = group !== undefined && step.scope === 'group';
  const noteId = shared && step.visibility === 'anonymous' ? groupNoteId(step.id, group.id) : (mine.note?.id ?? null);
  const serverText = shared ? groupNote(runtime, group.id) : (mine.note?.text ?? null);
  const template = step.template ? localize(step.template, i18n.language) : '';
  const canWrite = !shared || group.scribeId === undefined || group.scribeId === participantId;

  const [draft, setDraft] = useState(serverText ?? template);
  const [edited, setEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [othersChanged, setOthersChanged] = useState(false);
  const lastSent = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Another member's save: shown at once unless this member is typing (then offered).
  useEffect(() => {
    if (serverText === null || serverText === draft) return;
    if (!edited) setDraft(serverText);
    else if (serverText !== lastSent.current) setOthersChanged(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverText]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function send(text: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const id = noteId ?? newContributionId();
    lastSent.current = text;
    setEdited(false);
    setOthersChanged(false);
    const before = mine.note;
    const outcome = await save(
      id,
      { kind: 'note', text },
      (m) => ({ ...m, note: { id, text } }),
      (m) => {
        const { note: _dropped, ...rest } = m;
        return before ? { ...rest, note: before } : rest;
      },
    );
    if (outcome.ok) setError(null);
    else {
      setError(errorText(outcome.code, t));
      setEdited(true);
    }
  }

  const status = error
    ? ''
    : edited
      ? t('live.note.unsaved')
      : noteId !== null && isPending(noteId)
        ? t('live.sending')
        : serverText !== null
          ? t('live.note.saved')
          : '';

  if (!canWrite) {
    return (
      <div className="gw-note-view">
        <p className="gw-live-notice">{t('live.note.scribeWrites')}</p>
        <h2 className="gw-live-subheading">{t('live.note.groupNote')}</h2>
        {serverText && serverText.trim() !== '' ? (
          <p className="gw-note-text gw-note-view__text">{serverText}</p>
        ) : (
          <p className="gw-results__note">{t('live.note.empty')}</p>
        )}
      </div>
    );
  }
  return (
    <form
      className="gw-live-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void send(draft);
      }}
    >
      {shared && group.scribeId === participantId ? <p className="gw-live-notice">{t('live.note.youAreScribe')}</p> : null}
      <div className="gw-form-field">
        <label htmlFor={`${uid}-note`} className="utrecht-form-label gw-form-field__label">
          {shared ? t('live.note.groupNote') : t('live.note.ownNote')}
        </label>
        {shared ? (
          <p id={`${uid}-hint`} className="gw-form-field__hint">
            {t('live.note.sharedHint')}
          </p>
        ) : null}
        <FormError id={`${uid}-error`} text={error} />
        <textarea
          id={`${uid}-note`}
          className="gw-textbox gw-textarea gw-textarea--note"
          rows={9}
          maxLength={5000}
          value={draft}
          aria-describedby={[shared ? `${uid}-hint` : '', error ? `${uid}-error` : ''].filter(Boolean).join(' ') || undefined}
          onChange={(e) => {
            const text = e.target.value;
            setDraft(text);
            setEdited(true);
            if (timer.current) clearTimeout(timer.current);
            timer.current = setTimeout(() => void send(text), 1500);
          }}
        />
      </div>
      {othersChanged ? (
        <div className="gw-live-notice gw-live-notice--warning">
          <p>{t('live.note.othersChanged')}</p>
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              setDraft(serverText ?? '');
              setEdited(false);
              setOthersChanged(false);
            }}
          >
            {t('live.note.takeTheirs')}
          </Button>
        </div>
      ) : null}
      <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
        {t('live.note.save')}
      </Button>
      <SaveStatus text={status} />
    </form>
  );
}
