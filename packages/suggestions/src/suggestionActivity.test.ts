import { NODE_MARKS_ATTRIBUTE, SUGGESTION_FORMAT } from '@plenary/editor';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsSuggestionMarks } from './suggestionActivity.ts';

/** A section of one paragraph, and what `change` did to it, as the listing sees it. */
function adds(change: (text: Y.XmlText, paragraph: Y.XmlElement) => void): boolean {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText('The plan protects civilians.');
  paragraph.insert(0, [text]);
  doc.getXmlFragment('section:s1').insert(0, [paragraph]);
  let seen: boolean | null = null;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    seen = addsSuggestionMarks(transaction);
  });
  change(text, paragraph);
  if (seen === null) throw new Error('no transaction');
  return seen;
}

describe('addsSuggestionMarks', () => {
  it('is false for typing, bold and deleting', () => {
    expect(adds((text) => text.insert(5, 'x'))).toBe(false);
    expect(adds((text) => text.format(0, 3, { bold: {} }))).toBe(false);
    expect(adds((text) => text.delete(0, 4))).toBe(false);
  });

  it('is true for suggested text and for marks on a block', () => {
    expect(
      adds((text) => text.insert(5, 'x', { [SUGGESTION_FORMAT.insertion]: { id: 'a1' } })),
    ).toBe(true);
    expect(adds((text) => text.format(0, 3, { [SUGGESTION_FORMAT.deletion]: { id: 'a2' } }))).toBe(
      true,
    );
    expect(
      adds((_text, paragraph) =>
        paragraph.setAttribute(NODE_MARKS_ATTRIBUTE, [{ type: 'insertion' }] as never),
      ),
    ).toBe(true);
  });
});
