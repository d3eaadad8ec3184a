// @vitest-environment happy-dom
import { planSchema, readRichText, writeRichText } from '@plenary/editor';
import {
  bulletList,
  heading,
  paragraph,
  type RichTextNode,
  richTextDoc,
  table,
  text,
} from '@plenary/model';
import { DOMSerializer } from '@tiptap/pm/model';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BlockHighlight, blockElement, safeHref } from './sectionElements.tsx';
import { readElement, readText } from './sectionTree.ts';

const suggestion = (groupId: string) => ({
  id: `s-${groupId}`,
  authorId: 'p1',
  authorName: 'Bora',
  groupId,
  at: 1,
});

const marked = (value: string, ...marks: RichTextNode['marks'] & object): RichTextNode => ({
  ...text(value),
  marks,
});

/** A section using every node and mark of the schema, suggestions on text and on a block. */
const SECTION = richTextDoc(
  heading(2, 'Risk factors'),
  {
    type: 'paragraph',
    content: [
      text('Hate speech is '),
      marked('monitored', { type: 'bold' }),
      text(' '),
      marked('weekly', { type: 'italic' }, { type: 'insertion', attrs: suggestion('g1') }),
      marked(' by radio', { type: 'insertion', attrs: suggestion('g1') }),
      { type: 'hardBreak' },
      marked('old words', { type: 'deletion', attrs: suggestion('g2') }),
      text(' see '),
      marked('the report', { type: 'link', attrs: { href: 'https://example.org/r' } }),
      text(' and '),
      marked('u', { type: 'underline' }),
      marked('s', { type: 'strike' }),
    ],
  },
  {
    ...paragraph('A suggested paragraph.'),
    marks: [{ type: 'insertion', attrs: suggestion('g2') }],
  },
  bulletList(['First step', 'Second step']),
  {
    type: 'orderedList',
    attrs: { start: 3 },
    content: [{ type: 'listItem', content: [paragraph('Third')] }],
  },
  { type: 'blockquote', content: [paragraph('Quoted.')] },
  { type: 'horizontalRule' },
  table(['Stage', 'When'], [['Warning', '2027']]),
);

function sectionFragment(doc: RichTextNode = SECTION): Y.XmlFragment {
  const fragment = new Y.Doc().getXmlFragment('section');
  writeRichText(fragment, doc as Parameters<typeof writeRichText>[1]);
  return fragment;
}

/** The projector's drawing of a fragment, with `highlights` in every block. */
function drawn(fragment: Y.XmlFragment, highlights: BlockHighlight[] = []): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = renderToStaticMarkup(
    <>
      {fragment
        .toArray()
        .map((block) =>
          block instanceof Y.XmlElement
            ? blockElement(readElement(block), highlights, () => undefined)
            : null,
        )}
    </>,
  );
  return root;
}

/** Elements, their text and the attributes that say what they are, ignoring table wrappers. */
function shape(node: Node): string {
  if (node.nodeType === 3) return JSON.stringify(node.textContent);
  const element = node as Element;
  const children = [...element.childNodes].map(shape).join('');
  const tag = element.tagName.toLowerCase();
  if (tag === 'colgroup') return '';
  if (element.classList.contains('tableWrapper')) return children;
  const attrs = ['href', 'start', 'data-suggestion-id', 'data-group-id', 'data-author-name']
    .filter((name) => element.hasAttribute(name))
    .map((name) => ` ${name}=${element.getAttribute(name)}`)
    .join('');
  return `<${tag}${attrs}>${children}</${tag}>`;
}

describe('the projector’s section text', () => {
  it('draws a section as the editor’s schema renders it: nodes, marks, block suggestions', () => {
    const fragment = sectionFragment();
    const editor = document.createElement('div');
    editor.append(
      DOMSerializer.fromSchema(planSchema()).serializeFragment(readRichText(fragment).content, {
        document,
      }),
    );
    const projector = drawn(fragment);
    // Neighbours sharing a mark share its element as in the editor: the italic word's
    // own <ins>, one for the plain words after it, one around the suggested paragraph.
    expect(shape(projector)).toBe(shape(editor));
    expect(projector.querySelectorAll('ins')).toHaveLength(3);
  });

  it('colours suggestions by the group that made them', () => {
    const fragment = sectionFragment();
    const root = document.createElement('div');
    root.innerHTML = renderToStaticMarkup(
      <>
        {blockElement(readElement(fragment.get(1) as Y.XmlElement), [], (groupId) =>
          groupId === 'g1' ? '#0b6bcb' : undefined,
        )}
      </>,
    );
    expect(root.querySelector('ins')?.getAttribute('style')).toBe('text-decoration-color:#0b6bcb');
    expect(root.querySelector('del')?.hasAttribute('style')).toBe(false);
  });

  it('marks new text by its Yjs ids, in one piece however it was typed', () => {
    const doc = new Y.Doc();
    doc.clientID = 7;
    const fragment = doc.getXmlFragment('section');
    writeRichText(fragment, richTextDoc(paragraph('Before.')));
    const line = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const typist = new Y.Doc();
    typist.clientID = 9;
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(doc));
    const typed = (typist.getXmlFragment('section').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (const key of ' New') typed.insert(typed.length, key);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(typist));
    expect(line.toString()).toBe('Before. New');
    const runs = readText(line).filter((run) => run.client === 9);
    const clock = Math.min(...runs.map((run) => run.clock));
    const highlight = { client: 9, color: '#1e7b34', groupId: 'g2', strength: 0.5 };
    const marks = drawn(fragment, [
      { ...highlight, from: clock, to: clock + 2 },
      { ...highlight, from: clock + 2, to: clock + 4 },
    ]).querySelectorAll('.live-highlight');
    expect([...marks].map((mark) => mark.textContent)).toEqual([' New']);
    expect(marks[0]?.getAttribute('data-color')).toBe('#1e7b34');
    expect(marks[0]?.getAttribute('data-group')).toBe('g2');
  });

  it('draws a link to anything but the web or mail as inert text', () => {
    expect(safeHref('https://example.org')).toBe('https://example.org');
    expect(safeHref('mailto:focal@example.org')).toBe('mailto:focal@example.org');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' JavaScript:alert(1)')).toBeUndefined();
    // The binding stores whatever attributes a client sends, so a crafted link can arrive.
    const fragment = new Y.Doc().getXmlFragment('section');
    const block = new Y.XmlElement('paragraph');
    const words = new Y.XmlText();
    fragment.insert(0, [block]);
    block.insert(0, [words]);
    words.insert(0, 'click', { link: { href: 'javascript:alert(1)' } });
    const link = drawn(fragment).querySelector('a');
    expect(link?.textContent).toBe('click');
    expect(link?.hasAttribute('href')).toBe(false);
  });
});
