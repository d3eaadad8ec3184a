import { CloseCode, MESSAGE_SYNC, SYNC_UPDATE } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ANSWER_WAIT_MS } from './Connection.ts';
import { DEFAULT_FAIR_SHARE } from './FairShare.ts';
import { Relay } from './Relay.ts';
import { MemoryPersistence } from './test-support/MemoryPersistence.ts';
import { TestClient, until } from './test-support/TestClient.ts';

// The relay's limits on what one socket may cost it: unsent bytes, and changes that
// arrive before a reconnecting client's sync answer (FairShare.test.ts has the budgets).

const PLAN = 'plan0000000002';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let relay: Relay;
let persistence: MemoryPersistence;

function open(maxUnsentBytes = DEFAULT_FAIR_SHARE.maxUnsentBytes): void {
  persistence = new MemoryPersistence();
  const seed = new Y.Doc();
  seed.getText('section:a').insert(0, 'Objectives');
  persistence.createPlan(PLAN, Y.encodeStateAsUpdate(seed));
  relay = new Relay({
    persistence,
    logger: quiet,
    options: { idleEvictMs: 10, fairShare: { ...DEFAULT_FAIR_SHARE, maxUnsentBytes } },
  });
}

afterEach(async () => {
  await relay.close();
});

/** A socket whose client reads nothing: what is sent stays buffered. */
function stuckSocket() {
  const socket = {
    bufferedAmount: 0,
    closed: null as number | null,
    send(data: Uint8Array) {
      socket.bufferedAmount += data.byteLength;
    },
    close(code: number) {
      socket.closed = code;
    },
  };
  return socket;
}

const member = { participantId: 'p-stuck', inviteId: null, presence: null } as const;
const actor = { role: 'facilitator', groupId: null } as const;

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A change made after others the server never got: on its own it has a gap. */
function changesWhileAway(): { everything: Uint8Array; newest: Uint8Array } {
  const away = new Y.Doc();
  Y.applyUpdate(away, persistence.logs.get(PLAN)?.snapshot as Uint8Array);
  away.getText('section:a').insert(10, ' one');
  const before = Y.encodeStateVector(away);
  away.getText('section:a').insert(14, ' two');
  return { everything: Y.encodeStateAsUpdate(away), newest: Y.encodeStateAsUpdate(away, before) };
}

describe('Relay limits', () => {
  it('closes a socket with more than maxUnsentBytes waiting (4508), and serves the others', async () => {
    open(1_000);
    const stuck = stuckSocket();
    relay.connect(PLAN, stuck, { ...member, actor });
    const writer = new TestClient(relay, PLAN);
    await until(() => writer.doc.getText('section:a').length > 0);
    // One at a time: changes stored together go out as one frame (see Broadcast), and the
    // limit is checked before each frame.
    for (let i = 0; i < 5 && stuck.closed === null; i++) {
      const before = stuck.bufferedAmount;
      writer.doc.getText('section:a').insert(0, 'x'.repeat(600));
      await until(() => stuck.bufferedAmount > before || stuck.closed !== null);
    }
    await until(() => stuck.closed !== null);
    expect(stuck.closed).toBe(CloseCode.CLIENT_TOO_SLOW);
    expect(stuck.bufferedAmount).toBeLessThan(1_000 + 700);
    expect(writer.closed).toBeNull();
  });

  it("waits for a reconnecting client's sync answer instead of refusing a change made before it", async () => {
    open();
    const client = new TestClient(relay, PLAN, 'p-back');
    const { everything, newest } = changesWhileAway();
    // Already in the client's copy (its answer will carry it), and sent on its own first.
    Y.applyUpdate(client.doc, everything, client);
    client.sendRaw(updateFrame(newest));
    await until(() => client.doc.getText('section:a').toString() === 'Objectives one two');
    await until(() => {
      const log = persistence.logs.get(PLAN);
      const stored = new Y.Doc();
      if (log?.snapshot) Y.applyUpdate(stored, log.snapshot);
      for (const { update } of log?.updates ?? []) Y.applyUpdate(stored, update);
      return stored.getText('section:a').toString() === 'Objectives one two';
    });
    expect(client.closed).toBeNull();
  });

  it('refuses such a change (4422) when no answer follows', async () => {
    open();
    const silent = stuckSocket();
    const connection = relay.connect(PLAN, silent, { ...member, actor });
    connection.receive(updateFrame(changesWhileAway().newest));
    await until(() => silent.closed !== null, ANSWER_WAIT_MS * 3);
    expect(silent.closed).toBe(CloseCode.UPDATE_DOES_NOT_APPLY);
  });
});
