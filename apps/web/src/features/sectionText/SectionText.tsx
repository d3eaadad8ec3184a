import { memo, useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { type BlockComment, type CommentWords, commentsByBlock } from './commentWords.ts';
import { type BlockHighlight, blockElement, type GroupColor } from './sectionElements.tsx';
import { readElement, type SectionBlock } from './sectionTree.ts';

const NO_HIGHLIGHTS: readonly BlockHighlight[] = [];
const NO_COMMENTS: readonly BlockComment[] = [];
const NO_WORDS: readonly CommentWords[] = [];
const NO_BLOCK_HIGHLIGHTS: ReadonlyMap<SectionBlock, readonly BlockHighlight[]> = new Map();
const noColor: GroupColor = () => undefined;

/** A stable React key per Yjs block, for as long as the block exists. */
const blockKeys = new WeakMap<object, number>();
let nextBlockKey = 0;
function keyOf(block: object): number {
  let key = blockKeys.get(block);
  if (key === undefined) {
    key = nextBlockKey++;
    blockKeys.set(block, key);
  }
  return key;
}

/** How many times each Yjs type has changed while drawn, as a snapshot for React. */
const versions = new WeakMap<object, number>();

/**
 * Follows changes to `type` (deep: anything inside it). Through useSyncExternalStore, so
 * that React draws a change in the same task as it arrives, as the editor would, rather
 * than in a later one.
 */
function useTypeVersion(type: Y.XmlFragment | SectionBlock, deep: boolean, follow = true): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!follow) return () => {};
      const changed = () => {
        versions.set(type, (versions.get(type) ?? 0) + 1);
        onChange();
      };
      if (deep) type.observeDeep(changed);
      else type.observe(changed);
      return () => (deep ? type.unobserveDeep(changed) : type.unobserve(changed));
    },
    [type, deep, follow],
  );
  return useSyncExternalStore(subscribe, () => versions.get(type) ?? 0);
}

/** The blocks of a fragment, following blocks added and removed. */
function useBlocks(fragment: Y.XmlFragment): SectionBlock[] {
  const version = useTypeVersion(fragment, false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version says when the list changed
  return useMemo(() => fragment.toArray(), [fragment, version]);
}

/**
 * Where the words of `threads` are, by block, found again after every change to the text
 * (typing inside a thread's words widens them; deleting them removes them). A block whose
 * comments did not change keeps the same list, so it is not drawn again.
 */
function useBlockComments(
  fragment: Y.XmlFragment,
  threads: readonly CommentWords[],
): ReadonlyMap<SectionBlock, readonly BlockComment[]> {
  const version = useTypeVersion(fragment, true, threads.length > 0);
  const previous = useRef(new Map<SectionBlock, { shape: string; comments: BlockComment[] }>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version says when the text changed
  return useMemo(() => {
    const kept = new Map<SectionBlock, { shape: string; comments: BlockComment[] }>();
    const byBlock = new Map<SectionBlock, readonly BlockComment[]>();
    for (const [block, comments] of commentsByBlock(fragment, threads)) {
      const shape = JSON.stringify(comments);
      const before = previous.current.get(block);
      const shown = before?.shape === shape ? before : { shape, comments };
      kept.set(block, shown);
      byBlock.set(block, shown.comments);
    }
    previous.current = kept;
    return byBlock;
  }, [fragment, threads, version]);
}

/**
 * One block of the text, drawn again only when something in it changes (or its
 * highlights fade, or its comments change), so that typing in one paragraph leaves the
 * rest of the section alone.
 */
const TextBlock = memo(function TextBlock({
  block,
  highlights,
  comments,
  groupColor,
}: {
  block: SectionBlock;
  highlights: readonly BlockHighlight[];
  comments: readonly BlockComment[];
  groupColor: GroupColor;
}) {
  useTypeVersion(block, true);
  // The binding only puts elements at the top of a section.
  if (!(block instanceof Y.XmlElement)) return null;
  return blockElement(readElement(block), highlights, groupColor, comments);
});

/**
 * A section's text read-only, drawn from its Yjs fragment without the editor and following
 * it live. It carries the editor's `ProseMirror` class inside `className`, so the editor's
 * stylesheet and the presenter's block positions (`BLOCK_SELECTOR`) apply as they do to
 * the editor: the projector shows it, and the plan page until its editor has loaded.
 */
export function SectionText({
  fragment,
  className,
  highlights = NO_BLOCK_HIGHLIGHTS,
  groupColor = noColor,
  comments = NO_WORDS,
  maxBlocks = Number.POSITIVE_INFINITY,
}: {
  fragment: Y.XmlFragment;
  /** Classes of the wrapper, as the editor's wrapper has them on the same screen. */
  className: string;
  /** New text to mark, by block. */
  highlights?: ReadonlyMap<SectionBlock, readonly BlockHighlight[]>;
  /** Colours suggestions by their group. */
  groupColor?: GroupColor;
  /** Threads whose words to highlight, each followed by its number. */
  comments?: readonly CommentWords[];
  /** Draws only the first blocks: enough for a screen while something else loads. */
  maxBlocks?: number;
}) {
  const blocks = useBlocks(fragment).slice(0, maxBlocks);
  const blockComments = useBlockComments(fragment, comments);
  return (
    <div className={className}>
      <div className="ProseMirror" translate="no">
        {blocks.map((block) => (
          <TextBlock
            key={keyOf(block)}
            block={block}
            highlights={highlights.get(block) ?? NO_HIGHLIGHTS}
            comments={blockComments.get(block) ?? NO_COMMENTS}
            groupColor={groupColor}
          />
        ))}
      </div>
    </div>
  );
}
