import { CloseCode } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Relay } from './Relay.ts';
import type { RelayExtension } from './RelayExtension.ts';
import { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { TestClient, until } from './test-support/TestClient.ts';

const PLAN = 'plan0000000001';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let relay: Relay;
let persistence: MemoryPersistence;

function start(extensions: RelayExtension[]): void {
  const doc = new Y.Doc();
  doc.getText('section:a').insert(0, 'Objectives');
  persistence = new MemoryPersistence();
  persistence.createPlan(PLAN, Y.encodeStateAsUpdate(doc));
  relay = new Relay({ persistence, logger: quiet, options: { idleEvictMs: 10 }, extensions });
}

const textOf = (client: TestClient) => client.doc.getText('section:a').toString();
const storedUpdates = () => persistence.logs.get(PLAN)?.updates.length ?? 0;

async function synced(client: TestClient): Promise<void> {
  await until(() => textOf(client).startsWith('Objectives'));
}

/** An extension that writes down, under its name, each of its hooks the relay calls. */
function recorder(name: string, calls: string[], priority?: number): RelayExtension {
  return {
    name,
    ...(priority === undefined ? {} : { priority }),
    beforeUpdate: () => {
      calls.push(`${name}.beforeUpdate`);
      return null;
    },
    reviewUpdate: () => {
      calls.push(`${name}.reviewUpdate`);
      return () => {
        calls.push(`${name}.check`);
        return null;
      };
    },
    onClientUpdate: () => {
      calls.push(`${name}.onClientUpdate`);
    },
    onUpdateStored: () => {
      calls.push(`${name}.onUpdateStored`);
    },
    onRefusal: () => {
      calls.push(`${name}.onRefusal`);
    },
    beforeClose: async () => {
      calls.push(`${name}.beforeClose`);
    },
    afterClose: async () => {
      calls.push(`${name}.afterClose`);
    },
  };
}

afterEach(async () => {
  await relay.close();
});

describe('relay extensions', () => {
  it('run by priority, higher first, and in the order given when equal', async () => {
    const calls: string[] = [];
    start([
      recorder('b', calls),
      recorder('low', calls, 1),
      recorder('c', calls),
      recorder('high', calls, 500),
    ]);
    const alice = new TestClient(relay, PLAN, 'p-alice');
    await synced(alice);
    // The sync answer was looked at too (see the second test); from here on, one update.
    calls.length = 0;
    alice.doc.getText('section:a').insert(0, '!');
    await until(() => calls.filter((call) => call.endsWith('.onUpdateStored')).length === 4);
    await until(() => calls.filter((call) => call.endsWith('.onClientUpdate')).length === 4);
    const order = ['high', 'b', 'c', 'low'];
    const hook = (name: string) => calls.filter((call) => call.endsWith(`.${name}`));
    expect(hook('beforeUpdate')).toEqual(order.map((n) => `${n}.beforeUpdate`));
    // Every second look is asked for before the update is applied, and run after.
    expect(calls.slice(0, 12)).toEqual([
      ...order.map((n) => `${n}.beforeUpdate`),
      ...order.map((n) => `${n}.reviewUpdate`),
      ...order.map((n) => `${n}.check`),
    ]);
    expect(hook('onUpdateStored')).toEqual(order.map((n) => `${n}.onUpdateStored`));
    expect(hook('onClientUpdate')).toEqual(order.map((n) => `${n}.onClientUpdate`));
    calls.length = 0;
    await relay.close();
    expect(calls).toEqual([
      ...order.map((n) => `${n}.beforeClose`),
      ...order.map((n) => `${n}.afterClose`),
    ]);
  });

  it('stop at the first refusal: the sender is closed, the rest not asked, nothing stored', async () => {
    const calls: string[] = [];
    const refusals: { code: number; reason: string }[] = [];
    start([
      recorder('first', calls),
      { name: 'lock', beforeUpdate: () => 'section a is locked' },
      recorder('after', calls),
      { name: 'count', onRefusal: ({ code, reason }) => void refusals.push({ code, reason }) },
    ]);
    const alice = new TestClient(relay, PLAN, 'p-alice');
    const bora = new TestClient(relay, PLAN, 'p-bora');
    await synced(alice);
    await synced(bora);
    // The sync answers brought nothing new: no one may refuse them, but the second look
    // is asked for (its check runs only on what an update applied).
    await until(() => calls.length === 4);
    expect(calls).toEqual([
      'first.reviewUpdate',
      'after.reviewUpdate',
      'first.reviewUpdate',
      'after.reviewUpdate',
    ]);
    calls.length = 0;
    alice.doc.getText('section:a').insert(0, '!');
    await until(() => alice.closed !== null);
    expect(alice.closed).toEqual({ code: CloseCode.FORBIDDEN, reason: 'section a is locked' });
    expect(refusals).toEqual([{ code: CloseCode.FORBIDDEN, reason: 'section a is locked' }]);
    expect(calls).toEqual(['first.beforeUpdate', 'first.onRefusal', 'after.onRefusal']);
    expect(storedUpdates()).toBe(0);
    expect(bora.closed).toBeNull();
    expect(textOf(bora)).toBe('Objectives');
  });

  it('look twice in order once applied; the first problem refuses and the room takes it back', async () => {
    const looked: string[] = [];
    const look = (name: string, problem: string | null): RelayExtension => ({
      name,
      reviewUpdate: ({ doc }) => {
        const before = doc.getText('section:a').toString();
        return () => {
          // Run once the update is in: it sees what the update did.
          looked.push(`${name}: ${before} -> ${doc.getText('section:a').toString()}`);
          return problem;
        };
      },
    });
    start([look('one', null), look('two', 'not a suggestion'), look('three', 'never asked')]);
    const alice = new TestClient(relay, PLAN, 'p-alice');
    await synced(alice);
    alice.doc.getText('section:a').insert(0, '!');
    await until(() => alice.closed !== null);
    expect(alice.closed?.reason).toBe('not a suggestion');
    expect(looked).toEqual(['one: Objectives -> !Objectives', 'two: Objectives -> !Objectives']);
    expect(storedUpdates()).toBe(0);
    const cyrus = new TestClient(relay, PLAN, 'p-cyrus');
    await synced(cyrus);
    expect(textOf(cyrus)).toBe('Objectives');
  });

  it('hand the hooks the plans, so a reply is made after the update, through its queue', async () => {
    start([
      {
        name: 'reply',
        onClientUpdate: ({ planId, participantId, plans }) => {
          if (participantId === null) return;
          void plans.transact(planId, (doc) => doc.getText('section:a').insert(0, '>'));
        },
      },
    ]);
    const alice = new TestClient(relay, PLAN, 'p-alice');
    await synced(alice);
    alice.doc.getText('section:a').insert(10, '!');
    await until(() => textOf(alice) === '>Objectives!');
    expect(storedUpdates()).toBe(2);
  });

  it('fail the room when an event hook throws, and the hooks after it are not called', async () => {
    const calls: string[] = [];
    start([
      {
        name: 'broken',
        onClientUpdate: () => {
          throw new Error('broken extension');
        },
      },
      recorder('after', calls),
    ]);
    const alice = new TestClient(relay, PLAN, 'p-alice');
    await synced(alice);
    alice.doc.getText('section:a').insert(0, '!');
    await until(() => alice.closed !== null);
    expect(alice.closed?.code).toBe(CloseCode.SERVER_ERROR);
    expect(calls).not.toContain('after.onClientUpdate');
    // The update itself was stored before the hooks heard of it.
    expect(storedUpdates()).toBe(1);
  });
});
