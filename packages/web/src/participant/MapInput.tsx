import { localize } from '@goedwerk/core/localize';
import { Button } from '@utrecht/button-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { errorText } from '../components/live/errors.ts';
import { newContributionId } from '../live/storage.ts';
import { FormError, type InputProps, SaveStatus } from './inputs.tsx';
import type { MyMap, MyMapEntry } from './mine.ts';

const MAX_ENTRIES = 24;
const MAX_TENSIONS = 6;

/**
 * A participant's responsibility map: responsibilities in fields with a weight 1–5, and tensions
 * between two of them. The whole map is one contribution (one id per step): every change replaces it.
 */
export default function MapInput({ step, mine, save, isPending }: InputProps<'map'>) {
  const { t, i18n } = useTranslation();
  const uid = useId();
  const lang = i18n.language;
  const current = mine.map;
  const entries = current?.entries ?? [];
  const tensions = current?.tensions ?? [];
  const [fieldId, setFieldId] = useState(step.fields[0]?.id ?? '');
  const [text, setText] = useState('');
  const [weight, setWeight] = useState(step.weighted ? 0 : 3);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tensionError, setTensionError] = useState<string | null>(null);
  const textbox = useRef<HTMLInputElement>(null);
  const fieldLabel = (id: string) => {
    const field = step.fields.find((f) => f.id === id);
    return field ? localize(field.label, lang) : id;
  };
  const entryLabel = (e: MyMapEntry) => `${e.text} (${fieldLabel(e.fieldId)})`;
  const byId = (id: string) => entries.find((e) => e.id === id);

  async function send(next: MyMap): Promise<boolean> {
    const before = current;
    if (next.entries.length === 0) {
      // A map needs one entry at least; the earlier version stays until a new entry is added.
      return true;
    }
    const outcome = await save(
      next.id,
      { kind: 'map', entries: next.entries.map((e) => ({ ...e })), tensions: next.tensions.map((x) => ({ ...x })) },
      (m) => ({ ...m, map: next }),
      (m) => {
        const { map: _dropped, ...rest } = m;
        return before ? { ...rest, map: before } : rest;
      },
    );
    if (!outcome.ok) setError(errorText(outcome.code, t));
    return outcome.ok;
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '' || weight === 0) {
      setError(trimmed === '' ? t('live.map.textRequired') : t('live.map.weightRequired'));
      textbox.current?.focus();
      return;
    }
    setError(null);
    const entry: MyMapEntry = { id: newContributionId(), fieldId, text: trimmed.slice(0, 200), weight };
    setText('');
    if (step.weighted) setWeight(0);
    await send({ id: current?.id ?? newContributionId(), entries: [...entries, entry], tensions });
    textbox.current?.focus();
  }

  async function remove(id: string) {
    if (!current) return;
    await send({ id: current.id, entries: entries.filter((e) => e.id !== id), tensions: tensions.filter((x) => x.a !== id && x.b !== id) });
  }

  async function addTension(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!current) return;
    if (a === '' || b === '' || a === b) {
      setTensionError(t('live.map.tensionTwo'));
      return;
    }
    if (tensions.some((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a))) {
      setTensionError(t('live.map.tensionKnown'));
      return;
    }
    setTensionError(null);
    if (await send({ ...current, tensions: [...tensions, { a, b }] })) {
      setA('');
      setB('');
    }
  }

  const status = current ? (isPending(current.id) ? t('live.sending') : t('live.map.saved', { count: entries.length })) : '';
  const full = entries.length >= MAX_ENTRIES;
  return (
    <div className="gw-map-input">
      {full ? (
        <p className="gw-live-notice">{t('live.map.full', { count: MAX_ENTRIES })}</p>
      ) : (
        <form className="gw-live-form" noValidate onSubmit={(e) => void add(e)} aria-labelledby={`${uid}-add`}>
          <h2 id={`${uid}-add`} className="gw-live-subheading">
            {t('live.map.add')}
          </h2>
          <FormError id={`${uid}-error`} text={error} />
          <div className="gw-form-field">
            <label htmlFor={`${uid}-field`} className="utrecht-form-label gw-form-field__label">
              {t('live.map.field')}
            </label>
            <select id={`${uid}-field`} className="gw-select" value={fieldId} onChange={(e) => setFieldId(e.target.value)}>
              {step.fields.map((f) => (
                <option key={f.id} value={f.id}>
                  {localize(f.label, lang)}
                </option>
              ))}
            </select>
          </div>
          <div className="gw-form-field">
            <label htmlFor={`${uid}-text`} className="utrecht-form-label gw-form-field__label">
              {t('live.map.text')}
            </label>
            <input
              ref={textbox}
              id={`${uid}-text`}
              className="gw-textbox"
              type="text"
              maxLength={200}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${uid}-error` : undefined}
              onChange={(e) => {
                setText(e.target.value);
                if (error) setError(null);
              }}
            />
          </div>
          {step.weighted ? (
            <fieldset className="gw-scale" aria-describedby={`${uid}-weight-hint`}>
              <legend className="gw-scale__legend">{t('live.map.weight')}</legend>
              <p id={`${uid}-weight-hint`} className="gw-form-field__hint">
                {t('live.map.weightHint')}
              </p>
              <div className="gw-scale__options">
                {[1, 2, 3, 4, 5].map((w) => (
                  <label key={w} className="gw-scale__option">
                    <input type="radio" name={`${uid}-weight`} value={w} checked={weight === w} onChange={() => setWeight(w)} />
                    <span>{w}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <Button type="submit" appearance="primary-action-button" className="gw-live-form__submit">
            {t('live.map.addButton')}
          </Button>
        </form>
      )}
      <SaveStatus text={status} />
      {entries.length > 0 ? (
        <section className="gw-my-cards" aria-labelledby={`${uid}-mine`}>
          <h2 id={`${uid}-mine`} className="gw-live-subheading">
            {t('live.map.mine', { count: entries.length })}
          </h2>
          <ul className="gw-map-entries">
            {entries.map((e) => (
              <li key={e.id} className="gw-map-entry">
                <span className="gw-idea-card__field">{fieldLabel(e.fieldId)}</span>
                <span className="gw-map-entry__text">{e.text}</span>
                {step.weighted ? <span className="gw-map-entry__weight">{t('live.map.weightValue', { weight: e.weight })}</span> : null}
                <Button appearance="subtle-button" className="gw-map-entry__remove" aria-label={t('live.map.removeLabel', { text: e.text })} onClick={() => void remove(e.id)}>
                  {t('live.map.remove')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {step.tensions && entries.length >= 2 ? (
        <form className="gw-live-form" noValidate onSubmit={(e) => void addTension(e)} aria-labelledby={`${uid}-tension`}>
          <h2 id={`${uid}-tension`} className="gw-live-subheading">
            {t('live.map.tension')}
          </h2>
          <p className="gw-form-field__hint">{t('live.map.tensionHint')}</p>
          <FormError id={`${uid}-terror`} text={tensionError} />
          {[
            ['a', a, setA, t('live.map.tensionA')],
            ['b', b, setB, t('live.map.tensionB')],
          ].map(([key, value, set, label]) => (
            <div key={key as string} className="gw-form-field">
              <label htmlFor={`${uid}-t${key as string}`} className="utrecht-form-label gw-form-field__label">
                {label as string}
              </label>
              <select
                id={`${uid}-t${key as string}`}
                className="gw-select"
                value={value as string}
                onChange={(e) => {
                  (set as (v: string) => void)(e.target.value);
                  setTensionError(null);
                }}
              >
                <option value="">{t('live.map.pick')}</option>
                {entries.map((e) => (
                  <option key={e.id} value={e.id}>
                    {entryLabel(e)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {tensions.length < MAX_TENSIONS ? (
            <Button type="submit" appearance="secondary-action-button" className="gw-live-form__submit">
              {t('live.map.tensionButton')}
            </Button>
          ) : null}
          {tensions.length > 0 ? (
            <ul className="gw-map-entries" aria-label={t('live.map.tensions')}>
              {tensions.map((x) => {
                const ea = byId(x.a);
                const eb = byId(x.b);
                if (!ea || !eb) return null;
                const label = `${ea.text} ↔ ${eb.text}`;
                return (
                  <li key={`${x.a}|${x.b}`} className="gw-map-entry">
                    <span className="gw-map-entry__text">{label}</span>
                    <Button
                      appearance="subtle-button"
                      className="gw-map-entry__remove"
                      aria-label={t('live.map.removeLabel', { text: label })}
                      onClick={() => void send({ ...current!, tensions: tensions.filter((y) => y !== x) })}
                    >
                      {t('live.map.remove')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
