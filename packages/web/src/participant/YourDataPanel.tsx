import { Button } from '@utrecht/button-react';
import { useRef, useState } from 'react';
import { useTranslation } from '../useTranslation.ts';

export interface YourDataProps {
  readonly meetingId: string;
  /** The pseudonymous id this browser made for the meeting: what an organiser erases by (PV-2). */
  readonly participantId: string;
  /** The secret this browser holds, which proves it is this participant (PV-4). */
  readonly secret: string;
  /** Whether the meeting can keep anything with the participant's name or id: a name, or named steps. */
  readonly keepsNamed: boolean;
}

/** Saves text as a file through a temporary object URL and a download link. */
function saveFile(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.className = 'gw-visually-hidden';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * [PV-5] What the meeting keeps about the participant, their pseudonymous code (to ask the
 * organiser for erasure, PV-2) and a download of their own data (PV-4). Loaded only when opened,
 * with the whole catalogue: its texts (`privacyDataPanel`) are not in the phone's first load.
 */
export function YourDataPanel({ meetingId, participantId, secret, keepsNamed }: YourDataProps) {
  const { t } = useTranslation();
  const code = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function copy() {
    setStatus('');
    try {
      await navigator.clipboard.writeText(participantId);
      setStatus(t('privacyDataPanel.copied'));
    } catch {
      // No clipboard (an insecure origin, a refusal): select the code so copying by hand is one step.
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setStatus(t('privacyDataPanel.copyFailed'));
    }
  }

  async function download() {
    if (busy) return;
    setBusy(true);
    setStatus(t('privacyDataPanel.downloading'));
    try {
      const response = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/participants/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ participantId, secret }),
      });
      if (response.status === 404) {
        setStatus(t('privacyDataPanel.notFound'));
        return;
      }
      if (!response.ok) throw new Error(`status ${response.status}`);
      // Indented, so that someone who opens the file can read it.
      saveFile(`${JSON.stringify(await response.json(), null, 2)}\n`, `goedwerk-${meetingId}-mijn-gegevens.json`);
      setStatus(t('privacyDataPanel.downloaded'));
    } catch {
      setStatus(t('privacyDataPanel.downloadFailed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>{keepsNamed ? t('privacyDataPanel.keptNamed') : t('privacyDataPanel.keptNothing')}</p>
      <p className="gw-your-data__code-row">
        <span className="gw-your-data__label">{t('privacyDataPanel.codeLabel')}</span>{' '}
        <code ref={code} className="gw-your-data__code" translate="no">
          {participantId}
        </code>
      </p>
      <p>{t('privacyDataPanel.codeHelp')}</p>
      <div className="gw-your-data__actions">
        <Button appearance="secondary-action-button" onClick={() => void copy()}>
          {t('privacyDataPanel.copy')}
        </Button>
      </div>
      <p>{t('privacyDataPanel.downloadHelp')}</p>
      <div className="gw-your-data__actions">
        <Button appearance="secondary-action-button" busy={busy || undefined} onClick={() => void download()}>
          {t('privacyDataPanel.download')}
        </Button>
      </div>
      <p role="status" className="gw-your-data__status">
        {status}
      </p>
    </>
  );
}
