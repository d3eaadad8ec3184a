import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type InsertedRun, insertedRuns, lastTextClient } from './textAuthorship.ts';

/** A paragraph with `text` at the end of `fragment`; returns its text node. */
function addParagraph(fragment: Y.XmlFragment, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const node = new Y.XmlText();
  // One transaction, as the editor makes one for a new paragraph with its first words.
  fragment.doc?.transact(() => {
    paragraph.insert(0, [node]);
    fragment.insert(fragment.length, [paragraph]);
    node.insert(0, text);
  });
  return node;
}

/** Replays `author`'s changes on `viewer`, collecting the runs each remote transaction added. */
function watch(viewer: Y.Doc, fragment: Y.XmlFragment): InsertedRun[][] {
  const seen: InsertedRun[][] = [];
  viewer.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.local) seen.push(insertedRuns(transaction, fragment));
  });
  return seen;
}

const relay = (from: Y.Doc, to: Y.Doc) =>
  from.on('update', (u: Uint8Array) => Y.applyUpdate(to, u));

describe('insertedRuns', () => {
  it('names the author of each piece of text a remote change adds, keystroke by keystroke', () => {
    const author = new Y.Doc();
    const viewer = new Y.Doc();
    relay(author, viewer);
    const seen = watch(viewer, viewer.getXmlFragment('section:goals'));
    const text = addParagraph(author.getXmlFragment('section:goals'), 'Prevent');
    text.insert(7, ' atrocities');
    expect(seen).toEqual([
      [{ client: author.clientID, clock: 2, length: 7 }],
      [{ client: author.clientID, clock: 9, length: 11 }],
    ]);
  });

  it('leaves out other sections, formatting, and text deleted in the same change', () => {
    const author = new Y.Doc();
    const viewer = new Y.Doc();
    relay(author, viewer);
    const seen = watch(viewer, viewer.getXmlFragment('section:goals'));
    addParagraph(author.getXmlFragment('section:risks'), 'Hate speech');
    const goals = addParagraph(author.getXmlFragment('section:goals'), 'Early');
    author.transact(() => {
      goals.insert(5, ' warnings');
      goals.delete(5, 9);
      goals.format(0, 5, { bold: true });
    });
    expect(seen.map((runs) => runs.length)).toEqual([0, 1, 0]);
  });
});

describe('lastTextClient', () => {
  it('is the author of the section’s last words, whoever wrote first', () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    relay(first, second);
    const fragment = first.getXmlFragment('section:goals');
    expect(lastTextClient(fragment)).toBeNull();
    addParagraph(fragment, 'One.');
    expect(lastTextClient(fragment)).toBe(first.clientID);
    addParagraph(second.getXmlFragment('section:goals'), 'Two.');
    expect(lastTextClient(second.getXmlFragment('section:goals'))).toBe(second.clientID);
  });
});
