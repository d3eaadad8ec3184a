import { type Content, Extension, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { initProseMirrorDoc, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SectionAwareness } from './SectionAwareness.ts';

/** Who is typing, as other people's carets show them. */
export interface CaretUser {
  name: string;
  color: string;
}

/** The binding's map from Yjs types to the ProseMirror nodes drawn from them. */
type Mapping = ProsemirrorBinding['mapping'];

/**
 * Makes the editor with the fragment's text as its first document, drawn from Yjs once,
 * and gives the Yjs binding the map of what it drew. Without a map the binding draws the
 * whole fragment again each time its plugin view is made: once as the editor is made (an
 * empty document replaced in a transaction that every plugin and the view then went
 * through), and again whenever the editor's plugins change (the editing after ready
 * arriving). On a 300 KB section each of those cost a few hundred milliseconds.
 */
const startFromFragment = (fragment: Y.XmlFragment, mapping: Mapping) =>
  Extension.create({
    name: 'startFromFragment',
    onBeforeCreate() {
      // An empty fragment gives the schema's empty document, as without a map.
      if (fragment.length === 0) return;
      const start = initProseMirrorDoc(fragment, this.editor.schema);
      for (const [type, node] of start.mapping) mapping.set(type, node);
      // Read by the editor right after this: its createDocument is declared to take a
      // ProseMirror node as well, though the option's type lists only HTML and JSON.
      this.editor.options.content = start.doc as unknown as Content;
    },
  });

/**
 * Binds an editor to one section's fragment and shows everyone's carets. All the
 * section editors of a plan share one awareness: each caret carries a relative
 * position inside its own fragment, so an editor draws only the carets that fall in it.
 */
export function collaborationExtensions(options: {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  user: CaretUser;
}): Extensions {
  const mapping: Mapping = new Map();
  return [
    Collaboration.configure({ fragment: options.fragment, ySyncOptions: { mapping } }),
    startFromFragment(options.fragment, mapping),
    CollaborationCaret.configure({
      // Carets redraw only for presence changes that concern this section.
      provider: { awareness: new SectionAwareness(options.awareness, options.fragment) },
      user: options.user,
    }),
  ];
}
