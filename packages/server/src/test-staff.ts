import type { AccountRole } from '@goedwerk/core';
import type { TestServer } from './test-harness.ts';

export const TEST_PASSWORD = 'lang-genoeg-wachtwoord-1';

/** HTTP calls to a test server as one of several signed-in staff members (by a name of the test's choosing). */
export function staffCalls(server: TestServer, cookies = new Map<string, string>()) {
  const call = async (method: string, path: string, options: { as?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const cookie = options.as ? cookies.get(options.as) : undefined;
    return fetch(server.url + path, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  };
  const login = async (who: string, email: string, password = TEST_PASSWORD) => {
    const res = await call('POST', '/api/auth/login', { body: { email, password } });
    const set = res.headers.get('set-cookie');
    if (res.status === 200 && set) cookies.set(who, set.split(';')[0] ?? '');
    return { res, set };
  };
  /** Makes an account with this role (through an accepted invitation) and signs it in under the role's name. */
  const signInAs = async (role: AccountRole, name: string = role) => {
    const email = `${name}@example.nl`;
    if (role === 'admin') {
      if (!(await server.accounts.createAdmin(email, name, TEST_PASSWORD))) throw new Error('admin not made');
    } else {
      const made = await server.accounts.invite({ email, displayName: name, role });
      if (!made || !(await server.accounts.acceptInvite(made.inviteToken, TEST_PASSWORD))) throw new Error(`${role} not made`);
    }
    const { res } = await login(name, email);
    if (res.status !== 200) throw new Error(`${role} cannot sign in: ${res.status}`);
  };
  return { call, login, signInAs };
}
