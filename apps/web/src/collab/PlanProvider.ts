/**
 * Plenary's sync provider: the y-websocket wire protocol (sync, awareness and
 * query-awareness frames, the room in the URL path, the token as a query parameter),
 * with what Plenary adds to it as part of the class rather than patched in afterwards:
 * - the save acknowledgement (`[100][nonce]`): the server's echo is emitted as `saved`;
 * - local changes are held back from a new socket until it has answered the server's
 *   sync step 1 (`answered`), because the step 2 answer carries them and a change sent
 *   before it would start after a gap, which the server refuses (4422);
 * - it speaks only for this device's presence, never echoing other people's;
 * - it reconnects after a jittered, exponential wait (reconnectBackoff.ts), cut short
 *   when the device says its network is back, and not at all after a 44xx close.
 *
 * Why a provider of our own rather than a subclass of y-websocket's WebsocketProvider:
 * none of the above can be said through that class's public surface. Its sync handler,
 * its doc and presence listeners and its reconnect timer are module-private functions
 * or underscore fields, so a subclass would still replace them, and would break silently
 * when an upgrade renames them. Built on y-protocols (the sync and awareness encodings
 * y-websocket itself uses) and lib0, the wire format stays the stock one (the server
 * keeps serving stock clients, see apps/server/test/support/stockClient.ts) and every
 * behaviour here is one that PlanProvider.wire.test.ts checks against a real server.
 *
 * Left out on purpose: the BroadcastChannel between tabs (another tab would hand a
 * refused change back to the fresh doc that replaces a refused one; tabs meet through
 * the server), the auth message (Plenary authenticates on the upgrade), the periodic
 * resync, and the 30 s silence watchdog (linkWatch.ts notices silence in seconds).
 */
