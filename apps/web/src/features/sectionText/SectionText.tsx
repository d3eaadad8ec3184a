import { memo, useMemo } from 'react';
import * as Y from 'yjs';
import type { BlockComment } from './commentWords.ts';
import { type BlockHighlight, blockElement, type GroupColor } from './sectionElements.tsx';
import { readElement, type SectionBlock } from './sectionTree.ts';
import { useTypeVersion } from './useTypeVersion.ts';

const NO_HIGHLIGHTS: readonly BlockHighlight[] = [];
const NO_COMMENTS: readonly BlockComment[] = [];
const NO_BLOCK_HIGHLIGHTS: ReadonlyMap<SectionBlock, readonly BlockHighlight[]> = new Map();
const NO_BLOCK_COMMENTS: ReadonlyMap<SectionBlock, readonly BlockComment[]> = new Map();
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

/** The blocks of a fragment, following blocks added and removed. */
function useBlocks(fragment: Y.XmlFragment): SectionBlock[] {
  const version = useTypeVersion(fragment, false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version says when the list changed
  return useMemo(() => fragment.toArray(), [fragment, version]);
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
  comments = NO_BLOCK_COMMENTS,
  maxBlocks = Number.POSITIVE_INFINITY,
}: {
  fragment: Y.XmlFragment;
  /** Classes of the wrapper, as the editor's wrapper has them on the same screen. */
  className: string;
  /** New text to mark, by block. */
  highlights?: ReadonlyMap<SectionBlock, readonly BlockHighlight[]>;
  /** Colours suggestions by their group. */
  groupColor?: GroupColor;
  /**
   * Threads' words to highlight, each followed by its number, by block (see
   * useBlockComments: the plan page's stand-in text shows none, and does not load it).
   */
  comments?: ReadonlyMap<SectionBlock, readonly BlockComment[]>;
  /** Draws only the first blocks: enough for a screen while something else loads. */
  maxBlocks?: number;
}) {
  const blocks = useBlocks(fragment).slice(0, maxBlocks);
  return (
    <div className={className}>
      <div className="ProseMirror" translate="no">
        {blocks.map((block) => (
          <TextBlock
            key={keyOf(block)}
            block={block}
            highlights={highlights.get(block) ?? NO_HIGHLIGHTS}
            comments={comments.get(block) ?? NO_COMMENTS}
            groupColor={groupColor}
          />
        ))}
      </div>
    </div>
  );
}
