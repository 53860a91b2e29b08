import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useLocation } from 'wouter';
import type { AccountRole } from '../account/api.ts';
import { Feedback, WithAccount } from '../account/parts.tsx';
import { signedOut, usePageSession } from '../account/session.ts';
import { RouterLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { useTranslation } from '../useTranslation.ts';
import { createProgramme, mayDo, programmeFailureOf } from './api.ts';
import { programmeFailureText } from './parts.tsx';
import '../account.css';
import './programme.css';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A web-address name from a title: "Integriteit in de uitvoering 2027" → "integriteit-in-de-uitvoering-2027". */
export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

const mayCreate = (role: AccountRole) => mayDo(role, 'programme.create');

/** [PG-27] /programmes/new: a programme manager (or admin) starts a programme. */
export default function NewProgrammePage() {
  const [session, retry] = usePageSession();
  return (
    <WithAccount session={session} retry={retry} allowed={mayCreate}>
      {() => <Start />}
    </WithAccount>
  );
}

type Field = 'id' | 'title';

function Start() {
  const { t } = useTranslation();
  const uid = useId();
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [theme, setTheme] = useState('');
  const [supportedBy, setSupportedBy] = useState('');
  const [organiser, setOrganiser] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [invalid, setInvalid] = useState<{ field: Field; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const idInput = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('programme.new.title'));
  const slug = idTouched ? id : slugOf(title);

  function refuse(field: Field, text: string) {
    setInvalid({ field, text });
    setError(text);
    (field === 'title' ? titleInput : idInput).current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (title.trim() === '') return refuse('title', t('programme.new.missingTitle'));
    if (!SLUG.test(slug) || slug.length > 80) return refuse('id', t('programme.new.idInvalid'));
    setInvalid(null);
    setError(null);
    setBusy(true);
    const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});
    try {
      await createProgramme({
        id: slug,
        title: title.trim(),
        ...optional('theme', theme),
        ...optional('supportedBy', supportedBy),
        ...optional('organiser', organiser),
        ...optional('place', place),
        ...optional('description', description),
      });
      navigate(`/programmes/${encodeURIComponent(slug)}`);
    } catch (failure) {
      setBusy(false);
      const kind = programmeFailureOf(failure);
      if (kind.kind === 'unauthorized') signedOut();
      else if (kind.kind === 'taken') refuse('id', programmeFailureText(kind, t));
      else setError(programmeFailureText(kind, t));
    }
  }

  const errorOf = (field: Field) => (invalid?.field === field ? invalid.text : null);
  return (
    <div className="gw-account">
      <nav aria-label={t('breadcrumb.label')} className="gw-back">
        <RouterLink to="/programmes">{t('programme.back')}</RouterLink>
      </nav>
      <div className="gw-page-intro">
        <p className="gw-kicker">{t('programme.kicker')}</p>
        <Heading level={1} id={`${uid}-title`}>
          {t('programme.new.title')}
        </Heading>
        <Paragraph>{t('programme.new.intro')}</Paragraph>
      </div>
      <form className="gw-panel gw-account-form gw-account-form--wide" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${uid}-title`}>
        <TextField id={`${uid}-name`} label={t('programme.new.titleLabel')} error={errorOf('title')} inputRef={titleInput} value={title} onChange={setTitle} maxLength={200} required />
        <TextField
          id={`${uid}-slug`}
          label={t('programme.new.id')}
          hint={t('programme.new.idHint')}
          error={errorOf('id')}
          inputRef={idInput}
          value={slug}
          onChange={(value) => {
            setIdTouched(true);
            setId(value.toLowerCase());
          }}
          maxLength={80}
          required
          mono
        />
        <TextField id={`${uid}-theme`} label={t('programme.theme')} optional value={theme} onChange={setTheme} maxLength={300} />
        <TextField id={`${uid}-sponsor`} label={t('programme.supportedBy')} hint={t('programme.new.supportedByHint')} optional value={supportedBy} onChange={setSupportedBy} maxLength={300} />
        <TextField id={`${uid}-organiser`} label={t('programme.organiser')} hint={t('programme.new.organiserHint')} optional value={organiser} onChange={setOrganiser} maxLength={200} />
        <TextField id={`${uid}-place`} label={t('programme.place')} optional value={place} onChange={setPlace} maxLength={200} />
        <div className="gw-form-field">
          <label htmlFor={`${uid}-description`} className="utrecht-form-label">
            {t('programme.new.description')} <span className="gw-muted">{t('account.common.optional')}</span>
          </label>
          <textarea
            id={`${uid}-description`}
            className="gw-textbox gw-programme-form__text"
            rows={5}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <Feedback status={busy ? t('account.common.working') : ''} error={error} />
        <div className="gw-button-row">
          <Button type="submit" appearance="primary-action-button" busy={busy}>
            {t('programme.new.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** A labelled one-line text field with an optional hint and an inline error tied to it. */
function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  hint?: string;
  error?: string | null;
  optional?: boolean;
  required?: boolean;
  mono?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}): ReactNode {
  const { t } = useTranslation();
  const { id, label, hint, error, optional = false } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="gw-form-field">
      <label htmlFor={id} className="utrecht-form-label">
        {label}
        {optional ? <span className="gw-muted"> {t('account.common.optional')}</span> : null}
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
      <input
        id={id}
        ref={props.inputRef}
        className={props.mono ? 'gw-textbox gw-programme-form__slug' : 'gw-textbox'}
        type="text"
        autoComplete="off"
        spellCheck={props.mono ? false : undefined}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
