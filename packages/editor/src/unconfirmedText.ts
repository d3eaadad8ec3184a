import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { type ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { UNCONFIRMED_TEXT_CLASS } from './classNames.ts';

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
  /** The struct the run starts in (at `clock - item.id.clock`). */
  item: Y.Item;
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
        item: struct,
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

/** A range of the editor's document. */
interface Range {
  from: number;
  to: number;
}

/** How many positions a child of a Yjs element takes in ProseMirror, or null if unknown. */
function sizeOf(item: Y.Item, binding: ProsemirrorBinding): number | null {
  if (item.deleted) return 0;
  const child = (item.content as Y.ContentType).type;
  if (child instanceof Y.XmlText) return child.length;
  const node = binding.mapping.get(child);
  return node && !Array.isArray(node) ? node.nodeSize : null;
}

/**
 * Where `run` starts in the editor: its offset in its text, then each ancestor's
 * preceding siblings and opening token, up to the section. (y-tiptap's own converter
 * declines positions at the very start of a section, which it reads as misplaced carets.)
 */
function positionOf(run: UnconfirmedRun, binding: ProsemirrorBinding): number | null {
  let position = run.clock - run.item.id.clock;
  for (let left = run.item.left; left !== null; left = left.left) {
    if (!left.deleted && left.countable) position += left.length;
  }
  // Only the struct a type sits in is needed, whatever the type.
  let type: { _item: Y.Item | null } = run.text;
  while (type !== binding.type) {
    const item = type._item;
    if (item === null) return null;
    for (let left = item.left; left !== null; left = left.left) {
      const size = sizeOf(left, binding);
      if (size === null) return null;
      position += size;
    }
    type = item.parent as Y.XmlElement | Y.XmlFragment;
    // The parent's opening token, unless the parent is the section itself.
    if (type !== binding.type) position += 1;
  }
  return position;
}

/** The parts of `runs` written before `clocks` (a client not in it: none of its runs). */
function oldEnough(runs: UnconfirmedRun[], clocks: Clocks): UnconfirmedRun[] {
  const old: UnconfirmedRun[] = [];
  for (const run of runs) {
    const length = Math.min(run.length, (clocks.get(run.client) ?? 0) - run.clock);
    if (length > 0) old.push({ ...run, length });
  }
  return old;
}

/** The editor ranges of `runs`, in order, joined where they touch. */
function rangesOf(state: EditorState, runs: UnconfirmedRun[]): Range[] {
  const binding = bindingOf(state);
  if (!binding) return [];
  const size = state.doc.content.size;
  const ranges: Range[] = [];
  for (const run of runs) {
    const from = positionOf(run, binding);
    if (from === null || from + run.length > size) continue;
    ranges.push({ from, to: from + run.length });
  }
  ranges.sort((a, b) => a.from - b.from);
  const joined: Range[] = [];
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

/**
 * While connected, confirmations arrive with nearly every keystroke: they are taken in
 * at most this often.
 */
const CONFIRMATION_BATCH_MS = 250;

/**
 * While connected, text is usually confirmed within moments of being typed: it is marked
 * only once it has waited this long. Marking each key as it is typed and unmarking it as
 * it is confirmed would redraw the typed paragraph twice per key, for a mark nobody sees.
 */
export const CONNECTED_GRACE_MS = 1000;

/** Own clients' clocks at a moment: text from these clocks on was written after it. */
type Clocks = ReadonlyMap<number, number>;

/** The attributes of marked text, also kept as the decoration's spec to compare sets by. */
type MarkAttrs = {
  class: string;
  title: string;
};

function sameMarks(set: DecorationSet, ranges: Range[], attrs: MarkAttrs): boolean {
  const current = set.find();
  return (
    current.length === ranges.length &&
    current.every((decoration, i) => {
      const range = ranges[i];
      const spec = decoration.spec as MarkAttrs;
      return (
        range !== undefined &&
        decoration.from === range.from &&
        decoration.to === range.to &&
        spec.class === attrs.class &&
        spec.title === attrs.title
      );
    })
  );
}

const marked = (set: DecorationSet): number =>
  set.find().reduce((sum, decoration) => sum + decoration.to - decoration.from, 0);

/**
 * A mark that grows with what is typed at either of its ends: only this editor's own
 * changes are mapped through it (changes drawn from Yjs are read from Yjs).
 */
const mark = (range: Range, attrs: MarkAttrs): Decoration =>
  Decoration.inline(range.from, range.to, attrs, {
    ...attrs,
    inclusiveStart: true,
    inclusiveEnd: true,
  });

/**
 * `set` (already mapped through `tr`) with what `tr` inserted marked too, joined with the
 * marks it touches. For a change made in this editor, whose Yjs structs are written only
 * after it is drawn. Typing on at a mark's end is covered by the mapping alone, so the
 * set (whose `add` visits every block of the section) is rebuilt only for a new passage.
 */
function withInserted(set: DecorationSet, tr: Transaction, attrs: MarkAttrs): DecorationSet {
  let next = set;
  tr.steps.forEach((step, index) => {
    const later = tr.mapping.slice(index + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const range = { from: later.map(newStart, 1), to: later.map(newEnd, -1) };
      if (range.to <= range.from) return;
      const touching = next.find(range.from, range.to);
      if (touching.some(({ from, to }) => from <= range.from && to >= range.to)) return;
      for (const decoration of touching) {
        range.from = Math.min(range.from, decoration.from);
        range.to = Math.max(range.to, decoration.to);
      }
      next = next.remove(touching).add(tr.doc, [mark(range, attrs)]);
    });
  });
  return next;
}

/**
 * Marks the text written on this device that the server has not confirmed storing, from
 * Yjs: this device's structs at or past the clock the server confirmed. Typing costs no
 * extra transaction: the marks are mapped through each change and what a change made
 * here inserted is marked at once; after the binding has written it to Yjs, the marked
 * length is compared with the unconfirmed length in Yjs (reading only unconfirmed
 * structs), and only a difference (a paste over text, a new paragraph) derives the marks
 * afresh. Changes the binding brings in from Yjs (others' text, undo) are derived from
 * Yjs directly, and so is a confirmation, in batches while connected. Once everything is
 * confirmed a change costs a glance at each own client's clock.
 */
export const UnconfirmedText = Extension.create<UnconfirmedTextOptions>({
  name: 'unconfirmedText',

  addOptions() {
    return { confirmations: null, label: () => 'Not yet saved to the server' };
  },

  addProseMirrorPlugins() {
    const { confirmations, label } = this.options;
    if (!confirmations) return [];
    const attrsNow = (): MarkAttrs => ({ class: UNCONFIRMED_TEXT_CLASS, title: label() });
    /**
     * While connected: the own clients' clocks CONNECTED_GRACE_MS ago (text from them on
     * is too young to mark; an empty map: all of it). Null offline: everything is marked.
     */
    let olderThan: Clocks | null = null;
    const anyUnconfirmed = (doc: Y.Doc): boolean => {
      for (const [client, from] of confirmations.unconfirmedFrom()) {
        if (Y.getState(doc.store, client) > from) return true;
      }
      return false;
    };
    const runsOf = (binding: ProsemirrorBinding): UnconfirmedRun[] =>
      anyUnconfirmed(binding.doc)
        ? unconfirmedRuns(binding.doc, binding.type, confirmations.unconfirmedFrom())
        : [];
    /** The runs to mark: all of them offline, connected only what is older than the grace. */
    const markedRunsOf = (binding: ProsemirrorBinding): UnconfirmedRun[] =>
      olderThan === null ? runsOf(binding) : oldEnough(runsOf(binding), olderThan);
    /** The marks `state` should have, read from Yjs; null when `current` has them already. */
    const derive = (state: EditorState, current: DecorationSet): DecorationSet | null => {
      const binding = bindingOf(state);
      if (!binding) return null;
      const ranges = rangesOf(state, markedRunsOf(binding));
      // Nothing marked and nothing to mark, as after each change someone else makes while
      // all is confirmed: no label to look up (a translation per remote keystroke).
      if (ranges.length === 0 && current.find().length === 0) return null;
      const attrs = attrsNow();
      if (sameMarks(current, ranges, attrs)) return null;
      return DecorationSet.create(
        state.doc,
        ranges.map((range) => mark(range, attrs)),
      );
    };
    return [
      new Plugin({
        key: unconfirmedTextKey,
        state: {
          // The editor is made with the fragment's text (collaborationExtensions): its
          // marks are drawn with it rather than by a first render's transaction.
          init: (_config, state) => derive(state, DecorationSet.empty) ?? DecorationSet.empty,
          apply: (tr, set, _old, newState) => {
            const derived = tr.getMeta(unconfirmedTextKey) as DecorationSet | undefined;
            if (derived) return derived;
            if (!tr.docChanged) return set;
            const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
            // Drawn from Yjs (someone else's change, undo, the first render): Yjs has it.
            if (sync?.isChangeOrigin) return derive(newState, set) ?? set.map(tr.mapping, tr.doc);
            const mapped = set.map(tr.mapping, tr.doc);
            // Connected, what is typed now is too young to mark.
            return olderThan === null ? withInserted(mapped, tr, attrsNow()) : mapped;
          },
        },
        props: {
          decorations: (state) => unconfirmedTextKey.getState(state),
        },
        view: (view) => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const binding = bindingOf(view.state);
          // While connected: the own clients' clocks as each refresh found them, oldest first.
          const seen: { at: number; clocks: Clocks }[] = [];
          const ageMarks = (): void => {
            if (!binding || !confirmations.connected()) {
              seen.length = 0;
              olderThan = null;
              return;
            }
            const now = Date.now();
            const clocks = new Map<number, number>();
            for (const client of confirmations.unconfirmedFrom().keys())
              clocks.set(client, Y.getState(binding.doc.store, client));
            seen.push({ at: now, clocks });
            // Keep the newest moment at least the grace ago, and those after it.
            while ((seen[1]?.at ?? now) <= now - CONNECTED_GRACE_MS) seen.shift();
            const oldest = seen[0];
            olderThan = oldest && oldest.at <= now - CONNECTED_GRACE_MS ? oldest.clocks : new Map();
          };
          const refresh = () => {
            timer = undefined;
            if (view.isDestroyed) return;
            ageMarks();
            const current = unconfirmedTextKey.getState(view.state) ?? DecorationSet.empty;
            const next = derive(view.state, current);
            if (next) view.dispatch(view.state.tr.setMeta(unconfirmedTextKey, next));
            // Young text still unconfirmed: look again once it may be old enough to mark.
            if (olderThan !== null && binding && anyUnconfirmed(binding.doc))
              schedule(CONNECTED_GRACE_MS / 2);
          };
          const schedule = (delay: number) => {
            if (timer === undefined) timer = setTimeout(refresh, delay);
          };
          // After the binding wrote a change made in this editor to Yjs.
          const onTransaction = (transaction: Y.Transaction) => {
            // Every type a transaction changed, with each of its ancestors.
            const changed: ReadonlyMap<unknown, unknown> = transaction.changedParentTypes;
            if (!binding || !transaction.local || !changed.has(binding.type)) return;
            // Connected, the text is young: a later refresh marks it if it waits too long.
            if (olderThan !== null) {
              schedule(CONNECTED_GRACE_MS / 2);
              return;
            }
            const current = unconfirmedTextKey.getState(view.state) ?? DecorationSet.empty;
            const inYjs = runsOf(binding).reduce((sum, run) => sum + run.length, 0);
            if (inYjs !== marked(current)) schedule(0);
          };
          binding?.doc.on('afterTransaction', onTransaction);
          const unsubscribe = confirmations.subscribe(() =>
            schedule(confirmations.connected() ? CONFIRMATION_BATCH_MS : 0),
          );
          schedule(0);
          return {
            destroy: () => {
              clearTimeout(timer);
              binding?.doc.off('afterTransaction', onTransaction);
              unsubscribe();
            },
          };
        },
      }),
    ];
  },
});
