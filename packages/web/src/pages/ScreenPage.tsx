import type { MeetingResponse } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { useTranslation } from '../useTranslation.ts';
import { useParams } from 'react-router';
import { useApi } from '../api.ts';
import { BrandMark } from '../components/Brand.tsx';
import { primitiveLabel } from '../components/labels.ts';
import { Loaded } from '../components/Status.tsx';
import { useDocumentTitle } from '../components/useDocumentTitle.ts';

function ScreenView({ data }: { data: MeetingResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { meeting, agenda } = data;
  const title = localize(meeting.spec.title, lang);
  useDocumentTitle(`${t('screen.title')}: ${title}`);
  const round = agenda[0];
  const step = round?.steps[0];
  const joinUrl = `${window.location.host}/join`;
  return (
    <>
      <header className="gw-screen__header">
        <h1 className="gw-screen__title">{title}</h1>
        {meeting.spec.subtitle ? <p className="gw-screen__subtitle">{localize(meeting.spec.subtitle, lang)}</p> : null}
      </header>
      {round && step ? (
        <section className="gw-screen__step" aria-labelledby="screen-step">
          <p className="gw-screen__label">
            {t('screen.firstStep')} · {localize(round.title, lang)}
          </p>
          <h2 className="gw-screen__step-title" id="screen-step">
            {localize(step.title, lang)}
          </h2>
          {step.prompt ? <p className="gw-screen__prompt">{localize(step.prompt, lang)}</p> : null}
          <p className="gw-screen__meta">
            {primitiveLabel(step.primitive, t)}
            {step.timeboxMinutes ? ` · ${t('agenda.minutes', { count: step.timeboxMinutes })}` : ''}
          </p>
        </section>
      ) : null}
      <footer className="gw-screen__footer">
        <p className="gw-screen__join">
          {t('screen.joinAt')} <strong>{joinUrl}</strong>
        </p>
        <p className="gw-screen__brand">
          <BrandMark className="gw-brand__mark" />
          {t('app.name')}
        </p>
      </footer>
    </>
  );
}

/** The presentation screen: readable from the back of the room. No site navigation. */
export default function ScreenPage() {
  const { meetingId = '' } = useParams();
  const [meeting, retry] = useApi<MeetingResponse>(`/api/meetings/${encodeURIComponent(meetingId)}`);
  return (
    <main className="gw-screen">
      <Loaded value={meeting} retry={retry}>
        {(data) => <ScreenView data={data} />}
      </Loaded>
    </main>
  );
}
