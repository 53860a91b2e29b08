import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite } from '@goedwerk/store';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { loadContent } from './content.ts';
import { startServer } from './main.ts';
import { loadThemeCss, THEME_CSS_URL, type ThemeCss, themeCss, themeTargetsApp, withThemeLink } from './theme.ts';

/*
 * GOEDWERK_THEME_CSS (issue 9): an organisation's design tokens, served same-origin at
 * /theme/organisation.css and linked from every page after the default stylesheet, with the CSP unchanged.
 */

const ORG_CSS = '.gw-theme {\n  --gw-color-primary: #5a2d82;\n  --utrecht-button-primary-action-background-color: #5a2d82;\n}\n';
const DEFAULT_CSS_LINK = '<link rel="stylesheet" crossorigin href="/assets/index-abc123.css">';
const ORG_LINK = /<link rel="stylesheet" href="\/theme\/organisation\.css">/;

const scratch = mkdtempSync(join(tmpdir(), 'goedwerk-theme-'));
/** A built client as Vite writes it: the default stylesheet linked last in <head>. */
const webRoot = join(scratch, 'dist');
mkdirSync(join(webRoot, 'assets'), { recursive: true });
writeFileSync(
  join(webRoot, 'index.html'),
  `<!doctype html>\n<html lang="nl">\n  <head>\n    <meta charset="utf-8" />\n    <title>Goed Werk Hub</title>\n    <script type="module" crossorigin src="/assets/index-abc123.js"></script>\n    ${DEFAULT_CSS_LINK}\n  </head>\n  <body class="gw-theme">\n    <div id="root"></div>\n  </body>\n</html>\n`,
);
writeFileSync(join(webRoot, 'assets', 'index-abc123.css'), '.gw-theme{--gw-color-primary:#0b5b66}');
writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log("app");');
const orgFile = join(scratch, 'org.css');
writeFileSync(orgFile, ORG_CSS);

async function serve(theme: ThemeCss | null) {
  const store = await openPglite({ dataDir: 'memory://' });
  const built = await buildApp({ store, bus: new MemoryBus(), content: await loadContent(), webRoot, theme });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
  return { url, close: () => built.app.close().then(() => store.close()) };
}

const page = (url: string) => fetch(url, { headers: { accept: 'text/html' } });

