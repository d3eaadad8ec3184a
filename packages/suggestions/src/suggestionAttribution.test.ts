// @vitest-environment happy-dom
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { decidedDoc } from './suggestionDecisions.ts';
import { listSuggestions } from './suggestionList.ts';
import { AUTHORS, SuggestingClients, seededRandom } from './testing/suggestingClients.ts';
import { markedRuns } from './testing/suggestionMarksInDoc.ts';

const body = richTextDoc(paragraph('Protect civilians'));

describe('attribution', () => {
  it('typing next to someone else’s suggestion starts a new suggestion with its real author', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(1).insertContent('Always ').run();
    net.at(0).editor.chain().insertContent('fully ').run();
    net.sync();
    // Dara types right after Sokha's insertion, then right before it.
    net.at(1).editor.chain().setTextSelection(14).insertContent('and ').run();
    net.at(1).editor.chain().setTextSelection(1).insertContent('We ').run();
    net.sync();
    const pending = listSuggestions(net.at(0).editor.state.doc);
    expect(pending.map((s) => [s.authorName, s.insertedText])).toEqual([
      ['Dara', 'We '],
      ['Sokha', 'Always fully '],
      ['Dara', 'and '],
    ]);
    expect(new Set(pending.map((s) => s.id)).size).toBe(3);
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    net.destroy();
  });

  it('a new author is taken without a transaction, and signs what is typed next', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const { editor } = net.at(0);
    let transactions = 0;
    editor.on('transaction', () => {
      transactions += 1;
    });
    const dara = AUTHORS[1] as (typeof AUTHORS)[number];
    editor.commands.setSuggestionAuthor(dara);
    // An empty transaction makes the Yjs binding compare the whole text with its fragment.
    expect(transactions).toBe(0);
    editor.chain().setTextSelection(1).insertContent('We ').run();
    expect(listSuggestions(editor.state.doc).map((s) => s.authorName)).toEqual(['Dara']);
    net.destroy();
  });

  it('two authors typing at the same spot at once keep their own text', () => {
    for (let seed = 1; seed <= 6; seed++) {
      // Yjs orders concurrent insertions at one spot by client id: try both orders.
      const net = new SuggestingClients(body, AUTHORS.slice(0, 2), {
        clientIds: seed % 2 ? [1, 2] : [2, 1],
      });
      net.at(0).editor.chain().setTextSelection(9).insertContent('AAAA').run();
      net.at(1).editor.chain().setTextSelection(9).insertContent('BBBB').run();
      net.sync(seededRandom(seed));
      expect(net.docs()[1]).toEqual(net.docs()[0]);
      for (const run of markedRuns(net.at(0).editor.state.doc)) {
        if (run.text.includes('A'))
          expect(run).toMatchObject({ text: 'AAAA', authorId: 'u-sokha' });
        if (run.text.includes('B')) expect(run).toMatchObject({ text: 'BBBB', authorId: 'u-dara' });
      }
      net.destroy();
    }
  });

  // The random sequential test, seed 4, minimized: Dara's deletion of Sokha's suggested
  // text was dropped, so accepting everything kept text that editing directly removes.
  it('deleting someone else’s suggested text suggests a deletion on top of their insertion', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(9).insertContent('all ').run();
    net.sync();
    net.at(1).editor.chain().setTextSelection({ from: 11, to: 15 }).deleteSelection().run();
    net.sync();
    const doc = net.at(0).editor.state.doc;
    expect(markedRuns(doc).map((r) => [r.text, r.kind, r.authorId, r.insertedBy])).toEqual([
      ['Protect ', null, null, null],
      ['al', 'insertion', 'u-sokha', 'u-sokha'],
      ['l ', 'deletion', 'u-dara', 'u-sokha'],
      ['ci', 'deletion', 'u-dara', null],
      ['vilians', null, null, null],
    ]);
    expect(decidedDoc(doc, { action: 'accept' }).textContent).toBe('Protect alvilians');
    expect(decidedDoc(doc, { action: 'reject' }).textContent).toBe('Protect civilians');
    // Each is decided on its own: Sokha's insertion, then Dara's deletion.
    const accepted = decidedDoc(doc, { action: 'accept', authorId: 'u-sokha' });
    expect(decidedDoc(accepted, { action: 'reject' }).textContent).toBe('Protect all civilians');
    const rejected = decidedDoc(doc, { action: 'reject', authorId: 'u-sokha' });
    expect(decidedDoc(rejected, { action: 'accept' }).textContent).toBe('Protect vilians');
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    net.destroy();
  });

  it('five clients suggesting at once never mint the same id', () => {
    const net = new SuggestingClients(body, AUTHORS);
    const random = seededRandom(7);
    for (let round = 0; round < 10; round++) {
      for (const client of net.clients) {
        const size = client.editor.state.doc.content.size;
        const at = 1 + Math.floor(random() * (size - 2));
        client.editor.chain().setTextSelection(at).insertContent(`${client.author.name[0]}`).run();
      }
      if (round % 3 === 2) net.sync(random);
    }
    net.sync(random);
    const docs = net.docs();
    for (const doc of docs) expect(doc).toEqual(docs[0]);
    const authorOf = new Map<string, string>();
    for (const run of markedRuns(net.at(0).editor.state.doc)) {
      if (!run.id || !run.authorId) continue;
      expect(authorOf.get(run.id) ?? run.authorId).toBe(run.authorId);
      authorOf.set(run.id, run.authorId);
      expect(run.text[0]).toBe(AUTHORS.find((a) => a.id === run.authorId)?.name[0]);
    }
    net.destroy();
  });
});

