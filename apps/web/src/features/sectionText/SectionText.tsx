import { memo, useCallback, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { type BlockHighlight, blockElement, type GroupColor } from './sectionElements.tsx';
import { readElement, type SectionBlock } from './sectionTree.ts';

const NO_HIGHLIGHTS: readonly BlockHighlight[] = [];
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
function useTypeVersion(type: Y.XmlFragment | SectionBlock, deep: boolean): number {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const changed = () => {
        versions.set(type, (versions.get(type) ?? 0) + 1);
        onChange();
      };
      if (deep) type.observeDeep(changed);
      else type.observe(changed);
      return () => (deep ? type.unobserveDeep(changed) : type.unobserve(changed));
    },
    [type, deep],
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
 * One block of the text, drawn again only when something in it changes (or its
 * highlights fade), so that typing in one paragraph leaves the rest of the section alone.
 */
const TextBlock = memo(function TextBlock({
  block,
  highlights,
  groupColor,
}: {
  block: SectionBlock;
  highlights: readonly BlockHighlight[];
  groupColor: GroupColor;
}) {
  useTypeVersion(block, true);
  // The binding only puts elements at the top of a section.
  if (!(block instanceof Y.XmlElement)) return null;
  return blockElement(readElement(block), highlights, groupColor);
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
  maxBlocks = Number.POSITIVE_INFINITY,
}: {
  fragment: Y.XmlFragment;
  /** Classes of the wrapper, as the editor's wrapper has them on the same screen. */
  className: string;
  /** New text to mark, by block. */
  highlights?: ReadonlyMap<SectionBlock, readonly BlockHighlight[]>;
  /** Colours suggestions by their group. */
  groupColor?: GroupColor;
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
            groupColor={groupColor}
          />
        ))}
      </div>
    </div>
  );
}
