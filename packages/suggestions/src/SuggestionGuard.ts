import { planSchema, type SuggestionAuthor } from '@plenary/editor';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { yXmlFragmentToProseMirrorFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { authorsById, suggestedChangeProblem } from './suggestedChangeCheck.ts';
import { CHECK_PART_SIZE, checkParts } from './suggestionCheckParts.ts';
import { markTypedOn } from './typedOn.ts';

/**
 * Judges an update once it is applied: null when it is the sender's suggestion, else why
 * not. `inSteps` judges the same a part of the changed blocks at a time (see
 * `checkParts`), waiting for `pause` between parts, for a server that must not hold
 * everyone else while it judges a change that touched a whole section.
 */
export type SuggestionVerdict = ((sender: SuggestionAuthor) => string | null) & {
  inSteps(sender: SuggestionAuthor, pause: () => Promise<void> | null): Promise<string | null>;
};

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

  /** `partSize`: about how much text one step of `inSteps` judges (see `checkParts`). */
  constructor(private readonly partSize = CHECK_PART_SIZE) {}

  /** Reads the section as it is before an update; returns the verdict to ask after it. */
  before(fragment: Y.XmlFragment): SuggestionVerdict {
    this.watch(fragment);
    const known = this.seenIds.get(fragment) ?? new Map<string, string>();
    this.seenIds.set(fragment, known);
    // Read twice when the first reading removed what no editor can show (see `read`).
    const before = this.read(fragment) ?? this.read(fragment);
    for (const block of before?.fresh ?? []) learnIds(block, known);
    const stateBefore = stateOf(fragment.doc);
    // Yields between parts; the caller decides whether to wait there.
    const judge = function* (this: SuggestionGuard, sender: SuggestionAuthor) {
      const readAhead = yield* this.readAhead(fragment);
      const after = this.read(fragment);
      if (after === null) return 'the update puts content into the section that no editor can show';
      const window = changedBlocks(before?.blocks ?? [], after.blocks);
      const was = (before?.blocks ?? []).slice(window.from, window.beforeEnd);
      const is = after.blocks.slice(window.from, window.afterEnd);
      const elements = after.elements.slice(window.from, window.afterEnd);
      const whole = () => judgeBlocks(was, is, elements, sender, stateBefore, known);
      let problem: string | null = null;
      const parts = checkParts(was, is, this.partSize);
      if (parts) {
        const present = authorsById(sectionOf(was));
        for (const [from, to] of parts) {
          problem = judgeBlocks(
            was.slice(from, to),
            is.slice(from, to),
            elements.slice(from, to),
            sender,
            stateBefore,
            known,
            present,
          );
          if (problem) break;
          yield;
        }
        // Refused in a part: judged whole once more, so an honest change is never refused
        // for being cut (a refused one costs one whole judgement, as before).
        if (problem) {
          yield;
          problem = whole();
        }
      } else {
        problem = whole();
      }
      // Ids the update brought are known only once it is accepted.
      if (!problem) for (const block of [...readAhead, ...after.fresh]) learnIds(block, known);
      return problem;
    }.bind(this);
    const verdict = (sender: SuggestionAuthor): string | null => {
      const steps = judge(sender);
      for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
    };
    verdict.inSteps = async (sender: SuggestionAuthor, pause: () => Promise<void> | null) => {
      const steps = judge(sender);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        const wait = pause();
        if (wait) await wait;
      }
    };
    return verdict;
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

  // Reads the blocks that no earlier reading kept, yielding after each part's worth of
  // text (a change to a whole section is otherwise one long reading), and returns them;
  // `read` then finds them kept.
  private *readAhead(fragment: Y.XmlFragment): Generator<void, ProseMirrorNode[]> {
    const fresh: ProseMirrorNode[] = [];
    let size = 0;
    for (const block of fragment.toArray()) {
      if (!(block instanceof Y.XmlElement) || this.blocks.has(block)) continue;
      // What no editor can show is left to `read`, which refuses the section.
      const node = readBlock(block);
      if (!node) break;
      this.blocks.set(block, node);
      fresh.push(node);
      size += node.nodeSize;
      if (size >= this.partSize) {
        size = 0;
        yield;
      }
    }
    return fresh;
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

// Whether `is` (the blocks after the update, `elements` in the document) is only the
// sender's suggestion on `was` (see `suggestedChangeProblem`); null, or why not.
function judgeBlocks(
  was: readonly ProseMirrorNode[],
  is: readonly ProseMirrorNode[],
  elements: readonly Y.XmlElement[],
  sender: SuggestionAuthor,
  stateBefore: ReadonlyMap<number, number>,
  known: ReadonlyMap<string, string>,
  present?: ReadonlyMap<string, string>,
): string | null {
  const wasSection = sectionOf(was);
  const isSection = sectionOf(is);
  const problem = suggestedChangeProblem(wasSection, isSection, sender, known, present);
  if (!problem) return null;
  // Read again with what the sender typed on at the end of their own text as theirs (see
  // typedOn.ts); only then, since the binding also writes text anew that it keeps
  // unchanged, under the same marks.
  const typedOn = markTypedOn(isSection, elements, stateBefore, sender);
  if (typedOn === isSection) return problem;
  return suggestedChangeProblem(wasSection, typedOn, sender, known, present) && problem;
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
