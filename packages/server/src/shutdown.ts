import type { FastifyInstance } from 'fastify';
import { type LiveHub, SERVICE_RESTART } from './live-hub.ts';

/** How long a shutdown waits for the live commands under way. */
export const DRAIN_MS = 5000;
/** How long the closing handshakes of the live sockets may take before they are cut. */
const CLOSE_WAIT_MS = 2000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * [OPS-5] The WebSocket plugin's preClose hook, run when the app closes (on SIGTERM or SIGINT in
 * main.ts) after Fastify stopped routing new requests (503): the hub drains and closes its
 * sockets with 1012, any socket it did not hold yet is closed the same way, and a client that does
 * not finish the closing handshake in time is cut off, so that closing the server never waits for
 * a silent phone.
 */
export function drainLiveSockets(hub: LiveHub, timeoutMs = DRAIN_MS) {
  return async function drain(this: FastifyInstance): Promise<void> {
    await hub.shutdown(timeoutMs);
    const wss = this.websocketServer;
    for (const client of wss.clients) client.close(SERVICE_RESTART.code, SERVICE_RESTART.reason);
    const end = Date.now() + CLOSE_WAIT_MS;
    while (wss.clients.size > 0 && Date.now() < end) await sleep(10);
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
