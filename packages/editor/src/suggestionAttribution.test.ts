// @vitest-environment happy-dom
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
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

  it('two authors typing at the same spot at once keep their own text', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
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

  it('deleting across someone else’s insertion leaves their suggestion untouched', () => {
    const net = new SuggestingClients(body, AUTHORS.slice(0, 2));
    net.at(0).editor.chain().setTextSelection(9).insertContent('all ').run();
    net.sync();
    net.at(1).editor.chain().setTextSelection({ from: 1, to: 22 }).deleteSelection().run();
    net.sync();
    const runs = markedRuns(net.at(0).editor.state.doc);
    expect(runs.map((r) => [r.text, r.kind, r.authorId])).toEqual([
      ['Protect ', 'deletion', 'u-dara'],
      ['all ', 'insertion', 'u-sokha'],
      ['civilians', 'deletion', 'u-dara'],
    ]);
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
