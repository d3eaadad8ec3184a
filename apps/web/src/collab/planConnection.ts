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
import { SaveTracker } from './SaveTracker.ts';

/** One open plan: its doc, the provider that syncs it, and what is saved of it. */
export interface PlanConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  saves: SaveTracker;
  /** Leaves the plan: tells the others at once, closes the socket, frees the doc. */
  close(): void;
}

/** Where plans sync: the page's own host, over wss when the page came over https. */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

type ProviderOptions = ConstructorParameters<typeof WebsocketProvider>[3];

/**
 * Teaches the provider Plenary's save acknowledgement, and tells the tracker when a
 * sync step 2 (the offline changes) has been sent, so that a save request follows it.
 */
function installSaveMessages(provider: WebsocketProvider, saves: SaveTracker): void {
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    saves.acknowledge(decoding.readVarUint(decoder));
  };
  const answerSync = provider.messageHandlers[MESSAGE_SYNC];
  if (!answerSync) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    const step = decoding.peekVarUint(decoder);
    answerSync(encoder, decoder, ...rest);
    if (step === SYNC_STEP_1) saves.answeredSyncStep1();
  };
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
 * Opens a plan's doc and its sync connection (`<serverUrl>/<planId>?token=<token>`),
 * always with a new doc: a doc the server refused must never be connected again.
 */
export function connectPlan(
  planId: string,
  token: string,
  serverUrl = syncServerUrl(window.location),
  options: ProviderOptions = {},
): PlanConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, planId, doc, {
    // No tab-to-tab channel: another tab would hand a refused change back to the fresh
    // doc that replaces a refused one. Tabs of one plan meet through the server instead.
    disableBc: true,
    ...options,
    params: { ...options?.params, token },
  });
  holdUpdatesUntilSyncAnswered(provider);
  // After the provider, so the provider's update listener runs first (see SaveTracker).
  const saves = new SaveTracker(provider);
  installSaveMessages(provider, saves);
  sendOwnPresenceOnly(provider);
  return {
    doc,
    provider,
    saves,
    close() {
      // Announce leaving while the socket is still open, so carets vanish right away.
      provider.awareness.setLocalState(null);
      saves.destroy();
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}
