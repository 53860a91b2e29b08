import { errorKind } from './logging.ts';
import * as client from 'openid-client';
import type { FastifyInstance } from 'fastify';
import type { AccountService } from './accounts.ts';
import type { SessionCookie } from './account-routes.ts';

/** Single sign-on through the organisation's OpenID Connect provider (config: GOEDWERK_OIDC_*). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The address people use; the callback is `${publicUrl}/api/auth/oidc/callback`. */
  readonly publicUrl: string;
}

const FLOW_COOKIE = 'goedwerk_oidc';
const FLOW_MAX_AGE_S = 600;

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

/**
 * [AC-13] The authorization code flow with PKCE, state and nonce (openid-client). A person signs in
 * with the provider; the account whose e-mail address the ID token names (verified) gets a session.
 * Nobody gets an account by signing in: an admin invites first, so the provider cannot create staff.
 */
export function registerOidcRoutes(app: FastifyInstance, accounts: AccountService, cookie: SessionCookie, settings: OidcSettings): void {
  let configuration: Promise<client.Configuration> | null = null;
  const config = () =>
    (configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // A provider on plain HTTP only on loopback (tests, a local trial); anything else must use TLS.
        ...(new URL(settings.issuer).protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(new URL(settings.issuer).hostname)
          ? { execute: [client.allowInsecureRequests] }
          : {}),
      })
      .catch((error: unknown) => {
        configuration = null;
        throw error;
      }));
  const redirectUri = `${settings.publicUrl.replace(/\/$/, '')}/api/auth/oidc/callback`;
  const flowCookie = { path: '/api/auth/oidc', httpOnly: true, secure: cookie.secure, sameSite: 'lax' as const, maxAge: FLOW_MAX_AGE_S };

  app.get('/api/auth/oidc/start', async (_req, reply) => {
    const flow: Flow = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(await config(), {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), flowCookie);
    return reply.header('cache-control', 'no-store').redirect(url.href, 303);
  });

  app.get('/api/auth/oidc/callback', async (req, reply) => {
    reply.header('cache-control', 'no-store').clearCookie(FLOW_COOKIE, flowCookie);
    const fail = (why: string) => reply.redirect(`/login?sso=${why}`, 303);
    const raw = req.cookies[FLOW_COOKIE];
    if (!raw) return fail('expired');
    let flow: Flow;
    try {
      flow = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flow;
    } catch {
      return fail('expired');
    }
    let email: string | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await config(), new URL(req.url, redirectUri), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) return fail('failed');
      // Many providers put the e-mail address only in the userinfo answer, not in the ID token.
      const info = typeof claims.email === 'string' ? claims : await client.fetchUserInfo(await config(), tokens.access_token, claims.sub);
      if (typeof info.email === 'string' && info.email_verified !== false) email = info.email;
    } catch (error) {
      req.log.warn({ error: errorKind(error) }, 'single sign-on refused');
      return fail('failed');
    }
    if (!email) return fail('failed');
    const signedIn = await accounts.signInByEmail(email);
    if (!signedIn) return fail('unknown');
    reply.setCookie(cookie.name, signedIn.sessionId, { path: '/', httpOnly: true, secure: cookie.secure, sameSite: 'strict' });
    await accounts.audit(signedIn.account, 'session.start.sso');
    return reply.redirect('/account', 303);
  });
}
