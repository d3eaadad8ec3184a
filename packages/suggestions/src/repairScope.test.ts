import { SUGGESTION_FORMAT } from '@plenary/editor';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textsToRepair } from './repairScope.ts';
import type { DecidedSuggestion } from './suggestionMarkRepair.ts';

const SECTION = 'section:s1';
const mark = { id: 'ins-1', authorId: 'u-1', authorName: 'Sokha', groupId: 'g1', at: 1 };

/** A section of `count` plain paragraphs, the one at `marked` with a suggestion. */
function section(count: number, marked: number): { doc: Y.Doc; texts: Y.XmlText[] } {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const fragment = doc.getXmlFragment(SECTION);
  const texts: Y.XmlText[] = [];
  for (let p = 0; p < count; p++) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(p, [paragraph]);
    text.insert(0, 'Early warning reports reach the mechanism.');
    if (p === marked) text.format(6, 7, { [SUGGESTION_FORMAT.insertion]: mark });
    texts.push(text);
  }
  return { doc, texts };
}

/** Runs a change as another client would and returns its update, applied to `doc`. */
function changeOf(doc: Y.Doc, clientId: number, change: (texts: Y.XmlText[]) => void): Uint8Array {
  const other = new Y.Doc();
  other.clientID = clientId;
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(other);
  const texts = other
    .getXmlFragment(SECTION)
    .toArray()
    .map((paragraph) => (paragraph as Y.XmlElement).get(0) as Y.XmlText);
  change(texts);
  const update = Y.encodeStateAsUpdate(other, before);
  Y.applyUpdate(doc, update);
  return update;
}

const nothingDecided = { decided: new Map<string, DecidedSuggestion>() };

describe('textsToRepair', () => {
  it('leaves out a paragraph without suggestions, however large the section', () => {
    const { doc } = section(200, 150);
    const update = changeOf(doc, 7, (texts) => texts[0]?.insert(0, 'x'));
    expect(textsToRepair(doc, [update], nothingDecided).size).toBe(0);
  });

  it('takes exactly the touched paragraph that holds a suggestion mark', () => {
    const { doc, texts } = section(200, 150);
    const typed = changeOf(doc, 7, (t) => {
      t[0]?.insert(0, 'x');
      t[150]?.insert(8, 'y');
    });
    const deleted = changeOf(doc, 8, (t) => t[150]?.delete(0, 2));
    const fragment = doc.getXmlFragment(SECTION);
    for (const update of [typed, deleted]) {
      expect(textsToRepair(doc, [update], nothingDecided).get(fragment)).toEqual([texts[150]]);
    }
  });

  it('takes a paragraph with text by the author of an accepted insertion', () => {
    const { doc, texts } = section(3, -1);
    const accepted = changeOf(doc, 9, (t) => t[1]?.insert(0, 'accepted '));
    const decided = new Map<string, DecidedSuggestion>([
      [
        'ins-9',
        {
          action: 'accept',
          seen: new Map(),
          inserted: {
            items: [{ client: 9, clock: 0, length: 9 }],
            author: { id: 'u-9', name: 'Dara', groupId: 'g1' },
          },
        },
      ],
    ]);
    const typedOn = changeOf(doc, 9, (t) => t[1]?.insert(9, 'more'));
    const fragment = doc.getXmlFragment(SECTION);
    expect(textsToRepair(doc, [typedOn], { decided }).get(fragment)).toEqual([texts[1]]);
    expect(textsToRepair(doc, [accepted], nothingDecided).size).toBe(0);
  });
});
