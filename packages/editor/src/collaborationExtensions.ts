import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SectionAwareness } from './SectionAwareness.ts';

/** Who is typing, as other people's carets show them. */
export interface CaretUser {
  name: string;
  color: string;
}

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
  return [
    Collaboration.configure({ fragment: options.fragment }),
    CollaborationCaret.configure({
      // Carets redraw only for presence changes that concern this section.
      provider: { awareness: new SectionAwareness(options.awareness, options.fragment) },
      user: options.user,
    }),
  ];
}
