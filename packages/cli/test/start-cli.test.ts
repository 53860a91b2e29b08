import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const DEMO_ADMIN = 'beheerder@demo.invalid';
const PASSWORD_LINE = /demo admin: sign in at \S+ as (\S+) with password (\S+) \(shown once\)/;

interface Started {
  readonly url: string;
  /** Everything the server printed until it listened. */
  readonly output: string;
  stop(): Promise<number | null>;
}

/** Runs `goedwerk start` as a user would, on its own embedded database and a free port; resolves once it listens. */
function start(dataDir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, GOEDWERK_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.GOEDWERK_DEMO;
  delete env.GOEDWERK_PUBLIC_URL;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'], { cwd: root, env });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`goedwerk start did not listen within 90 s:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // Fastify's own line once the socket is bound; the configured port (0) says nothing.
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ url: listening[1]!, output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`goedwerk start exited with ${code}:\n${output}`));
    });
  });
}

const signIn = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

it('[CLI-4] the first `goedwerk start` with the demo prints the demo admin\'s password once and it signs in; a second start prints none and keeps it', { timeout: 240_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-start-'));
  try {
    const first = await start(dataDir);
    let password = '';
    try {
      const printed = PASSWORD_LINE.exec(first.output);
      assert.ok(printed, `the first start prints the demo admin's sign-in:\n${first.output}`);
      assert.equal(printed[1], DEMO_ADMIN);
      password = printed[2]!;
      assert.equal(password.length, 20);
      const login = await signIn(first.url, DEMO_ADMIN, password);
      assert.equal(login.status, 200, await login.clone().text());
      assert.match(login.headers.get('set-cookie') ?? '', /=/, 'signing in gives a session cookie');
      const me = await fetch(`${first.url}/api/auth/session`, { headers: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! } });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { account: { role: string } }).account.role, 'admin');
      assert.equal((await signIn(first.url, DEMO_ADMIN, `${password}x`)).status, 401, 'a wrong password does not sign in');
    } finally {
      assert.equal(await first.stop(), 0, 'the server stops cleanly on SIGTERM');
    }

    const second = await start(dataDir);
    try {
      assert.doesNotMatch(second.output, /demo admin/, 'a second start prints no password');
      assert.ok(!second.output.includes(password), 'nor the first one again');
      assert.equal((await signIn(second.url, DEMO_ADMIN, password)).status, 200, 'the password printed at the first start still signs in');
    } finally {
      assert.equal(await second.stop(), 0);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
