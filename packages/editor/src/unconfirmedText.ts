import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** How far the server has confirmed storing the changes made on this device. */
export interface ServerConfirmations {
  /**
   * Each Yjs client this device wrote under (this page's and those restored from the
   * device's copy), with the first clock of it the server has not confirmed.
   */
  unconfirmedFrom(): ReadonlyMap<number, number>;
  /** True while a socket is open: unconfirmed text is then usually confirmed within moments. */
  connected(): boolean;
  /** Calls `listener` whenever either of the above changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** A run of text written on this device that the server has not confirmed, in Yjs terms. */
export interface UnconfirmedRun {
  client: number;
  /** The clock of the run's first character. */
  clock: number;
  /** In UTF-16 code units, as ProseMirror counts. */
  length: number;
  text: Y.XmlText;
}

/**
 * The text in `fragment` that this device wrote and the server has not confirmed. Reads
 * only the structs of each own client from its first unconfirmed clock on (found by
 * binary search), so the cost follows the unconfirmed part, not the document.
 */
export function unconfirmedRuns(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  unconfirmedFrom: ReadonlyMap<number, number>,
): UnconfirmedRun[] {
  const runs: UnconfirmedRun[] = [];
  for (const [client, from] of unconfirmedFrom) {
    const structs = doc.store.clients.get(client);
    if (!structs || Y.getState(doc.store, client) <= from) continue;
    for (let index = Y.findIndexSS(structs, from); index < structs.length; index += 1) {
      const struct = structs[index];
      if (!(struct instanceof Y.Item) || struct.deleted) continue;
      if (!(struct.content instanceof Y.ContentString)) continue;
      const { parent } = struct;
      if (!(parent instanceof Y.XmlText) || !isInside(fragment, parent)) continue;
      // The first struct may begin before the unconfirmed clock (Yjs merges typed runs).
      const skip = Math.max(0, from - struct.id.clock);
      runs.push({
        client,
        clock: struct.id.clock + skip,
        length: struct.length - skip,
        text: parent,
      });
    }
  }
  return runs;
}

function isInside(fragment: Y.XmlFragment, text: Y.XmlText): boolean {
  return text._item !== null && !text._item.deleted && Y.isParentOf(fragment, text._item);
}

/** The Yjs binding of an editor state (the sync plugin's state is typed `any`). */
function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return sync?.binding ?? null;
}

/** The ProseMirror ranges of `runs` in an editor bound to `fragment`, joined where they touch. */
function rangesOf(state: EditorState, runs: UnconfirmedRun[]): Array<{ from: number; to: number }> {
  const binding = bindingOf(state);
  if (!binding) return [];
  const size = state.doc.content.size;
  const ranges: Array<{ from: number; to: number }> = [];
  for (const run of runs) {
    const position = Y.createRelativePositionFromJSON({
      item: { client: run.client, clock: run.clock },
    });
    const from = relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      position,
      binding.mapping,
    );
    if (from === null || from + run.length > size) continue;
    ranges.push({ from, to: from + run.length });
  }
  ranges.sort((a, b) => a.from - b.from);
  const joined: Array<{ from: number; to: number }> = [];
  for (const range of ranges) {
    const last = joined.at(-1);
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else joined.push({ ...range });
  }
  return joined;
}

/** Options of the unconfirmed-text extension. */
export interface UnconfirmedTextOptions {
  /** Where the server stands; without it nothing is marked. */
  confirmations: ServerConfirmations | null;
  /** The words a marked passage is labelled with, in the reader's language. */
  label: () => string;
}

const unconfirmedTextKey = new PluginKey<DecorationSet>('unconfirmedText');

/** The class of marked text; `--in-flight` while connected (the mark shows only if it lasts). */
export const UNCONFIRMED_TEXT_CLASS = 'unconfirmed-text';

function sameRanges(set: DecorationSet, ranges: Array<{ from: number; to: number }>): boolean {
  const current = set.find();
  return (
    current.length === ranges.length &&
    current.every((decoration, i) => {
      const range = ranges[i];
      return range !== undefined && decoration.from === range.from && decoration.to === range.to;
    })
  );
}

/**
 * Marks the text written on this device that the server has not confirmed storing, from
 * Yjs: this device's structs at or past the clock the server confirmed. Decorations are
 * mapped through every transaction; they are derived again, after the binding has written
 * the change to Yjs, only when this section's Yjs text changed while something is
 * unconfirmed, or when the confirmations change. Once everything is confirmed there is
 * nothing to walk: a change costs a glance at each own client's clock.
 */
export const UnconfirmedText = Extension.create<UnconfirmedTextOptions>({
  name: 'unconfirmedText',

  addOptions() {
    return { confirmations: null, label: () => 'Not yet saved to the server' };
  },

  addProseMirrorPlugins() {
    const { confirmations, label } = this.options;
    if (!confirmations) return [];
    let drawnClass = '';
    /** The decorations `state` should have, or null when it has them already. */
    const decorate = (state: EditorState): DecorationSet | null => {
      const binding = bindingOf(state);
      if (!binding) return null;
      const runs = unconfirmedRuns(binding.doc, binding.type, confirmations.unconfirmedFrom());
      const ranges = rangesOf(state, runs);
      const className = confirmations.connected()
        ? `${UNCONFIRMED_TEXT_CLASS} ${UNCONFIRMED_TEXT_CLASS}--in-flight`
        : UNCONFIRMED_TEXT_CLASS;
      const current = unconfirmedTextKey.getState(state) ?? DecorationSet.empty;
      if (sameRanges(current, ranges) && (ranges.length === 0 || className === drawnClass)) {
        return null;
      }
      drawnClass = className;
      const attrs = { class: className, title: label() };
      return DecorationSet.create(
        state.doc,
        ranges.map(({ from, to }) => Decoration.inline(from, to, attrs)),
      );
    };
    return [
      new Plugin({
        key: unconfirmedTextKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) =>
            (tr.getMeta(unconfirmedTextKey) as DecorationSet | undefined) ??
            set.map(tr.mapping, tr.doc),
        },
        props: {
          decorations: (state) => unconfirmedTextKey.getState(state),
        },
        view: (view) => {
          let scheduled = false;
          const refresh = () => {
            scheduled = false;
            if (view.isDestroyed) return;
            const next = decorate(view.state);
            if (next) view.dispatch(view.state.tr.setMeta(unconfirmedTextKey, next));
          };
          // Later, once the binding has written the change to Yjs (it does so in its own
          // view update, after the decorations of the new state were drawn).
          const schedule = () => {
            if (scheduled) return;
            scheduled = true;
            queueMicrotask(refresh);
          };
          const anyUnconfirmed = (doc: Y.Doc): boolean => {
            for (const [client, from] of confirmations.unconfirmedFrom()) {
              if (Y.getState(doc.store, client) > from) return true;
            }
            return false;
          };
          const binding = bindingOf(view.state);
          const onTransaction = (transaction: Y.Transaction) => {
            // Every type a transaction changed, with each of its ancestors.
            const changed: ReadonlyMap<unknown, unknown> = transaction.changedParentTypes;
            if (!binding || !changed.has(binding.type)) return;
            const marked = (unconfirmedTextKey.getState(view.state)?.find().length ?? 0) > 0;
            if (marked || anyUnconfirmed(transaction.doc)) schedule();
          };
          binding?.doc.on('afterTransaction', onTransaction);
          const unsubscribe = confirmations.subscribe(schedule);
          schedule();
          return {
            destroy: () => {
              binding?.doc.off('afterTransaction', onTransaction);
              unsubscribe();
            },
          };
        },
      }),
    ];
  },
});
