import { useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { type BlockComment, type CommentWords, commentsByBlock } from './commentWords.ts';
import type { SectionBlock } from './sectionTree.ts';
import { useTypeVersion } from './useTypeVersion.ts';

/**
 * Where the words of `threads` are, by block, found again after every change to the text
 * (typing inside a thread's words widens them; deleting them removes them). A block whose
 * comments did not change keeps the same list, so it is not drawn again.
 */
export function useBlockComments(
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
