import { type AnyExtension, type Extensions, getSchema } from '@tiptap/core';
import Blockquote from '@tiptap/extension-blockquote';
import Bold from '@tiptap/extension-bold';
import Document from '@tiptap/extension-document';
import HardBreak from '@tiptap/extension-hard-break';
import Heading from '@tiptap/extension-heading';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import Italic from '@tiptap/extension-italic';
// Lists, table rows and cells, drop and gap cursor by path: each package's index evaluates
// all of its extensions (task lists, the table kit, undo with prosemirror-history) and
// declares no freedom from side effects, so the bundler would keep the ones the schema
// does not use. The table itself is ours (tableNode.ts): TipTap's imports its editing.
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import Paragraph from '@tiptap/extension-paragraph';
import Strike from '@tiptap/extension-strike';
import { TableCell } from '@tiptap/extension-table/cell';
import { TableHeader } from '@tiptap/extension-table/header';
import { TableRow } from '@tiptap/extension-table/row';
import Text from '@tiptap/extension-text';
import Underline from '@tiptap/extension-underline';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import type { Schema } from '@tiptap/pm/model';
import { DropCursor } from './dropCursor.ts';
import type { EditingAfterReady } from './editingPlaces.ts';
import { Link } from './linkMark.ts';
import {
  Deletion,
  type GroupColor,
  Insertion,
  Modification,
  SUGGESTION_MARK_NAMES,
} from './suggestionMarks.ts';
import { Table, type TableViewMaker } from './tableNode.ts';

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
 * colours suggestions on screen, and `tableView` draws tables in an editor; neither changes
 * the schema. `editing`, the editing after ready (tables', links' and the drop cursor, see
 * editingLoader.ts), is made part of the editor when loaded; else it can be added to the
 * editor when it arrives.
 */
export function contentExtensions(
  options: {
    groupColor?: GroupColor;
    editing?: EditingAfterReady | null;
    tableView?: TableViewMaker | null;
  } = {},
): Extensions {
  const { groupColor, editing = null, tableView = null } = options;
  return [
    // StarterKit's extensions that the schema uses, in StarterKit's order (the schema's
    // node and mark order follows it), without its code, code block, trailing node and
    // undo: StarterKit imports those even when turned off, and they weighed in the
    // editor's chunk. Collaboration brings its own undo, which only undoes the local
    // person's changes; a trailing node would be appended by every client on its own, so
    // concurrent clients would duplicate it, and in Suggesting mode it would arrive as an
    // untracked change.
    Bold,
    DropCursor.configure({ editing: editing?.dropCursor ?? null }),
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [2, 3, 4] }),
    HorizontalRule,
    Italic,
    ListKeymap,
    Link.configure({ editing: editing?.link ?? null }),
    Paragraph,
    Strike,
    Text,
    Underline,
    // The nodes that hold blocks, admitting suggestion marks on their children.
    ...[Document, Blockquote, BulletList, OrderedList, ListItem].map(allowSuggestionMarks),
    allowSuggestionMarks(Table.configure({ editing: editing?.table ?? null, view: tableView })),
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
