/**
 * A stock y-websocket client as the harness runs it, and the way it types: one character
 * at the end of a paragraph of its own section, so each edit advances its Yjs clock by
 * exactly one and a receiver can tell which edits it has from the state vector alone.
 */
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientSpec } from './relayRooms.ts';

/** A connected stock client. */
export interface HarnessClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves when the first sync with the relay is done. */
  synced: Promise<void>;
  destroy(): void;
}

/** Connects the unmodified provider (no BroadcastChannel, so everything crosses the relay). */
export function connectClient(spec: ClientSpec): HarnessClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(spec.serverUrl, spec.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(spec.token ? { params: { token: spec.token } } : {}),
  });
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The text a writer types into: the last paragraph of its section, made if missing. */
export function paragraphText(doc: Y.Doc, fragmentName: string): Y.XmlText {
  const fragment = doc.getXmlFragment(fragmentName);
  const last = fragment.length > 0 ? fragment.get(fragment.length - 1) : null;
  const existing = last instanceof Y.XmlElement ? last.get(0) : null;
  if (existing instanceof Y.XmlText) return existing;
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(fragment.length, [paragraph]);
  return text;
}

/** Writes `bytes` of text into the given sections as paragraphs of ~600 characters. */
export function writeParagraphs(doc: Y.Doc, fragments: readonly string[], bytes: number): void {
  const sentence =
    'The national mechanism reviews early-warning reports from civil society every quarter. ';
  const paragraph = sentence.repeat(7);
  let written = 0;
  let turn = 0;
  while (written < bytes) {
    // One transaction per ~12 KB, as a paste or a long session of typing would arrive.
    doc.transact(() => {
      for (let i = 0; i < 20 && written < bytes; i++) {
        const fragment = doc.getXmlFragment(fragments[turn++ % fragments.length] ?? '');
        const element = new Y.XmlElement('paragraph');
        element.insert(0, [new Y.XmlText(paragraph)]);
        fragment.insert(fragment.length, [element]);
        written += paragraph.length;
      }
    });
  }
}

/** Monotonic milliseconds that every thread of the process reads from the same clock. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