import {
  isPermanentClose,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { reconnectDelay } from './reconnectBackoff.ts';

/** A socket's state as the status event names it (the names y-websocket uses). */
export type ConnectionStatus = 'connected' | 'disconnected' | 'connecting';

/** How a socket closed: the server's code and reason, or null when this side let it go. */
export type ConnectionClose = Pick<CloseEvent, 'code' | 'reason'> | null;

/** What the provider tells its listeners. */
export interface PlanProviderEvents {
  /** A socket is being opened, opened, or is gone. */
  status: (event: { status: ConnectionStatus }) => void;
  /** The doc holds everything the server had (true), or the socket that did is gone (false). */
  sync: (synced: boolean) => void;
  /** A socket closed; emitted before the provider's flags are reset. */
  'connection-close': (event: ConnectionClose, provider: PlanProvider) => void;
  /** This socket's answer to the server's sync step 1, with every local change, is sent. */
  answered: () => void;
  /** The server stored everything that arrived on this socket before save request `nonce`. */
  saved: (nonce: number) => void;
}

/** The socket class the provider opens; the DOM's WebSocket, or `ws` in Node. */
export type WebSocketClass = new (url: string) => WebSocket;

/** How a provider is opened. */
export interface PlanProviderOptions {
  /** Open the socket at once (default true); else call `connect()`. */
  connect?: boolean;
  /** Query parameters of the socket URL (the session token). */
  params?: Record<string, string>;
  /** The socket class (default: the global WebSocket). */
  WebSocketPolyfill?: WebSocketClass;
  /** The presence to speak for (default: a new one on the doc). */
  awareness?: Awareness;
  /** Where the device announces that its network is back (default: the global scope). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined;
  /** The jitter's source of randomness (tests pin it). */
  random?: () => number;
}

// WebSocket.OPEN, named here so that the provider runs where there is no WebSocket global.
const WEBSOCKET_OPEN = 1;

/** Syncs one plan's doc and this device's presence with the Plenary server over a websocket. */
export class PlanProvider extends ObservableV2<PlanProviderEvents> {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly url: string;
  /** The current socket, open or opening; null between sockets. */
  ws: WebSocket | null = null;
  /** True while the current socket is open. */
  wsconnected = false;
  /** True while the current socket is opening. */
  wsconnecting = false;
  /** Whether the provider means to be connected (false after `disconnect()` or a 44xx close). */
  shouldConnect: boolean;
  /** When the server was last heard from (ms since the epoch), for linkWatch.ts. */
  wsLastMessageReceived = 0;
  /** Sockets that closed since the last one that synced: the backoff's attempt number. */
  wsUnsuccessfulReconnects = 0;
  #synced = false;
  /** Whether the current socket has answered the server's sync step 1 (see the header). */
  #answered = false;
  readonly #WebSocket: WebSocketClass;
  readonly #events: PlanProviderOptions['events'];
  readonly #random: () => number;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(serverUrl: string, planId: string, doc: Y.Doc, options: PlanProviderOptions = {}) {
    super();
    this.doc = doc;
    this.awareness = options.awareness ?? new Awareness(doc);
    const query = new URLSearchParams(options.params ?? {}).toString();
    this.url = `${serverUrl.replace(/\/+$/, '')}/${planId}${query ? `?${query}` : ''}`;
    this.#WebSocket = options.WebSocketPolyfill ?? (globalThis.WebSocket as WebSocketClass);
    this.#events =
      'events' in options
        ? options.events
        : typeof globalThis.addEventListener === 'function'
          ? globalThis
          : undefined;
    this.#random = options.random ?? Math.random;
    this.shouldConnect = options.connect !== false;
    // Registered now, so that listeners added later (the SaveTracker's) hear of an update
    // after it is on the socket.
    doc.on('update', this.#onDocUpdate);
    this.awareness.on('update', this.#onAwarenessUpdate);
    this.#events?.addEventListener('online', this.#onOnline);
    if (this.shouldConnect) this.connect();
  }

  /** True once the doc holds everything the server had when this socket opened. */
  get synced(): boolean {
    return this.#synced;
  }

  /** Opens a socket unless one is open or opening. */
  connect(): void {
    this.shouldConnect = true;
    this.#clearReconnect();
    if (this.ws === null) this.#open();
  }

  /** Closes the socket and stays away until `connect()`; presence says this device left. */
  disconnect(): void {
    this.shouldConnect = false;
    this.#clearReconnect();
    const ws = this.ws;
    if (ws === null) return;
    // The others' carets of this device vanish at once rather than after presence times out.
    this.#send(writeOwnPresence(this.awareness, new Map()));
    this.#closed(ws, null);
  }

  /** Disconnects and stops listening to the doc, the presence and the device. */
  override destroy(): void {
    this.disconnect();
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.#events?.removeEventListener('online', this.#onOnline);
    super.destroy();
  }

  #open(): void {
    const ws = new this.#WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.wsconnecting = true;
    this.wsconnected = false;
    this.#setSynced(false);
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.wsLastMessageReceived = Date.now();
      this.wsconnecting = false;
      this.wsconnected = true;
      this.#answered = false;
      this.emit('status', [{ status: 'connected' }]);
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(step1, this.doc);
      this.#send(encoding.toUint8Array(step1));
      // The server binds this socket to the client its first presence frame names.
      if (this.awareness.getLocalState() !== null) this.#send(writeOwnPresence(this.awareness));
    };
    ws.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      if (this.ws !== ws) return;
      this.wsLastMessageReceived = Date.now();
      this.#receive(new Uint8Array(event.data));
    };
    ws.onclose = (event) => this.#closed(ws, event);
    // A failed socket also closes; its close event carries what there is to know.
    ws.onerror = () => {};
    this.emit('status', [{ status: 'connecting' }]);
  }

  #receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        if (encoding.length(reply) > 1) this.#send(encoding.toUint8Array(reply));
        if (step === SYNC_STEP_1) {
          // From now on each change goes out as it is made: the server has all before it.
          this.#answered = true;
          this.emit('answered', []);
        } else if (step === SYNC_STEP_2) {
          this.wsUnsuccessfulReconnects = 0;
          this.#setSynced(true);
        }
        return;
      }
      case MESSAGE_AWARENESS:
        applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
        return;
      case MESSAGE_QUERY_AWARENESS:
        this.#send(writeOwnPresence(this.awareness));
        return;
      case MESSAGE_SAVED:
        this.emit('saved', [decoding.readVarUint(decoder)]);
        return;
      default:
        // A newer server's message this client does not know: nothing to do with it.
        return;
    }
  }

  /** Forgets socket `ws` (if still current); reconnects later unless told not to. */
  #closed(ws: WebSocket, event: ConnectionClose): void {
    if (ws !== this.ws) return;
    this.emit('connection-close', [event, this]);
    this.ws = null;
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.close();
    this.wsconnecting = false;
    const wasConnected = this.wsconnected;
    this.wsconnected = false;
    this.#answered = false;
    if (wasConnected) {
      this.#setSynced(false);
      // The others' presence came over this socket; the next one brings it back.
      const others = [...this.awareness.getStates().keys()].filter(
        (client) => client !== this.doc.clientID,
      );
      removeAwarenessStates(this.awareness, others, this);
      this.emit('status', [{ status: 'disconnected' }]);
    }
    this.wsUnsuccessfulReconnects += 1;
    // The server's 44xx says retrying would fail the same way; `connect()` may still resume.
    if (event && isPermanentClose(event.code)) this.shouldConnect = false;
    if (this.shouldConnect) this.#scheduleReconnect(this.wsUnsuccessfulReconnects);
  }

  #scheduleReconnect(attempt: number): void {
    this.#clearReconnect();
    this.#reconnectTimer = setTimeout(
      () => {
        this.#reconnectTimer = null;
        if (this.shouldConnect && this.ws === null) this.#open();
      },
      reconnectDelay(attempt, this.#random),
    );
  }

  #clearReconnect(): void {
    if (this.#reconnectTimer === null) return;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
  }

  /** The device's network is back: a long wait is cut to the first window, still jittered. */
  #onOnline = (): void => {
    if (this.#reconnectTimer !== null) this.#scheduleReconnect(1);
  };

  #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // What the server sent is not sent back; what is typed before the answer rides in it.
    if (origin === this || !this.#answered) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.#send(encoding.toUint8Array(encoder));
  };

  #onAwarenessUpdate = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const own = this.awareness.clientID;
    if (added.includes(own) || updated.includes(own) || removed.includes(own)) {
      this.#send(writeOwnPresence(this.awareness));
    }
  };

  #send(frame: Uint8Array): void {
    const ws = this.ws;
    // lib0 encodes into plain ArrayBuffers; the cast only tells TypeScript so.
    if (this.wsconnected && ws && ws.readyState === WEBSOCKET_OPEN)
      ws.send(frame as Uint8Array<ArrayBuffer>);
  }

  #setSynced(synced: boolean): void {
    if (synced === this.#synced) return;
    this.#synced = synced;
    this.emit('sync', [synced]);
  }
}

/**
 * An awareness frame with this device's presence only (`states` replaces the states, to
 * announce leaving with an empty map).
 */
function writeOwnPresence(
  awareness: Awareness,
  states?: Map<number, Record<string, unknown>>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(
    encoder,
    encodeAwarenessUpdate(awareness, [awareness.clientID], states),
  );
  return encoding.toUint8Array(encoder);
}
