import * as Y from 'yjs';
import { ConfirmedClocks } from './ConfirmedClocks.ts';
import { coalescedWrite } from './coalescedWrite.ts';
import { LocalCopy } from './LocalCopy.ts';
import { watchLink } from './linkWatch.ts';
import { PlanProvider, type PlanProviderOptions } from './PlanProvider.ts';
import { SaveTracker } from './SaveTracker.ts';

/** One open plan: its doc, the provider that syncs it, and what is saved of it. */
export interface PlanConnection {
  doc: Y.Doc;
  provider: PlanProvider;
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

/**
 * Tells the tracker and the confirmed clocks what the provider hears: the server's save
 * acknowledgements, each socket's answer to the sync step 1 (after which a save request
 * covers the offline changes), and sockets opening and closing.
 */
function followSaves(
  provider: PlanProvider,
  saves: SaveTracker,
  confirmations: ConfirmedClocks,
): void {
  provider.on('saved', (nonce) => {
    saves.acknowledge(nonce);
    confirmations.acknowledged(nonce);
  });
  provider.on('answered', () => {
    confirmations.answeredSyncStep1();
    saves.answeredSyncStep1();
  });
  provider.on('status', ({ status }) => confirmations.socketOpen(status === 'connected'));
}

/**
 * How long the kept count may lag behind the tracker's. The count and clocks only say
 * which of the stored text the server had not confirmed (y-indexeddb writes every update
 * itself as it happens); writing them on every keystroke and every echo cost an IndexedDB
 * transaction each, about a third of the page's script per key.
 */
const KEEP_INTERVAL_MS = 250;

/**
 * How often a save request follows local changes while someone types (see SaveTracker):
 * "Saved" shows this much later at most, and a burst of keys costs one echo instead of
 * one per key.
 */
export const SAVE_REQUEST_INTERVAL_MS = 150;

/**
 * Loads the copy kept on this device into the doc, then connects: the provider's
 * sync step 2 then carries whatever the server lacks of it, and the server sends only what
 * the copy lacks. Without a copy on the device it connects at once. Meanwhile the tracker learns
 * how many changes were unconfirmed and the clocks from which, and both are kept on the
 * device as they change: at most every KEEP_INTERVAL_MS, and at once when the page is
 * hidden or left, when a browser may end it without another task. Returns the function
 * that stops keeping them, writing what is due first when `write` is true.
 */
function keepOnDevice(
  local: LocalCopy,
  provider: PlanProvider,
  saves: SaveTracker,
  confirmations: ConfirmedClocks,
  connect: boolean,
): (write: boolean) => void {
  let written = '';
  let restoring = false;
  const keep = () => {
    const { unconfirmed } = saves.getStatus();
    const clocks = confirmations.toKeep();
    const kept = `${unconfirmed} ${clocks.join(' ')}`;
    if (kept === written) return;
    written = kept;
    local.keepUnconfirmed(unconfirmed, clocks);
  };
  const writes = coalescedWrite(keep, KEEP_INTERVAL_MS);
  const request = () => {
    if (!restoring) writes.request();
  };
  const stopSaves = saves.subscribe(request);
  const stopConfirmations = confirmations.subscribe(request);
  const onHide = () => {
    if (document.visibilityState === 'hidden') writes.flush();
  };
  const onPageHide = () => writes.flush();
  globalThis.document?.addEventListener('visibilitychange', onHide);
  globalThis.addEventListener?.('pagehide', onPageHide);
  // Once: after that the provider decides (a refused socket must stay closed). A doc
  // closed while its copy loaded (the person left) must not connect.
  let connecting = false;
  const connectNow = () => {
    if (connecting || !connect || provider.doc.isDestroyed) return;
    connecting = true;
    provider.connect();
  };
  // With no copy on the device there is nothing to load first: the socket connects while
  // the new database is made (a few hundred ms in Chromium), and y-indexeddb stores what the
  // doc holds by then as it opens.
  void local.heldBefore.then((held) => {
    if (!held) connectNow();
  });
  void local.loaded.then(() => {
    // Both restored before either is written back, so no half-restored pair is kept.
    restoring = true;
    confirmations.restore(local.storedClocks);
    saves.restoreUnconfirmed(local.storedUnconfirmed);
    restoring = false;
    writes.cancel();
    keep();
    connectNow();
  });
  return (write) => {
    if (write) writes.flush();
    else writes.cancel();
    stopSaves();
    stopConfirmations();
    globalThis.document?.removeEventListener('visibilitychange', onHide);
    globalThis.removeEventListener?.('pagehide', onPageHide);
  };
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
  options: Pick<PlanProviderOptions, 'connect' | 'params' | 'WebSocketPolyfill'> = {},
  keep: KeepOnDevice | null = null,
): PlanConnection {
  const doc = new Y.Doc();
  const provider = new PlanProvider(serverUrl, planId, doc, {
    ...options,
    connect: keep === null && options.connect !== false,
    params: { ...options.params, token },
  });
  const local = keep ? new LocalCopy(keep.name, doc, keep.after) : null;
  // After the provider, so the provider's update listener runs first (see SaveTracker).
  const confirmations = new ConfirmedClocks(doc);
  const saves = new SaveTracker(
    provider,
    (origin) => local?.isOwnOrigin(origin) ?? false,
    (nonce) => confirmations.requested(nonce),
    SAVE_REQUEST_INTERVAL_MS,
  );
  followSaves(provider, saves, confirmations);
  const stopWatch = watchLink({ provider, probe: () => saves.probe() });
  const stopKeeping = local
    ? keepOnDevice(local, provider, saves, confirmations, options.connect !== false)
    : () => {};
  const close = (keepCount: boolean) => {
    stopKeeping(keepCount);
    // Announce leaving while the socket is still open, so carets vanish right away.
    provider.awareness.setLocalState(null);
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
      close(true);
      void local?.close();
    },
    async discard() {
      close(false);
      await local?.clear();
    },
  };
}
