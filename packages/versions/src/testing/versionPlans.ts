import { contentExtensions, type SuggestionAuthor, writeRichText } from '@plenary/editor';
import { defaultGroups, initPlan, type RichTextDoc, sectionFragmentName } from '@plenary/model';
import { SuggestingMode } from '@plenary/suggestions';
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import * as Y from 'yjs';
import type { VersionAttribution } from '../versionAttribution.ts';
import { versionAttribution } from '../versionAttribution.ts';

/** A section a test plan starts with. */
export interface SeedSection {
  id: string;
  title: string;
  groupId?: string | null;
  body: RichTextDoc;
}

// The server's own changes (the seed, decisions made on the server) have no participant.
const SERVER_CLIENT = 1;

/**
 * A plan shared live by several people, each with their own Y.Doc under a fixed Yjs client
 * id, and the server's copy (a garbage-collecting doc, as the relay keeps it) that versions
 * are taken from. Every update reaches everyone at once, and is recorded per participant
 * the way storage records it, so `attribution()` answers as the server would.
 */
export class SharedPlan {
  readonly server = new Y.Doc();
  private readonly peers: Y.Doc[] = [];
  private readonly clients: { clientId: number; participantId: string | null }[] = [];
  private readonly updates: { participantId: string | null; update: Uint8Array }[] = [];
  private readonly editors: Editor[] = [];

  constructor(sections: SeedSection[]) {
    this.server.clientID = SERVER_CLIENT;
    this.clients.push({ clientId: SERVER_CLIENT, participantId: null });
    this.server.transact(() => {
      initPlan(this.server, {
        title: 'National Action Plan',
        groups: defaultGroups(),
        sections: sections.map(({ id, title, groupId = null }) => ({ id, title, groupId })),
      });
      for (const { id, body } of sections)
        writeRichText(this.server.getXmlFragment(sectionFragmentName(id)), body);
    });
    this.server.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.deliver(this.server, null, update);
    });
  }

  /** Someone joins with their own copy of the plan under a Yjs client id. */
  join(participantId: string, clientId: number): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server), this);
    this.clients.push({ clientId, participantId });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.deliver(doc, participantId, update);
    });
    this.peers.push(doc);
    return doc;
  }

  private deliver(from: Y.Doc, participantId: string | null, update: Uint8Array): void {
    this.updates.push({ participantId, update });
    for (const doc of [this.server, ...this.peers])
      if (doc !== from) Y.applyUpdate(doc, update, this);
  }

  /** An editor on one section of a person's copy; suggesting when given an author. */
  editor(doc: Y.Doc, sectionId: string, suggesting?: SuggestionAuthor): Editor {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: [
        ...contentExtensions(),
        Collaboration.configure({ fragment: doc.getXmlFragment(sectionFragmentName(sectionId)) }),
        ...(suggesting
          ? [SuggestingMode.configure({ author: suggesting, mode: 'suggesting' })]
          : []),
      ],
    });
    this.editors.push(editor);
    return editor;
  }

  /** The server's state now, as a saved version holds it. */
  version(): Uint8Array {
    return Y.encodeStateAsUpdate(this.server);
  }

  /** Who inserted and deleted what, from the recorded updates, as storage would say. */
  attribution(): VersionAttribution {
    const byParticipant = new Map<string | null, Uint8Array[]>();
    for (const { participantId, update } of this.updates) {
      const list = byParticipant.get(participantId) ?? [];
      list.push(update);
      byParticipant.set(participantId, list);
    }
    const deletions = [...byParticipant].map(([participantId, updates]) => {
      const merged = Y.mergeUpdates(updates);
      // Only the delete set, as storage keeps it.
      return {
        participantId,
        deletions: Y.diffUpdate(merged, Y.encodeStateVectorFromUpdate(merged)),
      };
    });
    return versionAttribution(this.clients, deletions);
  }

  destroy(): void {
    for (const editor of this.editors) editor.destroy();
  }
}
