import { Heading } from '@nl-design-system-candidate/heading-react';
import { Paragraph } from '@nl-design-system-candidate/paragraph-react';
import { Button } from '@utrecht/button-react';
import { FormLabel } from '@utrecht/form-label-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'wouter';
import { useTranslation } from '../useTranslation.ts';
import { Loading } from '../components/Loading.tsx';
import { ButtonLink } from '../components/RouterLink.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';
import { isJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '../joinCode.ts';
import { type JoinLookup, lookUpJoin } from '../live/join.ts';
import { identityForJoin } from '../live/storage.ts';

type Problem = 'invalid' | Extract<JoinLookup, { ok: false }>['reason'] | null;

/** Goes on to the meeting: makes (or keeps) this browser's identity for it. */
function useEnterMeeting() {
  const [, navigate] = useLocation();
  return (lookup: Extract<JoinLookup, { ok: true }>) => {
    const { meetingId, joinCode } = lookup.meeting;
    identityForJoin(meetingId, joinCode);
    navigate(`/m/${encodeURIComponent(meetingId)}`, { replace: true });
  };
}

/** The join link in the QR code (/j/:token): looks the token up and goes on to the meeting. */
function JoinByLink({ token }: { token: string }) {
  const { t } = useTranslation();
  const enter = useEnterMeeting();
  const [problem, setProblem] = useState<Problem>(null);
  useDocumentTitle(t('join.title'));
  useEffect(() => {
    let cancelled = false;
    void lookUpJoin({ token }).then((result) => {
      if (cancelled) return;
      if (result.ok) enter(result);
      else setProblem(result.reason);
    });
    return () => {
      cancelled = true;
    };
    // `enter` is a fresh function each render; the token alone decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  if (problem === null) return <Loading />;
  return (
    <div className="gw-join">
      <Heading level={1}>{t('join.title')}</Heading>
      <div role="alert" className="utrecht-alert utrecht-alert--warning gw-alert">
        <div className="utrecht-alert__content">
          <div className="utrecht-alert__message">
            <Heading level={2} appearance="level-4">
              {t('join.linkProblemTitle')}
            </Heading>
            <Paragraph>{problemText(problem, t)}</Paragraph>
          </div>
        </div>
      </div>
      <div className="gw-actions">
        <ButtonLink to="/join">{t('join.useCode')}</ButtonLink>
      </div>
    </div>
  );
}

function problemText(problem: Exclude<Problem, null>, t: ReturnType<typeof useTranslation>['t']): string {
  switch (problem) {
    case 'invalid':
      return t('join.codeInvalid', { count: JOIN_CODE_LENGTH });
    case 'unknown':
      return t('join.notFoundText');
    case 'throttled':
      return t('join.throttled');
    case 'network':
      return t('status.network');
    case 'server':
      return t('status.server');
  }
}

/** The participant's way in on a phone: type the code shown in the room. */
function JoinByCode({ initialCode }: { initialCode: string }) {
  const { t } = useTranslation();
  const enter = useEnterMeeting();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(initialCode);
  const [problem, setProblem] = useState<Problem>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('join.title'));

  async function lookUp(code: string) {
    setBusy(true);
    const result = await lookUpJoin({ code });
    setBusy(false);
    if (result.ok) {
      enter(result);
      return;
    }
    setProblem(result.reason);
    input.current?.focus();
  }

  // A code in the address (/join/ABCD2345) is looked up at once.
  useEffect(() => {
    const code = normalizeJoinCode(initialCode);
    if (isJoinCode(code)) void lookUp(code);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialCode]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const code = normalizeJoinCode(value);
    if (!isJoinCode(code)) {
      setProblem('invalid');
      input.current?.focus();
      return;
    }
    void lookUp(code);
  }

  const invalid = problem !== null;
  return (
    <div className="gw-join">
      <Heading level={1}>{t('join.title')}</Heading>
      <Paragraph>{t('join.intro')}</Paragraph>
      <form className="gw-join__form" noValidate onSubmit={submit} aria-busy={busy || undefined}>
        <div className="gw-form-field">
          <FormLabel htmlFor="join-code" className="gw-form-field__label">
            {t('join.codeLabel')}
          </FormLabel>
          <p id="join-code-hint" className="gw-form-field__hint">
            {t('join.codeHint', { count: JOIN_CODE_LENGTH })}
          </p>
          {problem !== null ? (
            <p id="join-code-error" className="gw-form-field__error" role="alert">
              {problemText(problem, t)}
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
              if (problem !== null) setProblem(null);
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
        <Button type="submit" appearance="primary-action-button" className="gw-join__submit" busy={busy || undefined}>
          {busy ? t('join.checking') : t('join.submit')}
        </Button>
      </form>
      <Paragraph className="gw-join__note">{t('join.privacyNote')}</Paragraph>
    </div>
  );
}

/** /join, /join/:code and /j/:token (the QR code's link). */
export default function JoinPage() {
  const { code = '', token } = useParams<{ code?: string; token?: string }>();
  if (token !== undefined) return <JoinByLink key={token} token={token} />;
  return <JoinByCode key={code} initialCode={code} />;
}
