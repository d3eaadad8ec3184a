/**
 * The editing after ready: what an editor can do without at first (see editingPlaces.ts),
 * in one chunk asked for once an editor is made (editingLoader.ts), and its adding to the
 * editors made before it came.
 */
import type { Editor } from '@tiptap/core';
import { dropCursor } from '@tiptap/pm/dropcursor';
import type { Plugin } from '@tiptap/pm/state';
import type { Awareness } from 'y-protocols/awareness';
import { EDITING_PLACES, type EditingAfterReady } from './editingPlaces.ts';
import { linkEditingPlugins } from './linkEditing.ts';
import { CARET_FIELD } from './SectionAwareness.ts';
import { tableCommands, tableEditingPlugins } from './tableEditing.ts';

/** The editing after ready, for `contentExtensions` of an editor made once it is here. */
export const editingAfterReady: EditingAfterReady = {
  table: tableEditingPlugins,
  link: linkEditingPlugins,
  // As TipTap's drop cursor extension draws it by default.
  dropCursor: { plugins: () => [dropCursor({ color: 'currentColor', width: 1 })] },
};

/** The commands that need the editing after ready in the editor (the toolbar's). */
export const editingCommands = { table: tableCommands };

/** The commands that need the editing after ready, by their part. */
export type EditingCommands = typeof editingCommands;

/** The plan's presence, as far as keeping this person's caret in it goes. */
export type CaretPresence = Pick<Awareness, 'getLocalState' | 'setLocalStateField'>;

/**
 * Adds the editing after ready to an editor made without it, in the places its extensions
 * kept for it (EDITING_PLACES). The document and the person's selection are kept (a state
 * reconfiguration); an editor that has it already is left alone. Reconfiguring remakes
 * every plugin's view, and the caret plugin's, going, takes this person's caret out of
 * `presence` whichever section it is in: it is put back.
 */
export function addEditingAfterReady(editor: Editor, presence?: CaretPresence): void {
  if (editor.isDestroyed) return;
  const arriving = new Map<unknown, Plugin[]>();
  for (const part of Object.keys(EDITING_PLACES) as (keyof EditingAfterReady)[]) {
    const place = EDITING_PLACES[part];
    if (editor.state.plugins.some((plugin) => plugin.spec.key === place))
      arriving.set(place, editingAfterReady[part].plugins(editor));
  }
  const first = [...arriving.values()].flat()[0];
  if (!first) return;
  const caret = presence?.getLocalState()?.[CARET_FIELD];
  editor.registerPlugin(first, (_plugin, current) =>
    current.flatMap((plugin) => arriving.get(plugin.spec.key) ?? [plugin]),
  );
  if (presence && caret !== undefined && presence.getLocalState()?.[CARET_FIELD] !== caret)
    presence.setLocalStateField(CARET_FIELD, caret);
}
