import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { COUNTER_CHECKPOINTS, storeContractSuite } from './contract.ts';
import { openPglite } from './pglite.ts';

const dataDir = await mkdtemp(join(tmpdir(), 'goedwerk-pglite-'));
after(() => rm(dataDir, { recursive: true, force: true }));

storeContractSuite('embedded PGlite', {
  open: () => openPglite({ dataDir, checkpoints: COUNTER_CHECKPOINTS }),
  reopen: () => openPglite({ dataDir, checkpoints: COUNTER_CHECKPOINTS }),
});
