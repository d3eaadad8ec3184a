import type { DiffBlock } from '../../api/versionTypes.ts';

/** True when a block, or some text in it, differs between the two versions. */
export const blockChanged = (block: DiffBlock): boolean =>
  block.change !== null || block.runs.some((run) => run.change !== null);

/** A block and its place in its section, which keys it. */
export interface PlacedBlock {
  block: DiffBlock;
  index: number;
}

/** What a comparison shows of a section's blocks: a block, or a fold of unchanged ones. */
export type DiffItem =
  | ({ kind: 'block' } & PlacedBlock)
  | { kind: 'unchanged'; blocks: PlacedBlock[]; index: number };

/**
 * A section's blocks with long unchanged stretches folded away: each change keeps
 * `context` unchanged blocks on either side so it can be read in place. A fold of a
 * single block would hide nothing worth hiding, so it stays shown.
 */
export function diffItems(blocks: readonly DiffBlock[], context = 1): DiffItem[] {
  const shown = blocks.map(() => false);
  blocks.forEach((block, index) => {
    if (!blockChanged(block)) return;
    const end = Math.min(blocks.length - 1, index + context);
    for (let near = Math.max(0, index - context); near <= end; near++) shown[near] = true;
  });
  const items: DiffItem[] = [];
  let fold: PlacedBlock[] = [];
  const flush = () => {
    const [first] = fold;
    if (fold.length === 1 && first) items.push({ kind: 'block', ...first });
    else if (first) items.push({ kind: 'unchanged', blocks: fold, index: first.index });
    fold = [];
  };
  blocks.forEach((block, index) => {
    if (shown[index]) {
      flush();
      items.push({ kind: 'block', block, index });
      return;
    }
    fold.push({ block, index });
  });
  flush();
  return items;
}

/** How a block is laid out in a comparison. */
export interface BlockShape {
  /** The element: headings one level under the section titles (h3) of the comparison. */
  tag: 'p' | 'h4' | 'h5' | 'h6' | 'pre';
  /** The innermost list the block is in, if any. */
  list: 'bullet' | 'ordered' | null;
  /** How many lists deep it sits. */
  depth: number;
  /** A table cell's text, shown as a cell of its own. */
  cell: boolean;
}

/** The layout of a block from its type and where it sits. */
export function blockShape(block: Pick<DiffBlock, 'type' | 'path' | 'level'>): BlockShape {
  const lists = block.path.filter((type) => type === 'bulletList' || type === 'orderedList');
  const innermost = lists.at(-1);
  const tag =
    block.type === 'heading'
      ? (`h${Math.min(6, Math.max(4, (block.level ?? 2) + 2))}` as 'h4' | 'h5' | 'h6')
      : block.type === 'codeBlock'
        ? 'pre'
        : 'p';
  return {
    tag,
    list: innermost === undefined ? null : innermost === 'orderedList' ? 'ordered' : 'bullet',
    depth: lists.length,
    cell: block.path.some((type) => type === 'tableCell' || type === 'tableHeader'),
  };
}
