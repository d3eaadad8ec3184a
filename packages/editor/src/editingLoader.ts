import type { Editor } from '@tiptap/core';
import type { CaretPresence, EditingCommands } from './editingAfterReady.ts';
import type { EditingAfterReady } from './editingPlaces.ts';

/** The editing-after-ready module (editingAfterReady.ts): its plugins and commands. */
type EditingModule = typeof import('./editingAfterReady.ts');

let loading: Promise<EditingModule> | null = null;
let loaded: EditingModule | null = null;

/** The editing-after-ready module, loading it the first time (its own chunk in the web build). */
function loadEditingAfterReady(): Promise<EditingModule> {
  loading ??= import('./editingAfterReady.ts').then(
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

/** The editing after ready if it is loaded, else null: an editor made now can have it at once. */
export function loadedEditingAfterReady(): EditingAfterReady | null {
  return loaded?.editingAfterReady ?? null;
}

/**
 * The editing after ready in `editor`, added when it arrives if the editor was made
 * without it (keeping this person's caret in `presence`, see addEditingAfterReady);
 * resolves with its commands once the editor has it (a toolbar command waits for this).
 */
export async function withEditingAfterReady(
  editor: Editor,
  presence?: CaretPresence,
): Promise<EditingCommands> {
  const editing = await loadEditingAfterReady();
  editing.addEditingAfterReady(editor, presence);
  return editing.editingCommands;
}
