import type { MeetingState } from '@goedwerk/core';
import { Button } from '@utrecht/button-react';
import { type ComponentType, useState } from 'react';
import { loadCatalogue } from '../i18n.ts';
import { useTranslation } from '../useTranslation.ts';
import type { YourDataProps } from './YourDataPanel.tsx';

type Panel = { kind: 'closed' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; Component: ComponentType<YourDataProps> };

/** Whether a meeting can keep anything with a participant's name or id: the name they gave, or what they entered in a named step. */
export function keepsNamed(state: MeetingState): boolean {
  return state.spec.anonymous !== true || state.agenda.some((round) => round.steps.some((step) => step.visibility === 'named'));
}

/**
 * [PV-5] "Your data" at the foot of the phone: a closed disclosure that loads its content (a
 * separate chunk and the whole catalogue, both off the phone's first load) only when opened. A
 * failed load can be retried, and never disturbs the meeting above it.
 */
export function YourData(props: YourDataProps) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<Panel>({ kind: 'closed' });
  const load = () => {
    setPanel({ kind: 'loading' });
    Promise.all([import('./YourDataPanel.tsx'), loadCatalogue()]).then(
      ([module]) => setPanel({ kind: 'ready', Component: module.YourDataPanel }),
      () => setPanel({ kind: 'failed' }),
    );
  };
  let body;
  switch (panel.kind) {
    case 'closed':
    case 'loading':
      body = <p>{t('privacyData.loading')}</p>;
      break;
    case 'failed':
      body = (
        <>
          <p role="status">{t('privacyData.loadFailed')}</p>
          <Button appearance="secondary-action-button" onClick={load}>
            {t('privacyData.tryAgain')}
          </Button>
        </>
      );
      break;
    case 'ready':
      body = <panel.Component {...props} />;
      break;
  }
  return (
    <details
      className="gw-your-data"
      onToggle={(event) => {
        if (event.currentTarget.open && panel.kind === 'closed') load();
      }}
    >
      <summary className="gw-your-data__summary">{t('privacyData.title')}</summary>
      <div className="gw-your-data__body">{body}</div>
    </details>
  );
}
