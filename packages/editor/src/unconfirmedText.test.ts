// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { collaborationExtensions } from './collaborationExtensions.ts';
import { contentExtensions } from './contentExtensions.ts';
import { writeRichText } from './richTextFragment.ts';
import {
  CONNECTED_GRACE_MS,
  type ServerConfirmations,
  type UnconfirmedRun,
  UnconfirmedText,
  unconfirmedRuns,
} from './unconfirmedText.ts';

const SECTION = 'section:s1';
const OTHER_SECTION = 'section:s2';
const OWN = 7;
const SOMEONE_ELSE = 8;

/** The server's side of the confirmations, set by hand as the save acknowledgements would. */
class Confirmations implements ServerConfirmations {
  readonly from = new Map<number, number>();
  online = false;
  readonly #listeners = new Set<() => void>();
  unconfirmedFrom = () => this.from;
  connected = () => this.online;
  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
  /** The server stored everything `client` wrote so far. */
  confirmAll(doc: Y.Doc, client: number): void {
    this.from.set(client, Y.getState(doc.store, client));
    this.#tell();
  }
  /** The socket opened or closed. */
  setOnline(online: boolean): void {
    this.online = online;
    this.#tell();
  }
  #tell(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** A plan with one paragraph per section, written by the server (client 1). */
function serverPlan(): Uint8Array {
  const seed = new Y.Doc();
  seed.clientID = 1;
  writeRichText(seed.getXmlFragment(SECTION), {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Agreed text.' }] }],
  });
  writeRichText(seed.getXmlFragment(OTHER_SECTION), {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Elsewhere.' }] }],
  });
  return Y.encodeStateAsUpdate(seed);
}

function docOf(clientId: number, update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, update);
  return doc;
}

/** Appends `text` to the first paragraph of `fragment`, as one Yjs transaction. */
function typeAtEnd(fragment: Y.XmlFragment, text: string): void {
  const paragraph = fragment.get(0) as Y.XmlElement;
  const run = paragraph.get(0) as Y.XmlText;
  run.insert(run.length, text);
}

/** Each run's characters, read from Yjs by clock: the item holding them, cut to the run. */
function textOf(runs: UnconfirmedRun[]): string[] {
  return runs.map(runText);
}

function runText(run: UnconfirmedRun): string {
  const structs = run.text.doc?.store.clients.get(run.client) ?? [];
  const item = structs[Y.findIndexSS(structs, run.clock)] as Y.Item;
  const content = item.content as Y.ContentString;
  const start = run.clock - item.id.clock;
  return content.str.slice(start, start + run.length);
}

