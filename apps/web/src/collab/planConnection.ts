import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP_1,
} from '@plenary/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConfirmedClocks } from './ConfirmedClocks.ts';
import { LocalCopy } from './LocalCopy.ts';
import { watchLink } from './linkWatch.ts';
import { jitterReconnects } from './reconnectBackoff.ts';
import { SaveTracker } from './SaveTracker.ts';

/** One open plan: its doc, the provider that syncs it, and what is saved of it. */
export interface PlanConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
  /** How far the server confirmed what this device wrote, for marking unsaved text. */
  confirmations: ConfirmedClocks;
  /** The copy of the doc kept on this device, or null when none is kept (tests). */
  local: LocalCopy | null;
  /**
   * Leaves the plan: tells the others at once, closes the socket, frees the doc. The copy
   * on this device stays for next time.
   */
  close(): void;
  /** Leaves the plan and deletes the copy on this device; settles once it is gone. */
  discard(): Promise<void>;
}

/** Where to keep the plan on this device, and what must settle before the copy opens. */
export interface KeepOnDevice {
  /** The IndexedDB name (`localCopyName(planId, participantId)`). */
  name: string;
  /** A previous copy of the same name being deleted, to wait for. */
  after?: Promise<unknown>;
}

/** Where plans sync: the page's own host, over wss when the page came over https. */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

type ProviderOptions = ConstructorParameters<typeof WebsocketProvider>[3];

/**
 * Teaches the provider Plenary's save acknowledgement, and tells the tracker and the
 * confirmed clocks when a sync step 2 (the offline changes) has been sent, so that a
 * save request follows it.
 */
function installSaveMessages(
  provider: WebsocketProvider,
  saves: SaveTracker,
  confirmations: ConfirmedClocks,
): void {
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    const nonce = decoding.readVarUint(decoder);
    saves.acknowledge(nonce);
    confirmations.acknowledged(nonce);
  };
  const answerSync = provider.messageHandlers[MESSAGE_SYNC];
  if (!answerSync) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    const step = decoding.peekVarUint(decoder);
    answerSync(encoder, decoder, ...rest);
    if (step !== SYNC_STEP_1) return;
    confirmations.answeredSyncStep1();
    saves.answeredSyncStep1();
  };
  provider.on('status', ({ status }) => confirmations.socketOpen(status === 'connected'));
}

/**
 * Keeps local changes off a new socket until it has answered the server's sync step 1.
 * Until then the server lacks what was typed offline, so a keystroke sent right after
 * the socket opens starts after a gap, which the server refuses (4422) and the plan
 * starts over without that text. The step 2 answer carries every change made before it,
 * so nothing held back needs sending. Call before the SaveTracker exists: the update
 * handler keeps its place ahead of the tracker's.
 */
function holdUpdatesUntilSyncAnswered(provider: WebsocketProvider): void {
  let answered = false;
  // 'connected' is emitted as each new socket opens, before it sends its own step 1.
  provider.on('status', ({ status }) => {
    if (status === 'connected') answered = false;
  });
  const answerSync = provider.messageHandlers[MESSAGE_SYNC];
  if (!answerSync) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    const step = decoding.peekVarUint(decoder);
    answerSync(encoder, decoder, ...rest);
    // The answer goes on the socket as soon as this handler returns, before any edit.
    if (step === SYNC_STEP_1) answered = true;
  };
  const send = provider._updateHandler;
  provider.doc.off('update', send);
  // Replaced on the provider, so that its destroy() removes this listener.
  provider._updateHandler = (update, origin) => {
    if (answered) send(update, origin);
  };
  provider.doc.on('update', provider._updateHandler);
}

/** Writes this device's own presence (and only its own) as an awareness message. */
function writeOwnPresence(encoder: encoding.Encoder, awareness: Awareness): void {
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]));
}

/**
 * Makes the provider speak for this device's presence only. Stock y-websocket echoes
 * every presence change it hears, other people's included, and answers a presence
 * query with everyone's; Plenary's server refuses a socket that sets presence for
 * another client (4403), so the echo would close the plan as soon as a second person
 * arrived.
 */