describe('the organisation theme (GOEDWERK_THEME_CSS)', () => {
  let plain: Awaited<ReturnType<typeof serve>>;
  let themed: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    plain = await serve(null);
    themed = await serve(loadThemeCss(orgFile));
  });
  after(async () => {
    await plain?.close();
    await themed?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('without the setting: no link in the page, and /theme/organisation.css is a 404', async () => {
    for (const path of ['/', '/screen/x']) {
      const res = await page(`${plain.url}${path}`);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.ok(html.includes(DEFAULT_CSS_LINK), `${path}: the default stylesheet`);
      assert.doesNotMatch(html, /organisation\.css/, `${path}: no organisation stylesheet`);
    }
    const css = await fetch(`${plain.url}${THEME_CSS_URL}`);
    assert.equal(css.status, 404);
    await css.arrayBuffer();
  });

  it('with it: /, a deep route, the presentation screen and /index.html link it after the default stylesheet', async () => {
    for (const path of ['/', '/screen/x', '/console/m-1', '/index.html']) {
      const res = await page(`${themed.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
      assert.equal(res.headers.get('cache-control'), 'no-cache', `${path}: the page is always fresh`);
      const html = await res.text();
      assert.match(html, ORG_LINK, `${path}: the organisation stylesheet is linked`);
      assert.equal(html.match(/organisation\.css/g)?.length, 1, `${path}: once`);
      const defaultAt = html.indexOf(DEFAULT_CSS_LINK);
      const orgAt = html.search(ORG_LINK);
      assert.ok(defaultAt >= 0 && orgAt > defaultAt, `${path}: after the default stylesheet, so its tokens win`);
      assert.ok(orgAt < html.indexOf('</head>'), `${path}: in <head>`);
      assert.doesNotMatch(html, /<style|style=/, `${path}: no inline style`);
    }
  });

  it('serves the file as text/css with an ETag of its content, and answers 304 to that ETag', async () => {
    const res = await fetch(`${themed.url}${THEME_CSS_URL}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), ORG_CSS);
    const etag = res.headers.get('etag') ?? '';
    assert.equal(etag, themeCss(ORG_CSS).etag, 'the ETag is the hash of the content');
    assert.match(etag, /^"[\w-]{27}"$/);
    assert.notEqual(etag, themeCss(`${ORG_CSS} `).etag, 'another content, another ETag');
    const again = await fetch(`${themed.url}${THEME_CSS_URL}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    const stale = await fetch(`${themed.url}${THEME_CSS_URL}`, { headers: { 'if-none-match': '"old"' } });
    assert.equal(stale.status, 200);
    await stale.arrayBuffer();
    const head = await fetch(`${themed.url}${THEME_CSS_URL}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.match(head.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('leaves the Content-Security-Policy as it is (style-src \'self\', nothing inline)', async () => {
    const base = (await page(`${plain.url}/`)).headers.get('content-security-policy');
    assert.ok(base);
    assert.match(base, /style-src 'self'(;|$)/);
    assert.doesNotMatch(base, /unsafe-inline/);
    for (const path of ['/', '/screen/x', THEME_CSS_URL]) {
      const res = await page(`${themed.url}${path}`);
      assert.equal(res.headers.get('content-security-policy'), base, path);
      await res.arrayBuffer();
    }
  });
});

describe('reading GOEDWERK_THEME_CSS at start', () => {
  it('takes the path from the environment; unset or empty means none', () => {
    assert.equal(readConfig({ GOEDWERK_THEME_CSS: ' /etc/goedwerk/theme.css ' }).themeCss, '/etc/goedwerk/theme.css');
    assert.equal(readConfig({}).themeCss, undefined);
    assert.equal(readConfig({ GOEDWERK_THEME_CSS: '' }).themeCss, undefined);
  });

  it('a path that does not exist, or a folder, stops the start with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goedwerk-theme-missing-'));
    try {
      const missing = join(dir, 'nope.css');
      assert.throws(() => loadThemeCss(missing), (e: Error) => e.message === `GOEDWERK_THEME_CSS names ${missing}, which does not exist`);
      assert.throws(() => loadThemeCss(dir), /GOEDWERK_THEME_CSS must name a CSS file, but .* is not a file/);
      await assert.rejects(
        startServer(readConfig({ GOEDWERK_THEME_CSS: missing, GOEDWERK_DATA_DIR: join(dir, 'data'), PORT: '0' })),
        /GOEDWERK_THEME_CSS names .*nope\.css, which does not exist/,
      );
      assert.equal(existsSync(join(dir, 'data')), false, 'nothing was opened');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells whether the file has a rule for .gw-theme, where the default tokens are', () => {
    assert.equal(themeTargetsApp(themeCss(ORG_CSS)), true);
    assert.equal(themeTargetsApp(themeCss(':root, .gw-theme { --nl-link-color: #00f; }')), true);
    assert.equal(themeTargetsApp(themeCss('.rijkshuisstijl-theme { --nl-link-color: #00f; }')), false);
    assert.equal(themeTargetsApp(themeCss(':root { --nl-link-color: #00f; }')), false);
    assert.equal(themeTargetsApp(themeCss('.gw-theme-dark { --nl-link-color: #00f; }')), false);
  });

  it('links the stylesheet last in <head>, or before <body> in a page without one', () => {
    assert.match(withThemeLink('<html><head><link rel="stylesheet" href="/a.css"></head><body></body></html>'), /href="\/a\.css">\s*<link rel="stylesheet" href="\/theme\/organisation\.css">\s*<\/head>/);
    assert.equal(withThemeLink('<!doctype html><title>x</title><body></body>'), '<!doctype html><title>x</title><link rel="stylesheet" href="/theme/organisation.css"><body></body>');
  });
});

describe('the built client', () => {
  const dist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  it('has a <head> whose last stylesheet the organisation theme follows', () => {
    assert.ok(existsSync(dist), `no ${dist}: build the web client first (npm run build)`);
    const html = withThemeLink(readFileSync(dist, 'utf8'));
    const defaultAt = html.search(/<link rel="stylesheet"[^>]* href="\/assets\/[^"]+\.css">/);
    assert.ok(defaultAt >= 0, 'the built page links its stylesheet');
    assert.ok(html.search(ORG_LINK) > defaultAt, 'the organisation theme comes after it');
  });
});
