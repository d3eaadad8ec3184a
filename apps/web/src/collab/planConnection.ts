import { MESSAGE_SAVED, MESSAGE_SYNC, SYNC_STEP_1 } from '@plenary/model';
import * as decoding from 'lib0/decoding';
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

/** Opens a plan's doc and its sync connection (`<serverUrl>/<planId>`). */
export function connectPlan(
  planId: string,
  serverUrl = syncServerUrl(window.location),
  options: ProviderOptions = {},
): PlanConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, planId, doc, options);
  // After the provider, so the provider's update listener runs first (see SaveTracker).
  const saves = new SaveTracker(provider);
  installSaveMessages(provider, saves);
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
