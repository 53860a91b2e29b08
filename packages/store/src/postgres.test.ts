import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import postgres from 'postgres';
import { COUNTER_CHECKPOINTS, storeContractSuite } from './contract.ts';
import { openPostgres } from './postgres.ts';

// Runs when DATABASE_URL points at a PostgreSQL server (CI always sets it). Each run works in
// a database of its own, dropped afterwards, so runs never see each other's rows.
const adminUrl = process.env.DATABASE_URL;
if (adminUrl === undefined) {
  console.log('# PostgreSQL contract suite not run here: DATABASE_URL is not set');
} else {
  const name = `goedwerk_contract_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Another node's connection, listening for the store's notifications (ST-22).
  const listener = postgres(url.toString(), { max: 1, onnotice: () => {} });
  after(async () => {
    await listener.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  storeContractSuite('PostgreSQL server', {
    open: () => openPostgres({ url: url.toString(), checkpoints: COUNTER_CHECKPOINTS }),
    reopen: () => openPostgres({ url: url.toString(), checkpoints: COUNTER_CHECKPOINTS }),
    openOther: () => openPostgres({ url: url.toString(), checkpoints: COUNTER_CHECKPOINTS }),
    async listen(channel, onMessage) {
      const { unlisten } = await listener.listen(channel, onMessage);
      return unlisten;
    },
  });
}
