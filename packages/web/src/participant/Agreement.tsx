import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { errorText } from '../components/live/errors.ts';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import type { CommandOutcome } from '../live/session.ts';

/**
 * Joining means agreeing to the confidentiality rule (the Chatham House rule, in plain words);
 * a name is optional and only the facilitator sees it.
 */
export function Agreement({
  title,
  anonymous = false,
  join,
}: {
  title: string;
  /** An anonymous meeting asks for no name: it would not be stored. */
  anonymous?: boolean;
  join: (displayName: string | undefined) => Promise<CommandOutcome>;
}) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checkbox = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('live.agreement.title'));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!accepted) {
      setMissing(true);
      checkbox.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const trimmed = name.trim().slice(0, 60);
    const outcome = await join(trimmed === '' || anonymous ? undefined : trimmed);
    setBusy(false);
    if (!outcome.ok) setError(errorText(outcome.code, t));
  }

  return (
    <div className="gw-join">
      <p className="gw-kicker">{title}</p>
      <Heading level={1}>{t('live.agreement.title')}</Heading>
      <Paragraph>{t('live.agreement.intro')}</Paragraph>
      <section className="gw-agreement" aria-labelledby="agreement-rule">
        <Heading level={2} appearance="level-4" id="agreement-rule">
          {t('live.agreement.ruleTitle')}
        </Heading>
        <ul className="gw-agreement__list">
          <li>{t('live.agreement.rule1')}</li>
          <li>{t('live.agreement.rule2')}</li>
          <li>{t('live.agreement.rule3')}</li>
          <li>{t('live.agreement.rule4')}</li>
        </ul>
      </section>
      <form className="gw-join__form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy || undefined}>
        <div className="gw-form-field">
          {missing ? (
            <p id="agreement-error" className="gw-form-field__error" role="alert">
              {t('live.agreement.required')}
            </p>
          ) : null}
          <label className="gw-checkbox" htmlFor="agreement-accept">
            <input
              ref={checkbox}
              id="agreement-accept"
              type="checkbox"
              checked={accepted}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? 'agreement-error' : undefined}
              onChange={(e) => {
                setAccepted(e.target.checked);
                if (e.target.checked) setMissing(false);
              }}
            />
            <span>{t('live.agreement.accept')}</span>
          </label>
        </div>
        {anonymous ? (
          <Paragraph>{t('live.agreement.anonymous')}</Paragraph>
        ) : (
        <div className="gw-form-field">
          <label htmlFor="agreement-name" className="utrecht-form-label gw-form-field__label">
            {t('live.agreement.name')}
          </label>
          <p id="agreement-name-hint" className="gw-form-field__hint">
            {t('live.agreement.nameHint')}
          </p>
          <input
            id="agreement-name"
            type="text"
            className="gw-textbox"
            value={name}
            maxLength={60}
            autoComplete="nickname"
            aria-describedby="agreement-name-hint"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        )}
        {error ? (
          <p className="gw-form-field__error" role="alert">
            {error}
          </p>
        ) : null}
        <Button type="submit" appearance="primary-action-button" className="gw-join__submit" busy={busy || undefined}>
          {t('live.agreement.submit')}
        </Button>
      </form>
    </div>
  );
}
