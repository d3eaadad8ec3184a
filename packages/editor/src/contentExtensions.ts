import { type AnyExtension, type Extensions, getSchema } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Document from '@tiptap/extension-document';
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import {
  Deletion,
  type GroupColor,
  Insertion,
  Modification,
  SUGGESTION_MARK_NAMES,
} from './suggestionMarks.ts';

// A block's marks are allowed by its parent, so every node that holds blocks must admit
// the suggestion marks: whole paragraphs, list items, rows and headings are suggested as
// marked nodes (inserted, deleted, changed from paragraph to heading).
const allowSuggestionMarks = <T extends AnyExtension>(extension: T): T =>
  extension.extend({ marks: SUGGESTION_MARK_NAMES.join(' ') }) as T;

/**
 * The extensions that define what a section's rich text may contain: headings,
 * paragraphs, bullet and numbered lists, bold, italic, underline, links, tables, and the
 * suggestion marks. The web app edits with these and the server builds the same schema
 * from them, so a document written in one is valid in the other. `groupColor` only
 * colours suggestions on screen; it does not change the schema.
 */
export function contentExtensions(options: { groupColor?: GroupColor } = {}): Extensions {
  const { groupColor } = options;
  return [
    StarterKit.configure({
      // Collaboration brings its own undo, which only undoes the local person's changes.
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] },
      // Every client would append the trailing paragraph on its own, so concurrent clients
      // duplicate it, and in Suggesting mode it would arrive as an untracked change.
      trailingNode: false,
      // Replaced below by the same nodes admitting suggestion marks on their children.
      document: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
    }),
    ...[Document, Blockquote, BulletList, OrderedList, ListItem].map(allowSuggestionMarks),
    allowSuggestionMarks(Table.configure({ resizable: false })),
    ...[TableRow, TableHeader, TableCell].map(allowSuggestionMarks),
    Insertion.configure({ groupColor }),
    Deletion.configure({ groupColor }),
    Modification.configure({ groupColor }),
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a section's rich text (built once per process). */
export function planSchema(): Schema {
  cachedSchema ??= getSchema(contentExtensions());
  return cachedSchema;
}
