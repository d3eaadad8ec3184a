import type { Editor } from '@tiptap/core';
import type { CaretPresence, TableCommands } from './tableEditing.ts';

/** The table editing module (tableEditing.ts): its plugins and commands. */
export type TableEditing = typeof import('./tableEditing.ts');

let loading: Promise<TableEditing> | null = null;
let loaded: TableEditing | null = null;

/** The table editing module, loading it the first time (its own chunk in the web build). */
export function loadTableEditing(): Promise<TableEditing> {
  loading ??= import('./tableEditing.ts').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      // A chunk that did not come (the network went) is asked for again next time.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The table editing module if it is loaded, else null: an editor made now can have it at once. */
export function loadedTableEditing(): TableEditing | null {
  return loaded;
}

/**
 * Table editing in `editor`, added when it arrives if the editor was made without it
 * (keeping this person's caret in `presence`, see addTableEditing); resolves with its
 * commands once the editor has it (a toolbar command waits for this).
 */
export async function withTableEditing(
  editor: Editor,
  presence?: CaretPresence,
): Promise<TableCommands> {
  const editing = await loadTableEditing();
  editing.addTableEditing(editor, presence);
  return editing.tableCommands;
}
