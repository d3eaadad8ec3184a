import { type EditorState, Plugin, PluginKey, type PluginSpec } from '@tiptap/pm/state';
import { type Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

interface AnchoredState<T> {
  items: readonly T[];
  decorations: DecorationSet;
}

/** Draws an item list as decorations: `state` is the new state, `previous` the one before. */
export type BuildDecorations<T> = (
  state: EditorState,
  items: readonly T[],
  previous: EditorState,
) => Decoration[];

/** A layer of decorations over a section's text for things the server keeps outside it. */
export interface AnchoredLayer<T> {
  key: PluginKey<AnchoredState<T>>;
  /** The plugin drawing the layer (with extra props, such as click handlers). */
  plugin(build: BuildDecorations<T>, props?: PluginSpec<AnchoredState<T>>['props']): Plugin;
  /** Replaces what the layer shows in `view`. */
  show(view: EditorView, items: readonly T[]): void;
}

/**
 * Decorations for items anchored in Yjs terms (comment ranges, recommendations' blocks),
 * which live on the server and never in the shared document. They are resolved from Yjs
 * when the items change and when the Yjs binding rebuilt the document (a remote change
 * replaces the whole document, so mapping would collapse them); through the person's own
 * edits they are only mapped, so typing costs in proportion to the change, not the text.
 */
export function anchoredLayer<T>(name: string): AnchoredLayer<T> {
  const key = new PluginKey<AnchoredState<T>>(name);
  return {
    key,
    plugin: (build, props) =>
      new Plugin<AnchoredState<T>>({
        key,
        state: {
          init: () => ({ items: [], decorations: DecorationSet.empty }),
          apply(tr, value, previous, state) {
            const items = tr.getMeta(key) as readonly T[] | undefined;
            const rebuilt = items !== undefined || (tr.docChanged && tr.getMeta(ySyncPluginKey));
            if (rebuilt) {
              const next = items ?? value.items;
              const decorations =
                next.length === 0
                  ? DecorationSet.empty
                  : DecorationSet.create(tr.doc, build(state, next, previous));
              return { items: next, decorations };
            }
            if (!tr.docChanged) return value;
            return { items: value.items, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: { decorations: (state) => key.getState(state)?.decorations, ...props },
      }),
    show(view, items) {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, items));
    },
  };
}
