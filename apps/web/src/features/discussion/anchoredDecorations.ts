import { type EditorState, Plugin, PluginKey, type PluginSpec } from '@tiptap/pm/state';
import { type Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

interface AnchoredState<T> {
  items: readonly T[];
  decorations: DecorationSet;
}

/**
 * Draws an item list as decorations: `state` is the new state, `previous` the one before,
 * `context` what the layer's plugin was made with.
 */
export type BuildDecorations<T, C> = (
  state: EditorState,
  items: readonly T[],
  previous: EditorState,
  context: C,
) => Decoration[];

/** A layer of decorations over a section's text for things the server keeps outside it. */
export interface AnchoredLayer<T, C> {
  key: PluginKey<AnchoredState<T>>;
  /**
   * The plugin holding the layer, made with the `context` it is drawn with (and extra
   * props, such as click handlers).
   */
  plugin(context: C, props?: PluginSpec<AnchoredState<T>>['props']): Plugin;
  /**
   * Sets how the layer is drawn, for every editor. Given by the code that shows the items,
   * so the drawing loads with it rather than with the editor: until then there is nothing
   * to draw.
   */
  drawWith(build: BuildDecorations<T, C>): void;
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
export function anchoredLayer<T, C = undefined>(name: string): AnchoredLayer<T, C> {
  const key = new PluginKey<AnchoredState<T>>(name);
  let build: BuildDecorations<T, C> | null = null;
  return {
    key,
    plugin: (context, props) =>
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
                next.length === 0 || !build
                  ? DecorationSet.empty
                  : DecorationSet.create(tr.doc, build(state, next, previous, context));
              return { items: next, decorations };
            }
            if (!tr.docChanged) return value;
            return { items: value.items, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: { decorations: (state) => key.getState(state)?.decorations, ...props },
      }),
    drawWith(drawing) {
      build = drawing;
    },
    show(view, items) {
      if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, items));
    },
  };
}
