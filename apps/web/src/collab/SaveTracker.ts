import { isPermanentClose, MESSAGE_SAVED } from '@plenary/model';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { closeNoticeKey } from './closeNotices.ts';
import { type CoalescedWrite, coalescedWrite } from './coalescedWrite.ts';

/** What the saving indicator shows, as its `data-state` says it. */
export type SaveState = 'offline' | 'connecting' | 'saving' | 'saved';

/** Why the server closed the connection, when that needs words of its own. */
export interface CloseNotice {
  code: number;
  /** The server's own explanation (English, for the curious and for bug reports). */
  reason: string;
  /** True when the provider will not reconnect by itself. */
  permanent: boolean;
}

/** The saving indicator's view of one open plan. */
export interface SaveStatus {
  state: SaveState;
  /** True while a change made here is not yet known to be stored on the server. */
  unsaved: boolean;
  /** How many changes made on this device (keystrokes, formatting…) the server has not confirmed. */
  unconfirmed: number;
  notice: CloseNotice | null;
}

/** The provider events the tracker listens to, as PlanProvider (and y-websocket) emit them. */
export interface SaveProviderEvents {
  status: (event: { status: 'connected' | 'disconnected' | 'connecting' }) => void;
  sync: (synced: boolean) => void;
  'connection-close': (event: Pick<CloseEvent, 'code' | 'reason'> | null) => void;
}

/** What the tracker needs from the provider (PlanProvider); tests pass a fake. */
export interface SaveProvider {
  readonly doc: Y.Doc;
  readonly ws: { readonly readyState: number; send(data: Uint8Array<ArrayBuffer>): void } | null;
  readonly wsconnected: boolean;
  readonly synced: boolean;
  on(name: 'status', handler: SaveProviderEvents['status']): unknown;
  on(name: 'sync', handler: SaveProviderEvents['sync']): unknown;
  on(name: 'connection-close', handler: SaveProviderEvents['connection-close']): unknown;
  off(name: 'status', handler: SaveProviderEvents['status']): unknown;
  off(name: 'sync', handler: SaveProviderEvents['sync']): unknown;
  off(name: 'connection-close', handler: SaveProviderEvents['connection-close']): unknown;
}

// WebSocket.OPEN, named here so that the tracker runs where there is no WebSocket global.
const WEBSOCKET_OPEN = 1;

/**
 * Knows whether every change made on this device is stored on the server, from real
 * events only: the socket's state, the sync handshake, and the server's echo of each
 * save request (`[100][nonce]`), which it sends once everything that arrived on the
 * socket before the request is durably stored.
 */
export class SaveTracker {
  readonly #provider: SaveProvider;
  #lastSent = 0;
  #lastAcknowledged = 0;
  /** The request sent right after the latest local change; its echo means that change is stored. */
  #lastChangeRequest = 0;
  #changedSinceRequest = false;
  /** Changes made here so far (with those restored from the device), and how many are confirmed. */
  #changes = 0;
  #confirmedChanges = 0;
  /** For each save request still unanswered: how many changes had been made when it was sent. */
  readonly #changesAtRequest = new Map<number, number>();
  /**
   * Whether this socket has answered the server's sync step 1. Until then the provider holds
   * local changes back (the step 2 answer carries them), so a request sent earlier is echoed
   * before they reach the server and must confirm no change.
   */
  #answered = false;
  /** Tells the doc's copy kept on this device by its origin: loading it is not a new change. */
  readonly #isLocalCopy: (origin: unknown) => boolean;
  /** Told of each save request as it goes out (for the confirmed clocks). */
  readonly #onRequest: (nonce: number) => void;
  /** The save request after local changes, sent at once or at most every `requestIntervalMs`. */
  readonly #changeRequest: CoalescedWrite | null;
  #notice: CloseNotice | null = null;
  #status: SaveStatus;
  readonly #listeners = new Set<() => void>();