describe('unconfirmedRuns', () => {
  it('finds only own text past the confirmed clock, in its own section, not deleted', () => {
    const doc = docOf(OWN, serverPlan());
    const section = doc.getXmlFragment(SECTION);
    typeAtEnd(section, ' Saved words.');
    const confirmedAt = Y.getState(doc.store, OWN);
    // Typed on in a later transaction: Yjs merges it into the same item as the saved words.
    typeAtEnd(section, ' Kept words.');
    typeAtEnd(doc.getXmlFragment(OTHER_SECTION), ' Other section.');

    const from = new Map([[OWN, confirmedAt]]);
    expect(textOf(unconfirmedRuns(doc, section, from))).toEqual([' Kept words.']);
    expect(textOf(unconfirmedRuns(doc, doc.getXmlFragment(OTHER_SECTION), from))).toEqual([
      ' Other section.',
    ]);

    // Someone else's text in between is theirs, not ours to mark.
    const other = docOf(SOMEONE_ELSE, Y.encodeStateAsUpdate(doc));
    typeAtEnd(other.getXmlFragment(SECTION), ' Theirs.');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(textOf(unconfirmedRuns(doc, section, from))).toEqual([' Kept words.']);

    // Own unconfirmed text deleted again is nothing to save.
    const run = (section.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const kept = run.toString().indexOf(' Kept');
    run.delete(kept, ' Kept'.length);
    expect(textOf(unconfirmedRuns(doc, section, from))).toEqual([' words.']);

    // Everything confirmed: nothing to mark.
    from.set(OWN, Y.getState(doc.store, OWN));
    expect(unconfirmedRuns(doc, section, from)).toEqual([]);
  });

  it('finds text restored from the device under an earlier session client', () => {
    const before = docOf(OWN, serverPlan());
    typeAtEnd(before.getXmlFragment(SECTION), ' Typed offline.');
    // A reload: a new doc, a new client id, the old session's text from the device's copy.
    const after = docOf(OWN + 100, Y.encodeStateAsUpdate(before));
    const from = new Map([
      [OWN, 0],
      [after.clientID, 0],
    ]);
    expect(textOf(unconfirmedRuns(after, after.getXmlFragment(SECTION), from))).toEqual([
      ' Typed offline.',
    ]);
  });
});

describe('UnconfirmedText', () => {
  const editors: Editor[] = [];
  afterEach(() => {
    for (const editor of editors.splice(0)) editor.destroy();
  });

  function editorOn(
    doc: Y.Doc,
    confirmations: Confirmations,
    label = () => 'Not yet saved',
  ): Editor {
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: [
        ...contentExtensions(),
        // As the section editor binds: the editor made with the section's text.
        ...collaborationExtensions({
          fragment: doc.getXmlFragment(SECTION),
          awareness: new Awareness(doc),
          user: { name: 'Dara', color: '#1565c0' },
        }),
        UnconfirmedText.configure({ confirmations, label }),
      ],
    });
    editors.push(editor);
    return editor;
  }

  const marked = (editor: Editor) =>
    [...editor.view.dom.querySelectorAll('.unconfirmed-text')].map((span) => span.textContent);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('marks what is typed until the server confirms it, and labels it', async () => {
    const doc = docOf(OWN, serverPlan());
    const confirmations = new Confirmations();
    confirmations.from.set(OWN, 0);
    const editor = editorOn(doc, confirmations);
    await settle();
    expect(marked(editor)).toEqual([]);

    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' New words');
    await settle();
    expect(marked(editor)).toEqual([' New words']);
    expect(editor.view.dom.querySelector('.unconfirmed-text')?.getAttribute('title')).toBe(
      'Not yet saved',
    );

    confirmations.confirmAll(doc, OWN);
    await settle();
    expect(marked(editor)).toEqual([]);

    // Typed after the confirmation: only the new part is marked, though Yjs merged the runs.
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' and more');
    await settle();
    expect(marked(editor)).toEqual([' and more']);
    expect(editor.getText()).toBe('Agreed text. New words and more');
  });

  it('marks text the device kept from an earlier session as soon as the editor opens', async () => {
    const before = docOf(OWN, serverPlan());
    typeAtEnd(before.getXmlFragment(SECTION), ' Typed offline.');
    const after = docOf(OWN + 100, Y.encodeStateAsUpdate(before));
    const confirmations = new Confirmations();
    confirmations.from.set(OWN, Y.getState(before.store, OWN) - ' offline.'.length);
    const editor = editorOn(after, confirmations);
    // Drawn with the text, not a task later.
    expect(marked(editor)).toEqual([' offline.']);
    await settle();
    expect(marked(editor)).toEqual([' offline.']);

    // Someone else's text arriving inside the section moves the mark, never onto theirs.
    const other = docOf(SOMEONE_ELSE, Y.encodeStateAsUpdate(after));
    const run = (other.getXmlFragment(SECTION).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    run.insert(0, 'Theirs. ');
    Y.applyUpdate(after, Y.encodeStateAsUpdate(other, Y.encodeStateVector(after)));
    await settle();
    expect(editor.getText()).toBe('Theirs. Agreed text. Typed offline.');
    expect(marked(editor)).toEqual([' offline.']);
  });

  it('looks up no label for changes someone else makes while nothing is unconfirmed', async () => {
    const doc = docOf(OWN, serverPlan());
    const confirmations = new Confirmations();
    confirmations.confirmAll(doc, OWN);
    let lookups = 0;
    const editor = editorOn(doc, confirmations, () => {
      lookups += 1;
      return 'Not yet saved';
    });
    await settle();
    const before = lookups;

    const other = docOf(SOMEONE_ELSE, Y.encodeStateAsUpdate(doc));
    for (const key of ' Theirs') {
      typeAtEnd(other.getXmlFragment(SECTION), key);
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    }
    await settle();
    expect(editor.getText()).toBe('Agreed text. Theirs');
    expect(marked(editor)).toEqual([]);
    expect(lookups).toBe(before);
  });

  it('marks typing anywhere, a new paragraph too, without a transaction of its own per key', async () => {
    const doc = docOf(OWN, serverPlan());
    const confirmations = new Confirmations();
    confirmations.from.set(OWN, 0);
    const editor = editorOn(doc, confirmations);
    await settle();
    // At the very start of the section, where y-tiptap's converter sees a misplaced caret.
    editor.commands.setTextSelection(1);
    let transactions = 0;
    editor.on('transaction', () => {
      transactions += 1;
    });
    for (const key of 'Now: ') editor.commands.insertContent(key);
    await settle();
    expect(transactions).toBe('Now: '.length);
    expect(marked(editor)).toEqual(['Now: ']);

    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    editor.commands.splitBlock();
    editor.commands.insertContent('A new paragraph.');
    await settle();
    expect(editor.getText({ blockSeparator: '|' })).toBe('Now: Agreed text.|A new paragraph.');
    expect(marked(editor)).toEqual(['Now: ', 'A new paragraph.']);
  });

  it('connected, marks only text the server has not confirmed for a second, not each key', async () => {
    vi.useFakeTimers();
    try {
      const doc = docOf(OWN, serverPlan());
      const confirmations = new Confirmations();
      confirmations.from.set(OWN, 0);
      confirmations.online = true;
      const editor = editorOn(doc, confirmations);
      await vi.advanceTimersByTimeAsync(0);
      let redraws = 0;
      editor.on('transaction', ({ transaction }) => {
        if (!transaction.docChanged) redraws += 1;
      });

      // Typing, each key stored within moments: nothing is marked, nothing redrawn for it.
      for (const key of ' Quick') {
        editor.commands.insertContentAt(editor.state.doc.content.size - 1, key);
        expect(marked(editor)).toEqual([]);
        await vi.advanceTimersByTimeAsync(60);
        confirmations.confirmAll(doc, OWN);
        await vi.advanceTimersByTimeAsync(60);
      }
      await vi.advanceTimersByTimeAsync(3 * CONNECTED_GRACE_MS);
      expect(marked(editor)).toEqual([]);
      expect(redraws).toBe(0);

      // The server stalls: the text shows as unconfirmed once it has waited a second.
      editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' stalled');
      await vi.advanceTimersByTimeAsync(CONNECTED_GRACE_MS / 2);
      expect(marked(editor)).toEqual([]);
      await vi.advanceTimersByTimeAsync(2 * CONNECTED_GRACE_MS);
      expect(marked(editor)).toEqual([' stalled']);

      // Confirmed: the mark goes. Offline: what is typed is marked at once.
      confirmations.confirmAll(doc, OWN);
      await vi.advanceTimersByTimeAsync(CONNECTED_GRACE_MS);
      expect(marked(editor)).toEqual([]);
      confirmations.setOnline(false);
      await vi.advanceTimersByTimeAsync(0);
      editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' offline');
      expect(marked(editor)).toEqual([' offline']);
      expect(editor.getText()).toBe('Agreed text. Quick stalled offline');
    } finally {
      vi.useRealTimers();
    }
  });
});
