import type { RichTextDoc } from '@plenary/model';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import { contentExtensions } from '../contentExtensions.ts';
import { readRichText, writeRichText } from '../richTextFragment.ts';
import { type EditingMode, SuggestingMode } from '../suggestingMode.ts';
import type { SuggestionAuthor } from '../suggestionMarks.ts';

/** One person's editor on a section, with their own Y.Doc. */
export interface Client {
  author: SuggestionAuthor;
  doc: Y.Doc;
  fragment: Y.XmlFragment;
  editor: Editor;
}

/** A seeded pseudo-random generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTION = 'section:s1';

/** How the clients of a test start. */
export interface ClientsOptions {
  /** The mode every editor starts in; suggesting unless said otherwise. */
  mode?: EditingMode;
  /**
   * The Yjs client ids, one per author (1, 2, 3… by default). Yjs orders concurrent
   * insertions at one spot by client id, so fixed ids make a run replayable.
   */
  clientIds?: number[];
  /**
   * A server peer: a Y.Doc without an editor that receives and sends updates like the
   * clients (the relay's copy of the plan), and runs `afterUpdate` after each update from
   * a client (given the update), as the server would.
   */
  server?: {
    clientId: number;
    afterUpdate?: (fragment: Y.XmlFragment, update: Uint8Array) => void;
  };
}

/**
 * N editors on one section, each with its own Y.Doc. Updates are held in per-peer
 * queues until `sync` delivers them, in a random order when given a random source, the
 * way a relay would forward them with delays.
 */
export class SuggestingClients {
  readonly clients: Client[] = [];
  /** The server peer's section, when the options asked for one. */
  readonly server: Y.XmlFragment | null = null;
  private readonly inbox = new Map<Y.Doc, Uint8Array[]>();
  private readonly afterServerUpdate:
    | ((fragment: Y.XmlFragment, update: Uint8Array) => void)
    | undefined;

  constructor(body: RichTextDoc, authors: SuggestionAuthor[], options: ClientsOptions = {}) {
    const { mode = 'suggesting', clientIds = authors.map((_, i) => i + 1) } = options;
    const seed = new Y.Doc();
    seed.clientID = 0;
    writeRichText(seed.getXmlFragment(SECTION), body);
    const initial = Y.encodeStateAsUpdate(seed);
    const peer = (clientId: number): Y.Doc => {
      const doc = new Y.Doc();
      doc.clientID = clientId;
      Y.applyUpdate(doc, initial);
      this.inbox.set(doc, []);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this) return;
        for (const [other, queue] of this.inbox) if (other !== doc) queue.push(update);
      });
      return doc;
    };
    if (options.server) {
      this.server = peer(options.server.clientId).getXmlFragment(SECTION);
      this.afterServerUpdate = options.server.afterUpdate;
    }
    for (const [i, author] of authors.entries()) {
      const doc = peer(clientIds[i] ?? i + 1);
      const fragment = doc.getXmlFragment(SECTION);
      const editor = new Editor({
        element: document.createElement('div'),
        extensions: [
          ...contentExtensions(),
          Collaboration.configure({ fragment }),
          SuggestingMode.configure({ author, mode }),
        ],
      });
      this.clients.push({ author, doc, fragment, editor });
    }
  }

  /** Client i. */
  at(i: number): Client {
    const client = this.clients[i];
    if (!client) throw new Error(`no client ${i}`);
    return client;
  }

  /** Delivers every pending update; with `random`, peers and updates go in random order. */
  sync(random?: () => number): void {
    for (;;) {
      const pending = [...this.inbox].filter(([, queue]) => queue.length > 0);
      if (pending.length === 0) return;
      const pick = random ? Math.floor(random() * pending.length) : 0;
      const [doc, queue] = pending[pick] as [Y.Doc, Uint8Array[]];
      const index = random ? Math.floor(random() * queue.length) : 0;
      const [update] = queue.splice(index, 1);
      if (!update) continue;
      Y.applyUpdate(doc, update, this);
      if (doc === this.server?.doc) this.afterServerUpdate?.(this.server, update);
    }
  }

  /** Every client's document as JSON, for comparing them. */
  docs(): unknown[] {
    return this.clients.map((c) => c.editor.getJSON());
  }

  /** Every client's fragment read back as ProseMirror JSON (what a late joiner would see). */
  fragments(): unknown[] {
    return this.clients.map((c) => readRichText(c.fragment).toJSON());
  }

  destroy(): void {
    for (const c of this.clients) c.editor.destroy();
  }
}

/** The authors used across the tests: two groups, one plenary member. */
export const AUTHORS: SuggestionAuthor[] = [
  { id: 'u-sokha', name: 'Sokha', groupId: 'g1' },
  { id: 'u-dara', name: 'Dara', groupId: 'g2' },
  { id: 'u-vanna', name: 'Vanna', groupId: 'g1' },
  { id: 'u-lina', name: 'Lina', groupId: 'g3' },
  { id: 'u-focal', name: 'Focal point', groupId: null },
];
