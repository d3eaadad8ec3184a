import { describe, expect, it } from 'vitest';
import type { DiffBlock } from '../../api/versionTypes.ts';
import { blockChanged, blockShape, diffItems } from './diffBlocks.ts';

const block = (text: string, change: 'inserted' | 'deleted' | null = null): DiffBlock => ({
  type: 'paragraph',
  path: [],
  change: null,
  participantId: null,
  runs: [{ text, change, participantId: null, marks: [] }],
});

const shapeOf = (items: ReturnType<typeof diffItems>) =>
  items.map((item) =>
    item.kind === 'block'
      ? (item.block.runs[0]?.text ?? '')
      : `[${item.blocks.map((folded) => folded.block.runs[0]?.text).join(' ')}]`,
  );

describe('blockChanged', () => {
  it('sees changed text and a block added or removed as a whole', () => {
    expect(blockChanged(block('a'))).toBe(false);
    expect(blockChanged(block('a', 'deleted'))).toBe(true);
    expect(blockChanged({ ...block('a'), change: 'inserted' })).toBe(true);
  });
});

describe('diffItems', () => {
  it('folds unchanged stretches, keeping one block of context around each change', () => {
    const blocks = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((text) =>
      block(text, text === 'd' ? 'inserted' : null),
    );
    expect(shapeOf(diffItems(blocks))).toEqual(['[a b]', 'c', 'd', 'e', '[f g]']);
  });

  it('never folds a single block, and keeps the indexes of the blocks', () => {
    const blocks = [block('a'), block('b'), block('c', 'deleted'), block('d')];
    const items = diffItems(blocks);
    expect(shapeOf(items)).toEqual(['a', 'b', 'c', 'd']);
    expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3]);
  });

  it('folds a section without changes into one stretch', () => {
    expect(shapeOf(diffItems([block('a'), block('b'), block('c')]))).toEqual(['[a b c]']);
  });
});

describe('blockShape', () => {
  it('puts headings under the comparison’s section titles', () => {
    expect(blockShape({ type: 'heading', path: [], level: 2 }).tag).toBe('h4');
    expect(blockShape({ type: 'heading', path: [], level: 3 }).tag).toBe('h5');
    expect(blockShape({ type: 'heading', path: [], level: 1 }).tag).toBe('h4');
    expect(blockShape({ type: 'paragraph', path: [] }).tag).toBe('p');
  });

  it('knows lists, their depth, and table cells', () => {
    expect(
      blockShape({
        type: 'paragraph',
        path: ['orderedList', 'listItem', 'bulletList', 'listItem'],
      }),
    ).toEqual({ tag: 'p', list: 'bullet', depth: 2, cell: false });
    expect(blockShape({ type: 'paragraph', path: ['table', 'tableRow', 'tableHeader'] })).toEqual({
      tag: 'p',
      list: null,
      depth: 0,
      cell: true,
    });
  });
});
