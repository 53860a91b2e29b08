import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MemoryBus } from '@goedwerk/bus';
import { openPglite, type Store } from '@goedwerk/store';
import Provider from 'oidc-provider';
import { type App, buildApp } from './app.ts';
import { loadContent } from './content.ts';

/** A free loopback port, found by listening once. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Cookies by name, as a browser would keep them for one site (paths ignored: enough here). */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

describe('single sign-on with a local OpenID Connect provider on loopback', () => {
  let idp: Server;
  let issuer = '';
  let app: App;
  let appUrl = '';
  let store: Store;

  before(async () => {
    idp = createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const appPort = await freePort();
    appUrl = `http://127.0.0.1:${appPort}`;
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'goedwerk', client_secret: 'a-client-secret-for-tests-only', redirect_uris: [`${appUrl}/api/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The provider's own accounts: "sub" is the login name typed in its (development) login form.
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, email: `${sub}@example.nl`, email_verified: true, name: sub }) }),
      cookies: { keys: ['a-cookie-key-for-tests-only'] },
      features: { devInteractions: { enabled: true } },
    });
    idp.on('request', provider.callback());
    store = await openPglite({ dataDir: 'memory://' });
    app = await buildApp({
      store,
      bus: new MemoryBus(),
      content: await loadContent(),
      webRoot: null,
      oidc: { issuer, clientId: 'goedwerk', clientSecret: 'a-client-secret-for-tests-only', publicUrl: appUrl },
    });
    await app.app.listen({ host: '127.0.0.1', port: appPort });
    const invited = await app.accounts.invite({ email: 'fien@example.nl', displayName: 'Fien', role: 'facilitator' });
    assert.ok(invited);
  });
  after(async () => {
    await app.app.close();
    await store.close();
    await new Promise<void>((resolve) => idp.close(() => resolve()));
  });

  /** Runs the whole flow as a browser would, signing in at the provider as `login`; returns where the app sends the browser. */
  async function signIn(login: string, tamper?: (callback: URL) => void): Promise<{ location: string; appJar: Jar }> {
    const appJar = new Jar();
    const idpJar = new Jar();
    const start = await fetch(`${appUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    assert.equal(start.status, 303);
    appJar.take(start);
    let next = new URL(start.headers.get('location') ?? '');
    assert.equal(next.origin, issuer);
    assert.equal(next.searchParams.get('code_challenge_method'), 'S256');
    for (let hop = 0; hop < 12; hop++) {
      if (next.origin === appUrl) {
        tamper?.(next);
        const back = await fetch(next, { redirect: 'manual', headers: { cookie: appJar.header() } });
        appJar.take(back);
        return { location: back.headers.get('location') ?? '', appJar };
      }
      const page = await fetch(next, { redirect: 'manual', headers: { cookie: idpJar.header() } });
      idpJar.take(page);
      if (page.status >= 300 && page.status < 400) {
        next = new URL(page.headers.get('location') ?? '', next);
        continue;
      }
      const html = await page.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      assert.ok(prompt, `an interaction form at ${next.pathname}`);
      const submitted = await fetch(next, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: idpJar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt }),
      });
      idpJar.take(submitted);
      next = new URL(submitted.headers.get('location') ?? '', next);
    }
    throw new Error('the flow did not come back to the app');
  }

  it('[AC-13] single sign-on: the account the provider vouches for (by verified e-mail) gets a session; unknown people and a forged state get none', async () => {
    assert.deepEqual(await (await fetch(`${appUrl}/api/auth/options`)).json(), { sso: true });
    const ok = await signIn('fien');
    assert.equal(ok.location, '/account');
    assert.ok(ok.appJar.has('goedwerk_session'));
    const session = await fetch(`${appUrl}/api/auth/session`, { headers: { cookie: ok.appJar.header() } });
    assert.equal(session.status, 200);
    assert.equal(((await session.json()) as { account: { email: string } }).account.email, 'fien@example.nl');

    const stranger = await signIn('onbekend');
    assert.equal(stranger.location, '/login?sso=unknown', 'signing in creates no account');
    assert.ok(!stranger.appJar.has('goedwerk_session'));

    const forged = await signIn('fien', (callback) => callback.searchParams.set('state', 'forged-state-value'));
    assert.equal(forged.location, '/login?sso=failed');
    assert.ok(!forged.appJar.has('goedwerk_session'));

    const noFlow = await fetch(`${appUrl}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    assert.equal(noFlow.headers.get('location'), '/login?sso=expired');
  });

  it('[AC-13] without provider settings single sign-on is off', async () => {
    const plain = await buildApp({ store, bus: new MemoryBus(), content: await loadContent(), webRoot: null });
    try {
      assert.deepEqual((await plain.app.inject({ url: '/api/auth/options' })).json(), { sso: false });
      assert.equal((await plain.app.inject({ url: '/api/auth/oidc/start' })).statusCode, 404);
    } finally {
      await plain.app.close();
    }
  });
});
