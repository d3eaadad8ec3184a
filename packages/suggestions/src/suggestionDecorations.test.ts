// @vitest-environment happy-dom
import { suggestChanges } from '@handlewithcare/prosemirror-suggest-changes';
import { contentExtensions } from '@plenary/editor';
import { Editor } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import type { Decoration, DecorationSet } from '@tiptap/pm/view';
import { afterEach, describe, expect, it } from 'vitest';
import { SuggestingMode } from './suggestingMode.ts';
import { suggestionDecorationsKey } from './suggestionDecorations.ts';
import { AUTHORS, seededRandom } from './testing/suggestingClients.ts';

// What a decoration draws: where, and the attributes or the suggestion it carries.
function described(set: DecorationSet | undefined, state: EditorState): string[] {
  return (set?.find(0, state.doc.content.size) ?? [])
    .map((decoration: Decoration) => {
      // A node decoration keeps its attributes on its (internal) type.
      const { attrs } = (decoration as unknown as { type: { attrs?: object } }).type;
      const spec = decoration.spec as { key?: string; marks?: { type: { name: string } }[] };
      const what =
        decoration.from === decoration.to
          ? `widget ${spec.marks?.map((mark) => mark.type.name).join('+')} ${spec.key}`
          : `node ${JSON.stringify(attrs)}`;
      return `${decoration.from}-${decoration.to} ${what}`;
    })
    .sort();
}

// The library's own drawing, from the whole document: what the plugin must match.
const stockDecorations = suggestChanges().spec.props?.decorations as unknown as (
  state: EditorState,
) => DecorationSet;

const BODY = [
  '<p>The plan protects civilians.</p>',
  '<p>It prevents atrocity crimes in every province.</p>',
  '<ul><li><p>Early warning</p></li><li><p>Dialogue between communities</p></li></ul>',
  '<h2>Roadmap</h2>',
  '<p></p>',
  '<p>Each ministry reports every quarter.</p>',
].join('');

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function open(): Editor {
  editor = new Editor({
    extensions: [
      ...contentExtensions(),
      SuggestingMode.configure({ author: AUTHORS[0] ?? null, mode: 'suggesting' }),
    ],
    content: BODY,
  });
  return editor;
}

// A random spot inside some textblock's text.
function textPos(current: Editor, random: () => number): number {
  const spots: number[] = [];
  current.state.doc.descendants((node, pos) => {
    if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) spots.push(pos + 1 + i);
    return true;
  });
  return spots[Math.floor(random() * spots.length)] ?? 1;
}

function randomEdit(current: Editor, random: () => number): void {
  const roll = random();
  const at = textPos(current, random);
  const chain = current.chain().setTextSelection(at);
  if (roll < 0.4) chain.insertContent(random() < 0.2 ? ' ' : 'xy').run();
  else if (roll < 0.6) chain.splitBlock().run();
  else if (roll < 0.8) {
    const to = Math.min(current.state.doc.content.size - 1, at + 1 + Math.floor(random() * 30));
    current.chain().setTextSelection({ from: at, to }).deleteSelection().run();
  } else if (roll < 0.9) chain.joinBackward().run();
  else current.commands.setEditingMode(random() < 0.5 ? 'editing' : 'suggesting');
}

describe('suggestionDecorations', () => {
  it('draws what the library draws from the whole section, after every random change', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const current = open();
      const random = seededRandom(seed);
      for (let step = 0; step < 40; step++) {
        try {
          randomEdit(current, random);
        } catch {
          // The suggesting transform refuses a few random edits; the editor keeps its state.
        }
        const { state } = current;
        const kept = described(suggestionDecorationsKey.getState(state), state);
        expect(kept, `seed ${seed}, step ${step}`).toEqual(
          described(stockDecorations(state), state),
        );
      }
      current.destroy();
      editor = null;
    }
  });

  it('draws whole suggested paragraphs and a suggested split', () => {
    const current = open();
    // At the end of the first paragraph: a new paragraph of suggested words only.
    current.chain().setTextSelection(29).splitBlock().insertContent('New words').run();
    const kept = described(suggestionDecorationsKey.getState(current.state), current.state);
    expect(kept.some((line) => line.includes('data-node-insertion'))).toBe(true);
    expect(kept.some((line) => line.includes('widget insertion'))).toBe(true);
  });

  it('keeps the set it had for a change that does not touch the text', () => {
    const current = open();
    const before = suggestionDecorationsKey.getState(current.state);
    current.commands.setTextSelection(5);
    expect(suggestionDecorationsKey.getState(current.state)).toBe(before);
  });
});
