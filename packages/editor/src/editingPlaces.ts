import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Editing that an editor can do without at first: plugins that are not needed to show the
 * plan or to type in it, and whose libraries would weigh on the code a person waits for
 * before typing. They come in a chunk of their own (editingAfterReady.ts, asked for by
 * editingLoader.ts once an editor is made).
 */
export interface EditingPlugins {
  /** The plugins that give `editor` this editing, in their order. */
  plugins(editor: Editor): Plugin[];
}

/** Everything the editing-after-ready chunk brings, by the extension that takes it. */
export interface EditingAfterReady {
  /** prosemirror-tables: cell selection, Tab between cells, rectangular tables. */
  table: EditingPlugins;
  /** linkifyjs: addresses linked as they are typed or pasted. */
  link: EditingPlugins;
  /** prosemirror-dropcursor: the line showing where dragged content will land. */
  dropCursor: EditingPlugins;
}

/**
 * Where an editor made without table editing takes its plugins when they arrive: the
 * place they would have had, so Tab, and Backspace over selected cells, still go to the
 * table before the list and core keymaps.
 */
export const TABLE_EDITING_PLACE = new PluginKey('tableEditingPlace');

/** Where an editor made without link editing takes its plugins when they arrive. */
export const LINK_EDITING_PLACE = new PluginKey('linkEditingPlace');

/** Where an editor made without the drop cursor takes it when it arrives. */
export const DROP_CURSOR_PLACE = new PluginKey('dropCursorPlace');

/** The places the editing after ready goes to, by its part. */
export const EDITING_PLACES: Record<keyof EditingAfterReady, PluginKey> = {
  table: TABLE_EDITING_PLACE,
  link: LINK_EDITING_PLACE,
  dropCursor: DROP_CURSOR_PLACE,
};

/**
 * An extension's plugins: its editing if it is here as the editor is made, else a plugin
 * that does nothing and holds the editing's place until it comes (see
 * addEditingAfterReady).
 */
export function pluginsOrPlace(
  editing: EditingPlugins | null,
  place: PluginKey,
  editor: Editor,
): Plugin[] {
  return editing?.plugins(editor) ?? [new Plugin({ key: place })];
}
