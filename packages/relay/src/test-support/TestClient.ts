import type { Actor } from '@plenary/model';
import { MESSAGE_AWARENESS, MESSAGE_SAVED, MESSAGE_SYNC } from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Relay, RelayConnection } from '../Relay.ts';
import type { VouchedPresence } from '../types.ts';

/**
 * A y-websocket client over an in-memory socket: it answers the server's sync step 1,
 * sends its own, forwards local updates and records how the socket was closed. It
 * follows the stock client's protocol, so relay tests need no network.
 */
export class TestClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly savedNonces: number[] = [];
  received = 0;
  closed: { code: number; reason: string } | null = null;
  private readonly connection: RelayConnection;

  constructor(
    relay: Relay,
    planId: string,
    participantId: string | null = null,
    actor: Actor = { role: 'facilitator', groupId: null },
    presence: VouchedPresence | null = null,
  ) {
    this.connection = relay.connect(
      planId,
      {
        // Delivered asynchronously, like a real socket.
        send: (data) => queueMicrotask(() => this.onFrame(data.slice())),
        close: (code, reason) => {
          this.closed = { code, reason };
        },
      },
      { participantId, inviteId: null, actor, presence },
    );
    const hello = encoding.createEncoder();
    encoding.writeVarUint(hello, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(hello, this.doc);
    this.sendRaw(encoding.toUint8Array(hello));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MESSAGE_SYNC);
      syncProtocol.writeUpdate(message, update);
      this.sendRaw(encoding.toUint8Array(message));
    });
  }

  /** Sends raw bytes, as a modified or broken client might. */
  sendRaw(data: Uint8Array): void {
    if (!this.closed) this.connection.receive(data);
  }

  /** Asks the server to confirm that everything sent so far is stored. */
  requestSave(nonce: number): void {
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_SAVED);
    encoding.writeVarUint(message, nonce);
    this.sendRaw(encoding.toUint8Array(message));
  }

  /** Publishes this client's presence. */
  setPresence(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      message,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    );
    this.sendRaw(encoding.toUint8Array(message));
  }

  /** The client side went away. */
  disconnect(): void {
    this.connection.disconnect();
    this.closed ??= { code: 1000, reason: 'client left' };
  }

  private onFrame(data: Uint8Array): void {
    if (this.closed) return;
    this.received += 1;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.sendRaw(encoding.toUint8Array(reply));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        decoding.readVarUint8Array(decoder),
        this,
      );
    } else if (type === MESSAGE_SAVED) {
      this.savedNonces.push(decoding.readVarUint(decoder));
    }
  }
}

/** Waits until `check` holds, polling the event loop (for tests only). */
export async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
