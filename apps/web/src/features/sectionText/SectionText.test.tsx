// @vitest-environment happy-dom
import { writeRichText } from '@plenary/editor';
import { paragraph, richTextDoc } from '@plenary/model';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reactRoot } from '../../test-support/reactRoot.ts';
import { SectionText } from './SectionText.tsx';

/** The paragraphs as drawn. */
const paragraphs = (container: HTMLElement) =>
  [...container.querySelectorAll('.ProseMirror > p')].map((block) => block.textContent);

describe('SectionText', () => {
  it('follows the fragment live: text typed, blocks added and removed', () => {
    const fragment = new Y.Doc().getXmlFragment('section');
    writeRichText(fragment, richTextDoc(paragraph('First.'), paragraph('Second.')));
    const { root, container } = reactRoot();
    act(() => root.render(<SectionText fragment={fragment} className="section__editor" />));
    expect(paragraphs(container)).toEqual(['First.', 'Second.']);

    // Someone types at the end of the second paragraph.
    const second = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    act(() => second.insert(second.length, ' More.'));
    expect(paragraphs(container)).toEqual(['First.', 'Second. More.']);

    // Someone adds a paragraph, then removes the first.
    act(() => {
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('Third.')]);
      fragment.insert(2, [added]);
    });
    act(() => fragment.delete(0, 1));
    expect(paragraphs(container)).toEqual(['Second. More.', 'Third.']);
  });

  it('draws only the first blocks when asked to', () => {
    const fragment = new Y.Doc().getXmlFragment('section');
    writeRichText(fragment, richTextDoc(paragraph('One.'), paragraph('Two.'), paragraph('Three.')));
    const { root, container } = reactRoot();
    act(() => root.render(<SectionText fragment={fragment} className="x" maxBlocks={2} />));
    expect(paragraphs(container)).toEqual(['One.', 'Two.']);
  });
});
