import { planSchema, type SuggestionAuthor } from '@plenary/editor';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { authorsById, suggestedChangeProblem } from './suggestedChangeCheck.ts';
import { markTypedOn } from './typedOn.ts';

/** Judges an update once it is applied: null when it is the sender's suggestion, else why not. */
export type SuggestionVerdict = (sender: SuggestionAuthor) => string | null;

/**
 * Checks that a change to a section is only its sender's suggestion (see
 * `suggestedChangeProblem`), for a server that applies an update and may then take it
 * back. Call `before` with the section just before applying the update and the verdict
 * it returns just after.
 *
 * The cost follows the change, not the section: the guard keeps each top-level block as
 * a ProseMirror node until a transaction changes it (as the editor's binding does), and
 * judges only the blocks that differ, with one unchanged block either side, since a
 * structural suggestion (a split, a join) reaches into its neighbour.
 */
export class SuggestionGuard {
  private readonly watched = new WeakSet<Y.Doc>();
  private readonly blocks = new WeakMap<Y.XmlElement, ProseMirrorNode>();
  /** Per section, every suggestion id it was seen to hold, by author. */
  private readonly seenIds = new WeakMap<Y.XmlFragment, Map<string, string>>();

  /** Reads the section as it is before an update; returns the verdict to ask after it. */
  before(fragment: Y.XmlFragment): SuggestionVerdict {
    this.watch(fragment);
    const known = this.seenIds.get(fragment) ?? new Map<string, string>();
    this.seenIds.set(fragment, known);
    // Read twice when the first reading removed what no editor can show (see `read`).
    const before = this.read(fragment) ?? this.read(fragment);
    for (const block of before?.fresh ?? []) learnIds(block, known);
    const stateBefore = stateOf(fragment.doc);
    return (sender) => {
      const after = this.read(fragment);
      if (after === null) return 'the update puts content into the section that no editor can show';
      const window = changedBlocks(before?.blocks ?? [], after.blocks);
      const was = sectionOf((before?.blocks ?? []).slice(window.from, window.beforeEnd));
      const is = sectionOf(after.blocks.slice(window.from, window.afterEnd));
      let problem = suggestedChangeProblem(was, is, sender, known);
      if (problem) {
        // Read again with what the sender typed on at the end of their own text as theirs
        // (see typedOn.ts); only then, since the binding also writes text anew that it
        // keeps unchanged, under the same marks.
        const typedOn = markTypedOn(
          is,
          after.elements.slice(window.from, window.afterEnd),
          stateBefore,
          sender,
        );
        if (typedOn !== is)
          problem = suggestedChangeProblem(was, typedOn, sender, known) && problem;
      }
      // Ids the update brought are known only once it is accepted.
      if (!problem) for (const block of after.fresh) learnIds(block, known);
      return problem;
    };
  }

  // The section's blocks, and which of them had to be read anew (the others are kept from
  // earlier readings). The binding deletes from the Yjs document what it cannot turn into
  // a node (an unknown element, say): a section that changes while being read held such
  // content, and is not read (null).
  private read(
    fragment: Y.XmlFragment,
  ): { blocks: ProseMirrorNode[]; elements: Y.XmlElement[]; fresh: ProseMirrorNode[] } | null {
    const doc = fragment.doc;
    let changed = false;
    const notice = () => {
      changed = true;
    };
    doc?.on('afterTransaction', notice);
    try {
      const blocks: ProseMirrorNode[] = [];
      const elements: Y.XmlElement[] = [];
      const fresh: ProseMirrorNode[] = [];
      for (const block of fragment.toArray()) {
        if (!(block instanceof Y.XmlElement)) continue;
        let node = this.blocks.get(block);
        if (!node) {
          const read = readBlock(block);
          if (!read) return null;
          node = read;
          this.blocks.set(block, node);
          fresh.push(node);
        }
        blocks.push(node);
        elements.push(block);
      }
      return changed ? null : { blocks, elements, fresh };
    } finally {
      doc?.off('afterTransaction', notice);
    }
  }

  // Forgets a block as soon as any transaction changes it or anything inside it.
  private watch(fragment: Y.XmlFragment): void {
    const doc = fragment.doc;
    if (!doc || this.watched.has(doc)) return;
    this.watched.add(doc);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) {
        const block = topLevelBlockOf(type);
        if (block) this.blocks.delete(block);
      }
    });
  }
}

/** Any shared type, as a transaction names the ones it changed. */
type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

// The child of a root (a section's block) that holds `type`; null for a root itself.
function topLevelBlockOf(type: SharedType): Y.XmlElement | null {
  let block = type;
  for (;;) {
    const parent = block._item?.parent as SharedType | undefined;
    if (!parent) return null;
    if (!parent._item) return block instanceof Y.XmlElement ? block : null;
    block = parent;
  }
}

// The binding reads a fragment block by block; handed a one-block list, it reads one.
function readBlock(block: Y.XmlElement): ProseMirrorNode | null {
  const one = { toArray: () => [block] } as unknown as Y.XmlFragment;
  return yXmlFragmentToProseMirrorFragment(one, planSchema()).firstChild;
}

function learnIds(block: ProseMirrorNode, known: Map<string, string>): void {
  for (const [id, author] of authorsById(sectionOf([block]))) known.set(id, author);
}

const sectionOf = (blocks: readonly ProseMirrorNode[]): ProseMirrorNode =>
  planSchema().topNodeType.create(null, blocks);

// The blocks that differ between two readings (unchanged blocks are the same nodes), with
// one unchanged block of context on each side: `from` to `beforeEnd` before, to
// `afterEnd` after.
function changedBlocks(
  before: readonly ProseMirrorNode[],
  after: readonly ProseMirrorNode[],
): { from: number; beforeEnd: number; afterEnd: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start += 1;
  }
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  const context = Math.max(0, end - 1);
  return {
    from: Math.max(0, start - 1),
    beforeEnd: before.length - context,
    afterEnd: after.length - context,
  };
}

// Each client's next clock: what was there before an update.
function stateOf(doc: Y.Doc | null): Map<number, number> {
  const state = new Map<number, number>();
  if (!doc) return state;
  for (const client of doc.store.clients.keys()) state.set(client, Y.getState(doc.store, client));
  return state;
}