// What the Yjs binding writes decides what survives when two people type at once: text
// goes to Yjs as a diff of the paragraph, and its marks as formatting ranges.
describe('typing at the same spot at once, through Yjs', () => {
  const insertedBy = (net: SuggestingClients, authorId: string) =>
    markedRuns(net.at(0).editor.state.doc)
      .filter((r) => r.insertedBy === authorId)
      .map((r) => r.text)
      .join('');

  // The five-client test above, when it failed: formatting every run again after each
  // change moved Yjs format boundaries that Dara's "E" depended on, and it became
  // original text.
  it('text that extends one’s own suggestion stays a suggestion while someone types there', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    dara.chain().setTextSelection(8).insertContent('D').run();
    net.sync();
    sokha.chain().setTextSelection(9).insertContent('S').run();
    dara.chain().setTextSelection(9).insertContent('E').run();
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(net.at(0).editor.getText()).toBe('ProtectDSE civilians');
    expect([insertedBy(net, 'u-dara'), insertedBy(net, 'u-sokha')]).toEqual(['DE', 'S']);
    net.destroy();
  });

  // The random concurrent test, seed 16, minimized: " S1 " typed after "in" read to the
  // binding as "S1  " typed after "in ", so the original space took Sokha's mark, and
  // Dara, typing there at once, took it too and lost her own.
  it('two words typed after the same word, before a space, keep their own marks', () => {
    const net = new SuggestingClients(richTextDoc(paragraph('in every')), AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(3).insertContent(' S1 ').run();
    net.at(1).editor.chain().setTextSelection(3).insertContent(' D2 ').run();
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect([insertedBy(net, 'u-sokha'), insertedBy(net, 'u-dara')]).toEqual([' S1 ', ' D2 ']);
    net.destroy();
  });

  // The random concurrent test, seed 43, minimized: " D2 " typed before Dara's own " D1 "
  // read as "2  D" typed after its " D", and Sokha's "S" typed at once inside " D1 "
  // landed in the middle of it.
  it('typing before one’s own suggestion while someone types inside it keeps both in place', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    dara.chain().setTextSelection(9).insertContent(' D1 ').run();
    net.sync();
    dara.chain().setTextSelection(9).insertContent(' D2 ').run();
    sokha.chain().setTextSelection(11).insertContent('S').run();
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(net.at(0).editor.getText()).toBe('Protect  D2  DS1 civilians');
    net.destroy();
  });
});

