import { bulletList, heading, paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  anchorQuote,
  checkedAnchor,
  resolveAnchor,
  sectionRecommendations,
} from './commentAnchors.ts';
import { writeRichText } from './richTextFragment.ts';

const SECTION = 'section-s1';

function sectionDoc(...blocks: Parameters<typeof richTextDoc>) {
  const doc = new Y.Doc();
  writeRichText(doc.getXmlFragment(SECTION), richTextDoc(...blocks));
  return doc;
}

/** The first text run of the nth top-level block. */
const runOf = (doc: Y.Doc, block: number) =>
  (doc.getXmlFragment(SECTION).get(block) as Y.XmlElement).get(0) as Y.XmlText;

describe('comment anchors', () => {
  it('anchor a quote across blocks, whitespace compared loosely', () => {
    const doc = sectionDoc(paragraph('Protect civilians.'), paragraph('Name the ministry now.'));
    const fragment = doc.getXmlFragment(SECTION);
    const anchor = anchorQuote(fragment, 'civilians.  Name the');
    if (!anchor) throw new Error('expected an anchor');
    expect(resolveAnchor(fragment, anchor)).toMatchObject({
      detached: false,
      text: 'civilians.\nName the',
    });
    expect(anchorQuote(fragment, 'not there')).toBeNull();
    expect(anchorQuote(fragment, '   ')).toBeNull();
  });

  it('follow edits before, inside and just outside the range, and detach when it is deleted', () => {
    const doc = sectionDoc(paragraph('Name the ministry now.'));
    const fragment = doc.getXmlFragment(SECTION);
    const anchor = anchorQuote(fragment, 'the ministry');
    if (!anchor) throw new Error('expected an anchor');
    const run = runOf(doc, 0);
    run.insert(0, 'Please ');
    run.insert('Please Name the '.length, 'responsible ');
    run.insert('Please Name the responsible ministry'.length, ' today');
    expect(resolveAnchor(fragment, anchor)).toMatchObject({ text: 'the responsible ministry' });
    run.delete('Please Name '.length, 'the responsible ministry'.length);
    expect(resolveAnchor(fragment, anchor)).toEqual({ detached: true });
  });

  it('detach when the whole paragraph goes', () => {
    const doc = sectionDoc(paragraph('First.'), paragraph('Second words.'));
    const fragment = doc.getXmlFragment(SECTION);
    const anchor = anchorQuote(fragment, 'Second');
    if (!anchor) throw new Error('expected an anchor');
    fragment.delete(1, 1);
    expect(resolveAnchor(fragment, anchor)).toEqual({ detached: true });
    expect(resolveAnchor(fragment, { start: new Uint8Array([9]), end: anchor.end })).toEqual({
      detached: true,
    });
  });

  it('take a client’s proposed range only when it covers the quote', () => {
    const doc = sectionDoc(paragraph('aid and aid again'));
    const fragment = doc.getXmlFragment(SECTION);
    const run = runOf(doc, 0);
    const second = {
      start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, 8)),
      end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, 11, -1)),
    };
    expect(checkedAnchor(fragment, second, 'aid')).toBe(second);
    const resolved = resolveAnchor(fragment, second);
    expect(resolved).toMatchObject({ from: 8, to: 11 });
    expect(checkedAnchor(fragment, second, 'and')).toBeNull();
  });
});

describe('section recommendations', () => {
  it('are the top-level paragraphs and list items with text, each with its block’s Yjs id', () => {
    const doc = sectionDoc(
      heading(2, 'Heading'),
      paragraph('First.'),
      paragraph(''),
      bulletList(['Item one', 'Item two']),
    );
    const items = sectionRecommendations(doc.getXmlFragment(SECTION));
    expect(items.map((item) => item.text)).toEqual(['First.', 'Item one', 'Item two']);
    expect(new Set(items.map((item) => item.id)).size).toBe(3);
    expect(items[0]?.id).toMatch(/^\d+-\d+$/);
  });
});
