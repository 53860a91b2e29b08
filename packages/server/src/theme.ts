import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The organisation's design tokens (GOEDWERK_THEME_CSS): a CSS file that sets NL Design System
 * custom properties (--utrecht-*, --nl-*, our --gw-* palette) on `.gw-theme`. It is served from this
 * fixed same-origin address, linked after the default stylesheet, so the strict CSP (style-src
 * 'self', no inline styles) stays as it is. See ADR 0017.
 */
export const THEME_CSS_URL = '/theme/organisation.css';

/** A token file is a few kilobytes; anything near this is not one. */
export const MAX_THEME_CSS_BYTES = 1024 * 1024;

export interface ThemeCss {
  /** The file as read at start: a changed file takes a restart. */
  readonly css: Buffer;
  /** A strong ETag from the content's hash. */
  readonly etag: string;
}

/** The theme of these bytes (tests make one without a file). */
export function themeCss(css: string | Buffer): ThemeCss {
  const bytes = typeof css === 'string' ? Buffer.from(css, 'utf8') : css;
  return { css: bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

/** Reads GOEDWERK_THEME_CSS at start; a missing, unreadable or oversized file stops the start with a clear error. */
export function loadThemeCss(path: string): ThemeCss {
  const full = resolve(path);
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw new Error(`GOEDWERK_THEME_CSS must name a CSS file, but ${full} is not a file`);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`GOEDWERK_THEME_CSS names ${full}, which does not exist`);
    if ((error as NodeJS.ErrnoException).code !== undefined) throw new Error(`GOEDWERK_THEME_CSS: cannot read ${full} (${(error as NodeJS.ErrnoException).code})`);
    throw error;
  }
  if (size > MAX_THEME_CSS_BYTES) throw new Error(`GOEDWERK_THEME_CSS: ${full} is ${size} bytes; a token file must be under ${MAX_THEME_CSS_BYTES} bytes`);
  try {
    return themeCss(readFileSync(full));
  } catch (error) {
    throw new Error(`GOEDWERK_THEME_CSS: cannot read ${full} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Whether the file has a rule for `.gw-theme`. The default tokens are set on that class (on <body>),
 * so a file that sets them only on `:root` or on its own class (`.example-theme`) changes nothing they set.
 */
export function themeTargetsApp(theme: ThemeCss): boolean {
  return /\.gw-theme(?![\w-])[^{};]*\{/.test(theme.css.toString('utf8'));
}

const LINK = `<link rel="stylesheet" href="${THEME_CSS_URL}">`;

/** index.html with the organisation's stylesheet linked last in <head>, after the default one. */
export function withThemeLink(html: string): string {
  if (html.includes('</head>')) return html.replace(/([ \t]*)<\/head>/, (_all, indent: string) => `${indent}  ${LINK}\n${indent}</head>`);
  const body = html.search(/<body[\s>]/i);
  return body >= 0 ? `${html.slice(0, body)}${LINK}${html.slice(body)}` : `${html}${LINK}`;
}

/** GET (and HEAD) /theme/organisation.css: text/css, revalidated by its ETag. */
export function registerThemeRoute(app: FastifyInstance, theme: ThemeCss): void {
  app.get(THEME_CSS_URL, async (request, reply) => {
    reply.header('etag', theme.etag).header('cache-control', 'no-cache');
    const match = request.headers['if-none-match'];
    if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === theme.etag)) {
      return reply.code(304).send();
    }
    return reply.type('text/css; charset=utf-8').send(theme.css);
  });
}
