/**
 * Stands in for prosemirror-dropcursor inside TipTap's drop cursor extension in the web
 * build (see afterReadyParts.ts). The real plugin is only a view (the line drawn where a
 * drag would drop); this one makes that view for its editor once the module is here.
 */
import type * as DropCursor from '@tiptap/pm/dropcursor';
import { Plugin, type PluginView } from '@tiptap/pm/state';
import { afterReadyModules, whenAfterReadyModules } from './afterReadyParts.ts';

/** prosemirror-dropcursor's `dropCursor`, its view made when the module is here. */
export function dropCursor(...args: Parameters<typeof DropCursor.dropCursor>): Plugin {
  const modules = afterReadyModules();
  if (modules) return modules.dropcursor.dropCursor(...args);
  return new Plugin({
    view(view) {
      let real: PluginView | undefined;
      let destroyed = false;
      whenAfterReadyModules(({ dropcursor }) => {
        if (!destroyed) real = dropcursor.dropCursor(...args).spec.view?.(view);
      });
      return {
        update: (updated, previous) => real?.update?.(updated, previous),
        destroy: () => {
          destroyed = true;
          real?.destroy?.();
        },
      };
    },
  });
}