function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  // Replaced on the provider, so that its destroy() removes this listener.
  provider._awarenessUpdateHandler = ({ added, updated, removed }) => {
    const changed: number[] = [...added, ...updated, ...removed];
    if (!changed.includes(awareness.clientID) || !provider.wsconnected || !provider.ws) return;
    const encoder = encoding.createEncoder();
    writeOwnPresence(encoder, awareness);
    provider.ws.send(encoding.toUint8Array(encoder));
  };
  awareness.on('update', provider._awarenessUpdateHandler);
  provider.messageHandlers[MESSAGE_QUERY_AWARENESS] = (encoder) =>
    writeOwnPresence(encoder, awareness);
}

/**
 * Loads the copy kept on this device into the doc, then connects: the stock provider's
 * sync step 2 then carries whatever the server lacks of it. Meanwhile the tracker learns
 * how many changes were unconfirmed and the clocks from which, and both are kept on the
 * device as they change.
 */
function keepOnDevice(
  local: LocalCopy,
  provider: WebsocketProvider,
  saves: SaveTracker,
  confirmations: ConfirmedClocks,
  connect: boolean,
): void {
  let written = '';
  let restoring = false;
  const keep = () => {
    if (restoring) return;
    const { unconfirmed } = saves.getStatus();
    const clocks = confirmations.toKeep();
    const kept = `${unconfirmed} ${clocks.join(' ')}`;
    if (kept === written) return;
    written = kept;
    local.keepUnconfirmed(unconfirmed, clocks);
  };
  saves.subscribe(keep);
  confirmations.subscribe(keep);
  void local.loaded.then(() => {
    // Both restored before either is written back, so no half-restored pair is kept.
    restoring = true;
    confirmations.restore(local.storedClocks);
    saves.restoreUnconfirmed(local.storedUnconfirmed);
    restoring = false;
    keep();
    // A doc closed while its copy loaded (the person left) must not connect.
    if (connect && !provider.doc.isDestroyed) provider.connect();
  });
}

/**
 * Opens a plan's doc and its sync connection (`<serverUrl>/<planId>?token=<token>`),
 * always with a new doc: a doc the server refused must never be connected again. With
 * `keep`, the doc is kept on this device and the provider connects once it is loaded.
 */
export function connectPlan(
  planId: string,
  token: string,
  serverUrl = syncServerUrl(window.location),
  options: ProviderOptions = {},
  keep: KeepOnDevice | null = null,
): PlanConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, planId, doc, {
    // No tab-to-tab channel: another tab would hand a refused change back to the fresh
    // doc that replaces a refused one. Tabs of one plan meet through the server instead.
    disableBc: true,
    ...options,
    connect: keep === null && options.connect !== false,
    params: { ...options?.params, token },
  });
  const stopJitter = jitterReconnects(provider);
  holdUpdatesUntilSyncAnswered(provider);
  const local = keep ? new LocalCopy(keep.name, doc, keep.after) : null;
  // After the provider, so the provider's update listener runs first (see SaveTracker).
  const confirmations = new ConfirmedClocks(doc);
  const saves = new SaveTracker(
    provider,
    (origin) => local?.isOwnOrigin(origin) ?? false,
    (nonce) => confirmations.requested(nonce),
  );
  installSaveMessages(provider, saves, confirmations);
  sendOwnPresenceOnly(provider);
  const stopWatch = watchLink({ provider, probe: () => saves.probe() });
  if (local) keepOnDevice(local, provider, saves, confirmations, options.connect !== false);
  const close = () => {
    // Announce leaving while the socket is still open, so carets vanish right away.
    provider.awareness.setLocalState(null);
    stopJitter();
    stopWatch();
    saves.destroy();
    provider.destroy();
    provider.awareness.destroy();
    doc.destroy();
  };
  return {
    doc,
    provider,
    saves,
    confirmations,
    local,
    close() {
      close();
      void local?.close();
    },
    async discard() {
      close();
      await local?.clear();
    },
  };
}
