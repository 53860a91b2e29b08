import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { FormLabel } from '@utrecht/form-label-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from '../useTranslation.ts';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { isJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '../joinCode.ts';

/** The participant's way in on a phone: type the code shown in the room. */
export default function JoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  useDocumentTitle(t('join.title'));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normalizeJoinCode(value);
    if (!isJoinCode(code)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    void navigate(`/join/${code}`);
  }

  return (
    <div className="gw-join">
      <Heading level={1}>{t('join.title')}</Heading>
      <Paragraph>{t('join.intro')}</Paragraph>
      <form className="gw-join__form" noValidate onSubmit={submit}>
        <div className="gw-form-field">
          <FormLabel htmlFor="join-code" className="gw-form-field__label">
            {t('join.codeLabel')}
          </FormLabel>
          <p id="join-code-hint" className="gw-form-field__hint">
            {t('join.codeHint', { count: JOIN_CODE_LENGTH })}
          </p>
          {invalid ? (
            <p id="join-code-error" className="gw-form-field__error" role="alert">
              {t('join.codeInvalid', { count: JOIN_CODE_LENGTH })}
            </p>
          ) : null}
          <input
            ref={input}
            id="join-code"
            name="code"
            type="text"
            className="gw-textbox gw-textbox--code"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              if (invalid) setInvalid(false);
            }}
            maxLength={JOIN_CODE_LENGTH + 2}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            inputMode="text"
            enterKeyHint="go"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? 'join-code-hint join-code-error' : 'join-code-hint'}
          />
        </div>
        <Button type="submit" appearance="primary-action-button" className="gw-join__submit">
          {t('join.submit')}
        </Button>
      </form>
      <Paragraph className="gw-join__note">{t('join.privacyNote')}</Paragraph>
    </div>
  );
}