// Yjs keeps marks as format ranges: a boundary item sets a mark and every character after
// it has the mark until the next boundary. Text typed at the same moment as a change to
// the range around it could end up on the wrong side of a boundary; the yjs and y-tiptap
// patches keep boundaries that look redundant and give typed text boundaries of its own.
describe('typing while someone decides or deletes around it, through Yjs', () => {
  const runsOf = (net: SuggestingClients) =>
    markedRuns(net.at(0).editor.state.doc).map((r) => [r.text, r.kind, r.authorId, r.insertedBy]);

  // The random concurrent test, seed 48: Sokha's "S" typed inside Dara's suggestion ends
  // with a boundary that restores the suggestion's mark; rejecting the suggestion at the
  // same moment used to delete its end boundary as redundant, so the mark ran on over
  // "civilians", which rejecting it again would delete.
  it('text typed inside a suggestion that is rejected at the same moment leaves the text after it alone', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    dara.chain().setTextSelection(9).insertContent('D1 ').run();
    net.sync();
    sokha.chain().setTextSelection(10).insertContent('S').run();
    dara.commands.decideSuggestions({
      action: 'reject',
      id: listSuggestions(dara.state.doc)[0]?.id,
    });
    net.sync();
    expect(runsOf(net)).toEqual([
      ['Protect ', null, null, null],
      ['S', 'insertion', 'u-sokha', 'u-sokha'],
      ['civilians', null, null, null],
    ]);
    net.destroy();
  });

  // The random concurrent test, seed 37, minimized: " D2 " typed inside Dara's own " D1 ",
  // after its first space, reads to a string diff as "  D2" typed before " D1 " as well,
  // and the binding took the place where whole runs of typed text start. Rejecting " D1 "
  // at the same moment then deleted a space of " D2 " and left one of " D1 ". The binding
  // now places the change where the editor's cursor says it was made.
  it('text typed inside one’s own suggestion as it is rejected keeps every character', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    dara.chain().setTextSelection(9).insertContent(' D1 ').run();
    net.sync();
    dara.chain().setTextSelection(10).insertContent(' D2 ').run();
    expect(dara.getText()).toBe('Protect   D2 D1 civilians');
    sokha.commands.decideSuggestions({
      action: 'reject',
      id: listSuggestions(sokha.state.doc)[0]?.id,
    });
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(sokha.getText()).toBe('Protect  D2 civilians');
    net.destroy();
  });

  // KNOWN FAILURE (the random concurrent test, seed 6): typing that joins one's own
  // suggestion has no format boundary of its own, it lies inside the suggestion's range;
  // deciding the suggestion at the same moment removes that range, and "x" is left as
  // original text. Writing the suggestion's attributes again at every keystroke fixes it
  // but makes every keystroke two or three Yjs items (typingGrowth.test.ts): a plan typed
  // for two days would grow 40-100 times, so the binding does not. Decided by the server,
  // as the app decides, the server's repair gives such text back to its author as a new
  // suggestion (suggestionMarkRepair.test.ts); here the decision is a client's own.
  it.fails('text that joins one’s own suggestion while it is accepted stays a suggestion', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    dara.chain().setTextSelection(9).insertContent('D1 ').run();
    net.sync();
    dara.chain().setTextSelection(12).insertContent('x').run();
    sokha.commands.decideSuggestions({
      action: 'accept',
      id: listSuggestions(sokha.state.doc)[0]?.id,
    });
    net.sync();
    expect(runsOf(net)).toEqual([
      ['Protect D1 ', null, null, null],
      ['x', 'insertion', 'u-dara', 'u-dara'],
      ['civilians', null, null, null],
    ]);
    net.destroy();
  });

  // KNOWN FAILURE between editors alone (the random concurrent test, seed 60): "S" typed
  // where Dara's deletion ends, at the same moment, is ordered by Yjs before the
  // deletion's end boundary (by client id); it falls inside the deletion. An explicit "no
  // deletion" boundary on every typed run would prevent it, at the cost the test above
  // describes. In the app the server takes the deletion off it: the deletion's format
  // item records what Dara had seen, and "S" is newer (suggestionMarkRepair.test.ts).
  it.fails('text typed where a deletion ends, at the same moment, stays out of the deletion', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2), { clientIds: [1, 2] });
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    sokha.chain().setTextSelection(8).insertContent('S').run();
    dara.chain().setTextSelection({ from: 6, to: 8 }).deleteSelection().run();
    net.sync();
    expect(runsOf(net)).toEqual([
      ['Prote', null, null, null],
      ['ct', 'deletion', 'u-dara', null],
      ['S', 'insertion', 'u-sokha', 'u-sokha'],
      [' civilians', null, null, null],
    ]);
    net.destroy();
  });
  // The random concurrent test, seed 144: accepting " D1 " restored Dara's mark after it,
  // just before Sokha's " S2 "; accepting " S2 " at the same moment removed the mark that
  // overrode it, and " S2 " became Dara's suggestion.
  it('two neighbouring suggestions accepted at the same moment both end up accepted', () => {
    for (const clientIds of [
      [1, 2, 3],
      [3, 2, 1],
    ]) {
      const net = new SuggestingClients(body, AUTHORS.slice(0, 3), { clientIds });
      const [sokha, dara, vanna] = [net.at(0).editor, net.at(1).editor, net.at(2).editor];
      dara.chain().setTextSelection(9).insertContent(' D1 ').run();
      net.sync();
      sokha.chain().setTextSelection(13).insertContent(' S2 ').run();
      net.sync();
      const [d1, s2] = listSuggestions(sokha.state.doc);
      sokha.commands.decideSuggestions({ action: 'accept', id: d1?.id });
      vanna.commands.decideSuggestions({ action: 'accept', id: s2?.id });
      net.sync();
      expect(net.docs()[1]).toEqual(net.docs()[0]);
      expect(runsOf(net)).toEqual([['Protect  D1  S2 civilians', null, null, null]]);
      net.destroy();
    }
  });
});

describe('undo in Suggesting mode', () => {
  it('withdraws one’s own suggestion and leaves the other author’s', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(9).insertContent('all ').run();
    net.sync();
    net.at(1).editor.chain().setTextSelection({ from: 1, to: 8 }).deleteSelection().run();
    net.sync();
    expect(net.at(0).editor.commands.undo()).toBe(true);
    net.sync();
    const pending = listSuggestions(net.at(1).editor.state.doc);
    expect(pending.map((s) => [s.authorName, s.kind, s.deletedText])).toEqual([
      ['Dara', 'delete', 'Protect'],
    ]);
    expect(net.at(1).editor.getText()).toBe('Protect civilians');
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    net.destroy();
  });
});

describe('in the DOM', () => {
  it('shows insertions as <ins> and deletions as <del> with author and group', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(9).insertContent('all ').run();
    net.at(0).editor.chain().setTextSelection({ from: 1, to: 8 }).deleteSelection().run();
    net.sync();
    const dom = net.at(1).editor.view.dom;
    expect(dom.querySelector('ins')?.textContent).toBe('all ');
    expect(dom.querySelector('del')?.textContent).toBe('Protect');
    expect(dom.querySelector('ins')?.getAttribute('data-author-name')).toBe('Sokha');
    expect(dom.querySelector('del')?.getAttribute('data-group-id')).toBe('g1');
    net.destroy();
  });
});
