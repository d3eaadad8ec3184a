import type { Mark, MarkType, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * How suggestions look beyond their marks, as @handlewithcare/prosemirror-suggest-changes
 * draws them: a textblock wholly inserted or deleted is tagged (`data-node-insertion`,
 * `data-node-deletion`), and where one suggestion runs on from one textblock into the
 * next, a pilcrow carrying its mark stands at the end of the first, so a suggested split or
 * join shows (and can be selected).
 *
 * The library redraws these from the whole section on every view update, which on a long
 * section is most of the cost of a keystroke. This plugin keeps them in its state: a
 * change maps them and redraws only the top-level blocks it touched, from the last text
 * before them to the first textblock after them that holds text.
 */
export const suggestionDecorationsKey = new PluginKey<DecorationSet>('suggestionDecorations');

interface Kinds {
  insertion: MarkType;
  deletion: MarkType;
}

// The last text node seen while walking, and the node holding it.
interface Walked {
  text: ProseMirrorNode | null;
  end: number;
  parent: ProseMirrorNode | null;
}

const markOf = (node: ProseMirrorNode | null, type: MarkType): Mark | undefined =>
  node?.marks.find((mark) => mark.type === type);

// Made from the view's own document: this module is also loaded by the server, which has
// no DOM (nor its types), and only ever draws in a browser.
function pilcrow(view: EditorView) {
  const span = view.dom.ownerDocument.createElement('span');
  span.textContent = '¶';
  return span;
}

// The decorations of the top-level blocks from `from` to `to`, continuing from `walked`.
function walk(
  doc: ProseMirrorNode,
  range: { from: number; to: number },
  kinds: Kinds,
  walked: Walked,
  into: Decoration[],
): void {
  doc.nodesBetween(range.from, range.to, (child, pos, parent) => {
    if (child.isTextblock && child.childCount > 0) {
      const all = (type: MarkType) =>
        child.children.every((inline) => type.isInSet(inline.marks) !== undefined);
      if (all(kinds.deletion))
        into.push(Decoration.node(pos, pos + child.nodeSize, { 'data-node-deletion': 'true' }));
      if (all(kinds.insertion))
        into.push(Decoration.node(pos, pos + child.nodeSize, { 'data-node-insertion': 'true' }));
    }
    if (!child.isText) return true;
    const previous = walked.text;
    const at = walked.end;
    const newBlock = parent !== walked.parent;
    walked.text = child;
    walked.end = pos + child.nodeSize;
    walked.parent = parent;
    if (!newBlock || !previous) return true;
    // A suggestion that goes on across the block boundary, as the library tells it: a
    // mark of one kind on both sides, and one kind whose ids (or absence) agree.
    const [deleted, wasDeleted] = [markOf(child, kinds.deletion), markOf(previous, kinds.deletion)];
    const [inserted, wasInserted] = [
      markOf(child, kinds.insertion),
      markOf(previous, kinds.insertion),
    ];
    if ((!deleted || !wasDeleted) && (!inserted || !wasInserted)) return true;
    if (deleted?.attrs.id !== wasDeleted?.attrs.id && inserted?.attrs.id !== wasInserted?.attrs.id)
      return true;
    for (const mark of [deleted, inserted]) {
      if (!mark) continue;
      into.push(
        Decoration.widget(at, pilcrow, {
          key: mark.attrs.id,
          marks: [mark.type.create({ id: mark.attrs.id })],
        }),
      );
    }
    return true;
  });
}

const kindsOf = (state: EditorState): Kinds | null => {
  const { insertion, deletion } = state.schema.marks;
  return insertion && deletion ? { insertion, deletion } : null;
};

/** Every suggestion decoration of a document, drawn from scratch. */
export function drawSuggestionDecorations(doc: ProseMirrorNode, kinds: Kinds): DecorationSet {
  const found: Decoration[] = [];
  walk(doc, { from: 0, to: doc.content.size }, kinds, { text: null, end: 0, parent: null }, found);
  return DecorationSet.create(doc, found);
}

// The top-level blocks of `after` that differ from `before`, or null when none does.
// Unchanged blocks are the very same nodes in both (ProseMirror shares them), so this
// catches every kind of step, mark steps included, by comparing references only.
function changedBlocks(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
): { first: number; last: number } | null {
  const shorter = Math.min(before.childCount, after.childCount);
  let first = 0;
  while (first < shorter && before.child(first) === after.child(first)) first += 1;
  if (first === shorter && before.childCount === after.childCount) return null;
  let same = 0;
  while (
    same < shorter - first &&
    before.child(before.childCount - 1 - same) === after.child(after.childCount - 1 - same)
  ) {
    same += 1;
  }
  const end = after.childCount - 1;
  // Blocks removed and none added: the blocks either side of the gap now meet.
  return { first: Math.min(first, end), last: Math.min(Math.max(first, end - same), end) };
}

const startOf = (doc: ProseMirrorNode, index: number): number => {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
  return pos;
};

// The last text node inside `node` (at `offset`), with its end and parent.
function lastText(node: ProseMirrorNode, offset: number): Walked | null {
  let found: Walked | null = null;
  node.descendants((child, pos, parent) => {
    if (child.isText) found = { text: child, end: offset + pos + 1 + child.nodeSize, parent };
    return true;
  });
  return found;
}

/** Redraws the decorations of the blocks a transaction touched; maps the rest. */
function redraw(tr: Transaction, previous: DecorationSet, kinds: Kinds): DecorationSet {
  const doc = tr.doc;
  const mapped = previous.map(tr.mapping, doc);
  const changed = changedBlocks(tr.before, doc);
  if (!changed || doc.childCount === 0) return mapped;
  const { first } = changed;
  let { last } = changed;
  const firstStart = startOf(doc, first);
  // The text just before the first block: a pilcrow at its end depends on the first block.
  let seed: Walked = { text: null, end: firstStart, parent: null };
  for (let i = first - 1, start = firstStart; i >= 0; i--) {
    start -= doc.child(i).nodeSize;
    const found = lastText(doc.child(i), start);
    if (found) {
      seed = found;
      break;
    }
  }
  // Up to the next block that holds text: the pilcrow at the end of the changed blocks'
  // text is decided by its first text.
  let lastStart = startOf(doc, last);
  let stopAt: number | null = null;
  while (last + 1 < doc.childCount) {
    lastStart += doc.child(last).nodeSize;
    last += 1;
    const found = lastText(doc.child(last), lastStart);
    if (found) {
      stopAt = found.end;
      break;
    }
  }
  const end = lastStart + doc.child(last).nodeSize;
  const stale = mapped
    .find(Math.min(seed.end, firstStart), end)
    .filter((decoration) =>
      decoration.from === decoration.to
        ? decoration.from >= seed.end && (stopAt === null || decoration.from < stopAt)
        : decoration.from >= firstStart && decoration.to <= end,
    );
  const fresh: Decoration[] = [];
  walk(doc, { from: firstStart, to: end }, kinds, { ...seed }, fresh);
  return mapped.remove(stale).add(doc, fresh);
}

/** The suggestion decorations, kept in step with each change instead of redrawn whole. */
export function suggestionDecorations(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: suggestionDecorationsKey,
    state: {
      init: (_config, state) => {
        const kinds = kindsOf(state);
        return kinds ? drawSuggestionDecorations(state.doc, kinds) : DecorationSet.empty;
      },
      apply: (tr, previous, _oldState, newState) => {
        const kinds = kindsOf(newState);
        if (!kinds || !tr.docChanged) return previous;
        return redraw(tr, previous, kinds);
      },
    },
    props: {
      decorations: (state) => suggestionDecorationsKey.getState(state),
    },
  });
}
