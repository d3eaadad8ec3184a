import type { PlanMessage } from '@plenary/relay';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FaultyProxy } from '../../test/support/FaultyProxy.ts';
import { TEST_REDIS_URL } from '../../test/support/testDatabase.ts';
import { RedisFanOut } from './RedisFanOut.ts';

const quiet = { info: () => undefined, warn: () => undefined };
let closing: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of closing.reverse()) await close();
  closing = [];
});

describe('RedisFanOut after its link to Redis comes back', () => {
  it('says so only once it hears the plans it listens to again, so no message is missed between its catch-up and its subscription', async () => {
    const proxy = await FaultyProxy.start(
      Number(new URL(TEST_REDIS_URL).port || 6379),
      Math.random,
    );
    const cut = new RedisFanOut(`redis://127.0.0.1:${proxy.port}`, quiet);
    const other = new RedisFanOut(TEST_REDIS_URL, quiet);
    closing.push(
      () => proxy.close(),
      () => cut.close(),
      () => other.close(),
    );
    const planId = `fanout-${Math.random().toString(36).slice(2)}`;
    const heard: PlanMessage[] = [];
    const published: PlanMessage[] = [];
    let reconnections = 0;
    cut.listen({
      onMessage: (_plan, message) => heard.push(message),
      // What the relay does here: read storage, then count on Redis for what comes after.
      // Another process's news published at this moment must therefore reach it.
      onReconnected: () => {
        reconnections += 1;
        const message: PlanMessage = { kind: 'awareness-query' };
        published.push(message);
        other.publish(planId, message);
      },
    });
    await vi.waitFor(() => expect(cut.state).toBe('connected'));
    await cut.subscribe(planId);

    proxy.down = true;
    proxy.cutAll();
    await vi.waitFor(() => expect(cut.state).toBe('unreachable'));
    proxy.down = false;

    await vi.waitFor(() => expect(reconnections).toBeGreaterThan(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(heard).toHaveLength(published.length), { timeout: 5_000 });
    // The command connection comes back on its own retry schedule, maybe after the
    // subscriber that said so above.
    await vi.waitFor(() => expect(cut.state).toBe('connected'), { timeout: 5_000 });
  });
});
