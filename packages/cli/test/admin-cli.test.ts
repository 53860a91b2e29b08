import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openPglite } from '@goedwerk/store';
import { AccountService } from '../../server/src/accounts.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));

it('[CLI-3] `goedwerk create-admin` makes an admin who can sign in with the password printed once; a taken address is refused', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-admin-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, GOEDWERK_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    const made = run('create-admin', 'Eerste@Example.nl', '--name', 'Eerste Beheerder');
    assert.equal(made.status, 0, made.stderr);
    const password = /password \(shown once\): (\S+)$/m.exec(made.stdout)?.[1] ?? '';
    assert.equal(password.length, 20);
    const again = run('create-admin', 'eerste@example.nl');
    assert.equal(again.status, 2);
    assert.match(again.stderr, /exists/);
    const store = await openPglite({ dataDir });
    try {
      const login = await new AccountService(store).login('eerste@example.nl', password);
      assert.ok(login.ok);
      assert.deepEqual([login.account.role, login.account.displayName], ['admin', 'Eerste Beheerder']);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