  /**
   * Construct after the provider: the doc's update listeners run in order, so the
   * provider has put a local update on the socket before the save request follows it.
   * Updates from the copy kept on this device (`isLocalCopy(origin)`) still need saving,
   * but are counted by `restoreUnconfirmed` rather than one by one. `onRequest` hears
   * each save request's nonce as it is sent. With `requestIntervalMs`, the request that
   * follows local changes is sent at most that often rather than after each one: the
   * changes themselves go out at once, and one echo then covers a burst of keystrokes
   * (each request costs an echo, the bookkeeping of both, and flips the indicator).
   */
  constructor(
    provider: SaveProvider,
    isLocalCopy: (origin: unknown) => boolean = () => false,
    onRequest: (nonce: number) => void = () => {},
    requestIntervalMs = 0,
  ) {
    this.#provider = provider;
    this.#isLocalCopy = isLocalCopy;
    this.#onRequest = onRequest;
    this.#changeRequest =
      requestIntervalMs > 0 ? coalescedWrite(() => this.#requestSave(), requestIntervalMs) : null;
    this.#status = this.#compute();
    provider.doc.on('update', this.#onUpdate);
    provider.on('status', this.#onStatus);
    provider.on('sync', this.#onSync);
    provider.on('connection-close', this.#onConnectionClose);
  }

  /** The current status; the same object until something changes (for useSyncExternalStore). */
  getStatus = (): SaveStatus => this.#status;

  /** Calls `listener` whenever the status changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The server echoed save request `nonce`: everything sent before it is stored. */
  acknowledge(nonce: number): void {
    // An echo from before a reconnect can only be older than the latest request.
    if (nonce > this.#lastAcknowledged) this.#lastAcknowledged = nonce;
    for (const [request, changes] of this.#changesAtRequest) {
      if (request > nonce) continue;
      this.#confirmedChanges = Math.max(this.#confirmedChanges, changes);
      this.#changesAtRequest.delete(request);
    }
    // A stored change proves the server can save again; a permanent close stays explained.
    if (this.#notice && !this.#notice.permanent && !this.#waitingForEcho()) this.#notice = null;
    this.#refresh();
  }

  /**
   * The provider just sent its answer to the server's sync step 1 (step 2, which carries
   * the changes made while offline): a save request now covers them.
   */
  answeredSyncStep1(): void {
    this.#answered = true;
    this.#requestSave();
  }

  /**
   * The copy kept on this device held `count` changes the server had not confirmed when
   * the plan was last open here; they count as unconfirmed until a save covers them.
   */
  restoreUnconfirmed(count: number): void {
    this.#changes += count;
    this.#refresh();
  }

  /** Asks the server for an answer now (a save request), to learn whether the socket still works. */
  probe(): void {
    this.#requestSave();
  }

  /** Stops listening to the doc and the provider. */
  destroy(): void {
    this.#changeRequest?.cancel();
    this.#provider.doc.off('update', this.#onUpdate);
    this.#provider.off('status', this.#onStatus);
    this.#provider.off('sync', this.#onSync);
    this.#provider.off('connection-close', this.#onConnectionClose);
    this.#listeners.clear();
  }

  #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates the provider applied came from the server or another tab: not ours to save.
    if (origin === this.#provider) return;
    if (!this.#isLocalCopy(origin)) this.#changes += 1;
    this.#changedSinceRequest = true;
    if (this.#changeRequest) {
      this.#changeRequest.request();
      this.#refresh();
    } else {
      this.#requestSave();
    }
  };

  #onStatus = (): void => {
    // Any change of socket: a new one has not answered yet, and an old one's requests go unanswered.
    this.#answered = false;
    this.#changesAtRequest.clear();
    this.#refresh();
  };

  #onSync = (synced: boolean): void => {
    if (synced) this.#requestSave();
    else this.#refresh();
  };

  #onConnectionClose = (event: Pick<CloseEvent, 'code' | 'reason'> | null): void => {
    // A null event is a close we made ourselves (leaving the page, the silence watchdog).
    if (event && closeNoticeKey(event.code) !== null) {
      this.#notice = {
        code: event.code,
        reason: event.reason,
        permanent: isPermanentClose(event.code),
      };
    }
    this.#refresh();
  };

  #requestSave(): void {
    const { ws, wsconnected } = this.#provider;
    if (wsconnected && ws && ws.readyState === WEBSOCKET_OPEN) {
      // This request covers the changes a pending one was to follow.
      this.#changeRequest?.cancel();
      this.#lastSent += 1;
      if (this.#answered) this.#changesAtRequest.set(this.#lastSent, this.#changes);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SAVED);
      encoding.writeVarUint(encoder, this.#lastSent);
      // slice() gives the plain-ArrayBuffer view that WebSocket.send is typed to take.
      ws.send(encoding.toUint8Array(encoder).slice());
      this.#onRequest(this.#lastSent);
      if (this.#changedSinceRequest) this.#lastChangeRequest = this.#lastSent;
      this.#changedSinceRequest = false;
    }
    this.#refresh();
  }

  #waitingForEcho(): boolean {
    return this.#changedSinceRequest || this.#lastAcknowledged !== this.#lastSent;
  }

  #compute(): SaveStatus {
    const { wsconnected, synced } = this.#provider;
    const state: SaveState = !wsconnected
      ? 'offline'
      : !synced
        ? 'connecting'
        : this.#waitingForEcho()
          ? 'saving'
          : 'saved';
    const unsaved = this.#changedSinceRequest || this.#lastAcknowledged < this.#lastChangeRequest;
    const unconfirmed = this.#changes - this.#confirmedChanges;
    return { state, unsaved, unconfirmed, notice: this.#notice };
  }

  #refresh = (): void => {
    const next = this.#compute();
    const current = this.#status;
    if (
      next.state === current.state &&
      next.unsaved === current.unsaved &&
      next.unconfirmed === current.unconfirmed &&
      next.notice === current.notice
    ) {
      return;
    }
    this.#status = next;
    for (const listener of this.#listeners) listener();
  };
}
