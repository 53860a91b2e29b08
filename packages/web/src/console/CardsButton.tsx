import { Button } from '@utrecht/button-react';
import { useState } from 'react';
import { useTranslation } from '../useTranslation.ts';

/**
 * [LB-37] The meeting's case cards as a PDF, for a meeting on paper or as a fallback: each card's QR
 * code joins this meeting. Fetched with the console's token (the join link is the facilitator's to
 * hand out), then saved as a file.
 */
export function CardsButton({ meetingId, token }: { meetingId: string; token: string }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  const print = async () => {
    setStatus('busy');
    try {
      const lang = i18n.language === 'en' ? 'en' : 'nl';
      const response = await fetch(`/api/cases/cards.pdf?meeting=${encodeURIComponent(meetingId)}&lang=${lang}`, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `casuskaarten-${meetingId}.pdf`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus('done');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <span className="gw-console__cards">
      <Button appearance="subtle-button" onClick={() => void print()} disabled={status === 'busy'}>
        {t('console.cards.print')}
      </Button>
      <span role="status" className="gw-muted">
        {status === 'idle' ? '' : t(`console.cards.${status}`)}
      </span>
    </span>
  );
}
