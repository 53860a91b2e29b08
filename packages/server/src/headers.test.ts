import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite, type Store } from '@goedwerk/store';
import WebSocket from 'ws';
import { type App, buildApp } from './app.ts';
import { loadContent } from './content.ts';
import { loadDemo } from './demo.ts';
import { ticketedWsUrl } from './test-harness.ts';

const webRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A store whose programme list fails, to see the headers of a 500. */
function failingLists(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'listProgrammes') return () => Promise.reject(new Error('database gone'));
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function serve(options: { hsts?: boolean; trustedProxies?: string[]; store?: Store } = {}) {
  const store = options.store ?? (await openPglite({ dataDir: 'memory://' }));
  const content = await loadContent();
  const built = await buildApp({
    store: options.store ? failingLists(store) : store,
    bus: new MemoryBus(),
    content,
    webRoot,
    hsts: options.hsts ?? false,
    securityContact: 'mailto:meld@voorbeeld.nl',
    publicUrl: 'https://goedwerk.voorbeeld.nl',
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    clock: () => new Date('2026-11-29T10:00:00.000Z'),
  });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
  return { ...built, store, content, url, close: () => built.app.close().then(() => store.close()) };
}

function assertHeaders(res: Response, what: string, hsts: boolean) {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/, what);
  assert.match(csp, /frame-ancestors 'none'/, what);
  assert.match(csp, /object-src 'none'/, what);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, what);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', what);
  assert.equal(res.headers.get('strict-transport-security') !== null, hsts, `${what}: HSTS ${hsts ? 'behind TLS' : 'not on plain HTTP'}`);
}

describe('security headers on every kind of response', () => {
  let plain: Awaited<ReturnType<typeof serve>>;
  let tls: Awaited<ReturnType<typeof serve>>;
  let reportToken = '';
  before(async () => {
    assert.ok(existsSync(webRoot), 'the web client is built (npm test builds it first)');
    plain = await serve();
    tls = await serve({ hsts: true, store: await openPglite({ dataDir: 'memory://' }) });
    await loadDemo(plain.store, plain.engine, plain.content);
    const links = await plain.engine.renewReportLinks('goed-werk-hub-2014');
    reportToken = links?.editorToken ?? '';
  });
  after(async () => {
    await plain.close();
    await tls.close();
  });

  it('[API-16] CSP without unsafe-inline or unsafe-eval, nosniff, no-referrer and frame-ancestors none on pages, assets, JSON, downloads, errors and refusals; HSTS only behind TLS', async () => {
    const asset = readdirSync(`${webRoot}/assets`).find((f) => f.endsWith('.js'));
    assert.ok(asset);
    const kinds: [string, string, RequestInit?][] = [
      ['the app page', '/'],
      ['a client-side route', '/programmes'],
      ['a static asset', `/assets/${asset}`],
      ['JSON', '/api/programmes'],
      ['health', '/healthz'],
      ['a JSON 404', '/api/nothing-here'],
      ['a missing file', '/assets/missing.js'],
      ['a bad request', '/api/meetings/bad%20id'],
      ['an unauthorised call', '/api/meetings/goed-werk-hub-2014/report'],
      ['a download', '/api/meetings/goed-werk-hub-2014/report.md', { headers: { authorization: `Bearer ${reportToken}` } }],
      ['security.txt', '/.well-known/security.txt'],
      ['a live ticket', '/api/live/ticket', { method: 'POST' }],
      ['a refused cross-site POST', '/api/join', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"code":"X"}' }],
      ['a HEAD request', '/', { method: 'HEAD' }],
    ];
    let checked = 0;
    for (const [what, path, init] of kinds) {
      const res = await fetch(plain.url + path, init);
      assertHeaders(res, `${what} (${res.status})`, false);
      checked++;
    }
    const failed = await fetch(`${tls.url}/api/programmes`);
    assert.equal(failed.status, 500);
    assert.deepEqual(await failed.json(), { error: 'internal', message: 'Something went wrong on the server.' });
    assertHeaders(failed, 'a 500 behind TLS', true);
    assertHeaders(await fetch(`${tls.url}/`), 'the app page behind TLS', true);
    checked += 2;
    console.log(`FIGURE csp_response_kinds_checked=${checked}`);
  });

  it('[API-17] a WebSocket handshake from a foreign origin is refused', async () => {
    // With a good ticket: the origin alone is refused.
    const ws = new WebSocket(await ticketedWsUrl(plain.url), { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    ws.terminate();
    assert.equal(status, 403);
  });

  it('[AC-10] /.well-known/security.txt names the contact, an expiry date, the languages and its canonical address (RFC 9116)', async () => {
    const res = await fetch(`${plain.url}/.well-known/security.txt`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(
      await res.text(),
      'Contact: mailto:meld@voorbeeld.nl\nExpires: 2027-05-28T00:00:00Z\nPreferred-Languages: nl, en\nCanonical: https://goedwerk.voorbeeld.nl/.well-known/security.txt\n',
    );
  });
});

describe('forwarded addresses', () => {
  it('[AC-9] X-Forwarded-For counts only from a configured proxy: behind one each forwarded client has its own join-guess count; otherwise a forged header changes nothing', async () => {
    const direct = await serve();
    const proxied = await serve({ trustedProxies: ['127.0.0.1'] });
    try {
      const guess = (url: string, forwardedFor: string) =>
        fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify({ code: 'ZZZZZZZZ' }) });
      for (let i = 0; i < 10; i++) assert.equal((await guess(direct.url, `203.0.113.${i}`)).status, 404);
      assert.equal((await guess(direct.url, '198.51.100.7')).status, 429, 'forged forwarding headers do not reset the count');
      for (let i = 0; i < 10; i++) assert.equal((await guess(proxied.url, '203.0.113.1')).status, 404);
      assert.equal((await guess(proxied.url, '203.0.113.1')).status, 429, 'the forwarded client is blocked');
      assert.equal((await guess(proxied.url, '203.0.113.2')).status, 404, 'another client behind the same proxy is not');
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});
