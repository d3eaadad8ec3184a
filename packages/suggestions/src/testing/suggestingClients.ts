import {
  contentExtensions,
  readRichText,
  type SuggestionAuthor,
  writeRichText,
} from '@plenary/editor';
import type { RichTextDoc } from '@plenary/model';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import { type EditingMode, SuggestingMode } from '../suggestingMode.ts';

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
    /**
     * Judges each client's update as the relay does for people who must suggest: called
     * with the section before the update is applied, the verdict it returns is asked
     * after, with the sender. Refusals are collected in `refusals`, not enforced.
     */
    check?: (fragment: Y.XmlFragment) => (sender: SuggestionAuthor) => string | null;
  };
}

/** An update on its way to a peer, and the peer that made it. */
interface InFlight {
  update: Uint8Array;
  from: Y.Doc;
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
  /** What the server's check said about each client update it refused. */
  readonly refusals: string[] = [];
  /** How many client updates the server's check judged. */
  checked = 0;
  private readonly inbox = new Map<Y.Doc, InFlight[]>();
  /** Updates that reached the server before what they build on (see `deliverToServer`). */
  private readonly early: InFlight[] = [];
  private readonly serverOptions: ClientsOptions['server'];
  private readonly authors = new Map<Y.Doc, SuggestionAuthor>();

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
        for (const [other, queue] of this.inbox)
          if (other !== doc) queue.push({ update, from: doc });
      });
      return doc;
    };
    if (options.server) {
      this.server = peer(options.server.clientId).getXmlFragment(SECTION);
    }
    this.serverOptions = options.server;
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
      this.authors.set(doc, author);
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
      const [doc, queue] = pending[pick] as [Y.Doc, InFlight[]];
      const index = random ? Math.floor(random() * queue.length) : 0;
      const [inFlight] = queue.splice(index, 1);
      if (!inFlight) continue;
      if (doc === this.server?.doc) this.deliverToServer(inFlight, this.server);
      else Y.applyUpdate(doc, inFlight.update, this);
    }
  }

  // Clients reach each other directly here, but in the app only through the server, which
  // therefore always has what a client's update builds on. An update that would wait in
  // Yjs for another one is held back until that one has arrived, so the server applies
  // (and checks) each update on its own, as the relay does.
  private deliverToServer(inFlight: InFlight, server: Y.XmlFragment): void {
    this.early.push(inFlight);
    for (let progress = true; progress; ) {
      progress = false;
      for (const [i, waiting] of this.early.entries()) {
        if (!appliesNow(server.doc as Y.Doc, waiting.update)) continue;
        this.early.splice(i, 1);
        this.applyOnServer(waiting, server);
        progress = true;
        break;
      }
    }
  }

  private applyOnServer({ update, from }: InFlight, server: Y.XmlFragment): void {
    const sender = this.authors.get(from);
    const verdict = sender && this.serverOptions?.check?.(server);
    Y.applyUpdate(server.doc as Y.Doc, update, this);
    if (sender && verdict) {
      this.checked += 1;
      const problem = verdict(sender);
      if (problem) this.refusals.push(problem);
    }
    this.serverOptions?.afterUpdate?.(server, update);
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

// True when the update has nothing to wait for in `doc` (tried on a copy: test sizes).
function appliesNow(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(probe, update);
  const { pendingStructs, pendingDs } = probe.store;
  probe.destroy();
  return pendingStructs === null && pendingDs === null;
}

/** The authors used across the tests: two groups, one plenary member. */
export const AUTHORS: SuggestionAuthor[] = [
  { id: 'u-sokha', name: 'Sokha', groupId: 'g1' },
  { id: 'u-dara', name: 'Dara', groupId: 'g2' },
  { id: 'u-vanna', name: 'Vanna', groupId: 'g1' },
  { id: 'u-lina', name: 'Lina', groupId: 'g3' },
  { id: 'u-focal', name: 'Focal point', groupId: null },
];
