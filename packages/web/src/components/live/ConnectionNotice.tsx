import type { ConnectionState } from '../../live/session.ts';
import { useTranslation } from '../../useTranslation.ts';

/**
 * The connection, when it is not simply open: announced politely, never taking focus. Answers
 * given meanwhile wait in the outbox and are sent when the connection is back.
 */
export function ConnectionNotice({ connection, pending, className }: { connection: ConnectionState; pending: number; className?: string }) {
  const { t } = useTranslation();
  let text = '';
  if (connection === 'reconnecting') text = pending > 0 ? t('live.connection.reconnectingPending', { count: pending }) : t('live.connection.reconnecting');
  else if (connection === 'connecting') text = t('live.connection.connecting');
  return (
    <div role="status" className={className ?? 'gw-connection'}>
      {text ? <p className={`gw-connection__message gw-connection__message--${connection}`}>{text}</p> : null}
    </div>
  );
}
