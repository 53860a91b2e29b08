import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Bus } from './port.ts';

/** Waits until `check` holds, polling; fails with `what` after a bounded time. */
async function eventually(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface BusTarget {
  /** Two handles on the same bus, as two server nodes would have (may be the same object). */
  open(): Promise<[Bus, Bus]>;
}

/** The bus contract every adapter passes. Rule IDs refer to docs/spec/bus.md. */
export function busContractSuite(name: string, target: BusTarget): void {
  describe(`bus contract: ${name}`, () => {
    let a: Bus;
    let b: Bus;
    let n = 0;
    const channel = () => `test-${process.pid}-${++n}`;
    before(async () => {
      [a, b] = await target.open();
    });
    after(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    it('[BUS-1] every subscriber of a channel gets each message, from any node', async () => {
      const ch = channel();
      const gotA: string[] = [];
      const gotB: string[] = [];
      await a.subscribe(ch, (m) => gotA.push(m));
      await b.subscribe(ch, (m) => gotB.push(m));
      await a.publish(ch, 'one');
      await b.publish(ch, 'two');
      await eventually(() => gotA.length === 2 && gotB.length === 2, 'both messages on both nodes');
      assert.deepEqual(gotA.sort(), ['one', 'two']);
      assert.deepEqual(gotB.sort(), ['one', 'two']);
    });

    it('[BUS-2] messages from one publisher on one channel arrive in order', async () => {
      const ch = channel();
      const got: string[] = [];
      await b.subscribe(ch, (m) => got.push(m));
      const sent = Array.from({ length: 100 }, (_, i) => `m${i}`);
      for (const m of sent) await a.publish(ch, m);
      await eventually(() => got.length === sent.length, 'all 100 messages');
      assert.deepEqual(got, sent);
    });

    it('[BUS-3] a channel never receives another channel’s messages', async () => {
      const mine = channel();
      const other = channel();
      const got: string[] = [];
      await b.subscribe(mine, (m) => got.push(m));
      await a.publish(other, 'not for you');
      await a.publish(mine, 'for you');
      await eventually(() => got.length === 1, 'the message for this channel');
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(got, ['for you']);
    });

    it('[BUS-4] after unsubscribing, nothing more arrives; other subscriptions go on', async () => {
      const ch = channel();
      const stopped: string[] = [];
      const going: string[] = [];
      const stop = await b.subscribe(ch, (m) => stopped.push(m));
      await b.subscribe(ch, (m) => going.push(m));
      await a.publish(ch, 'before');
      await eventually(() => stopped.length === 1 && going.length === 1, 'the first message');
      await stop();
      await a.publish(ch, 'after');
      await eventually(() => going.length === 2, 'the second message');
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(stopped, ['before']);
    });

    it('[BUS-5] a failing handler does not keep the message from the others', async () => {
      const ch = channel();
      const got: string[] = [];
      const original = console.error;
      console.error = () => {};
      try {
        await b.subscribe(ch, () => {
          throw new Error('handler bug');
        });
        await b.subscribe(ch, (m) => got.push(m));
        await a.publish(ch, 'still delivered');
        await eventually(() => got.length === 1, 'delivery past a failing handler');
      } finally {
        console.error = original;
      }
    });

    it('[BUS-6] publishing to a channel nobody listens to is fine', async () => {
      await a.publish(channel(), 'into the void');
    });
  });
}
