import { Extension } from '@tiptap/core';
import { DROP_CURSOR_PLACE, type EditingPlugins, pluginsOrPlace } from './editingPlaces.ts';

/**
 * The drop cursor, the line showing where dragged content will land: TipTap's, with the
 * editing after ready (editingAfterReady.ts) rather than in the code a person waits for
 * before typing, since dragging can wait for it. Until it is here, a drop shows no line.
 */
export const DropCursor = Extension.create<{ editing: EditingPlugins | null }>({
  name: 'dropCursor',
  addOptions: () => ({ editing: null }),
  addProseMirrorPlugins() {
    return pluginsOrPlace(this.options.editing, DROP_CURSOR_PLACE, this.editor);
  },
});
