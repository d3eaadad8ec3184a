import { CloseCode, MESSAGE_SYNC, SYNC_STEP_2 } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { syncStep1Frame, updateFrame } from './frames.ts';
import { PendingFrames } from './PendingFrames.ts';
import { Relay } from './Relay.ts';
import { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { until } from './test-support/TestClient.ts';
import type { RelaySocket } from './types.ts';

const PLAN = 'plan0000000001';
const frame = (bytes: number) => new Uint8Array(bytes);

describe('PendingFrames', () => {
  it('keeps frames in order up to its byte limit, refusing the one that would pass it', () => {
    const pending = new PendingFrames(100);
    const [a, b, c] = [frame(60), frame(40), frame(1)];
    expect(pending.push(a)).toBe(true);
    expect(pending.push(b, true)).toBe(true);
    expect(pending.push(c)).toBe(false);
    expect(pending.take()).toEqual([
      { data: a, answer: false },
      { data: b, answer: true },
    ]);
    expect(pending.take()).toEqual([]);
    // Emptied, it takes frames again.
    expect(pending.push(c)).toBe(true);
  });

  it('keeps a frame larger than its limit when it holds nothing else', () => {
    const pending = new PendingFrames(100);
    expect(pending.push(frame(500))).toBe(true);
    expect(pending.push(frame(1))).toBe(false);
  });
});

describe('Relay.connect while the plan loads', () => {
  let relay: Relay;
  let persistence: MemoryPersistence;
  let release: () => void = () => undefined;

  const start = () => {
    persistence = new MemoryPersistence();
    const doc = new Y.Doc();
    doc.getText('section:a').insert(0, 'Objectives');
    persistence.createPlan(PLAN, Y.encodeStateAsUpdate(doc));
    persistence.stallLoads = new Promise((resolve) => {
      release = resolve;
    });
    const quiet = () => undefined;
    relay = new Relay({
      persistence,
      logger: { info: quiet, warn: quiet, error: quiet },
      options: { maxPendingBytes: 1_000, idleEvictMs: 10 },
    });
  };

  const socket = () => {
    const sent: Uint8Array[] = [];
    const state: { closed: number | null } = { closed: null };
    const fake: RelaySocket = {
      send: (data) => sent.push(data),
      close: (code) => {
        state.closed = code;
      },
      bufferedAmount: 0,
    };
    return { fake, sent, state };
  };

  const context = {
    participantId: 'p1',
    inviteId: null,
    actor: { role: 'facilitator' as const, groupId: null },
    presence: null,
  };

  afterEach(async () => {
    release();
    await relay.close();
  });

  it('answers, once the plan is loaded, what was sent before connect (while the link was checked)', async () => {
    start();
    const { fake, sent } = socket();
    const pending = relay.pendingFrames();
    pending.push(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    relay.connect(PLAN, fake, context, pending);
    release();
    await until(() => sent.some((data) => data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP_2));
  });

  it('closes with 4529 a socket that sends more than the limit before the plan is ready, counting what came before connect', async () => {
    start();
    const { fake, state } = socket();
    const pending = relay.pendingFrames();
    pending.push(syncStep1Frame(Y.encodeStateVector(new Y.Doc())));
    const connection = relay.connect(PLAN, fake, context, pending);
    const typed = new Y.Doc();
    for (let i = 0; i < 40 && state.closed === null; i += 1) {
      const before = Y.encodeStateVector(typed);
      typed.getText('section:a').insert(0, 'word '.repeat(10));
      connection.receive(updateFrame(Y.encodeStateAsUpdate(typed, before)));
    }
    expect(state.closed).toBe(CloseCode.RATE_LIMITED);
  });
});
