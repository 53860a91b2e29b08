import type { FastifyServerOptions } from 'fastify';

/**
 * The server's log settings: a request is logged with its method and path only — no IP address,
 * no query string, no headers (so no user agent, cookie or token), no body (so no contribution text).
 */
export function serverLogger(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
  };
}

/** [PV-3] An error's name and code, never its message (which may quote stored text). */
export function errorKind(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return code === undefined ? error.name : `${error.name} ${String(code)}`;
}
