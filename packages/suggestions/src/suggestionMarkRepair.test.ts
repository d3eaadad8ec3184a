// @vitest-environment happy-dom

import {
  readRichText,
  SUGGESTION_FORMAT,
  type SuggestionAuthor,
  writeRichText,
} from '@plenary/editor';
import { paragraph, richTextDoc } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decideSuggestions, listFragmentSuggestions } from './fragmentDecisions.ts';
import { listSuggestions } from './suggestionList.ts';
import {
  type DecidedAction,
  type DecidedSuggestion,
  decisionRecords,
  repairSuggestionMarks,
} from './suggestionMarkRepair.ts';
import { AUTHORS, SuggestingClients } from './testing/suggestingClients.ts';
import { markBy, markedRuns } from './testing/suggestionMarksInDoc.ts';

const body = richTextDoc(paragraph('Protect civilians'));

/** Two suggesting clients and a server that decides, and repairs after every update. */
function withServer(repair: boolean, clientIds = [1, 2]) {
  const decided = new Map<string, DecidedSuggestion>();
  const authorOfClient = (clientId: number) => AUTHORS[clientIds.indexOf(clientId)] ?? null;
  const net = new SuggestingClients(body, AUTHORS.slice(0, 2), {
    clientIds,
    server: {
      clientId: 100,
      afterUpdate: (fragment) => {
        if (repair) repairSuggestionMarks(fragment, { decided, authorOfClient });
      },
    },
  });
  const server = net.server as Y.XmlFragment;
  const decide = (action: DecidedAction, id: string | undefined) => {
    const matching = listFragmentSuggestions(server).filter((s) => id === undefined || s.id === id);
    const records = decisionRecords(server, new Set(matching.map((s) => s.id)), action);
    for (const s of decideSuggestions(server, { action, id }).decided) {
      decided.set(s.id, records.get(s.id) ?? { action });
    }
  };
  const runs = () =>
    markedRuns(net.at(0).editor.state.doc).map((r) => [r.text, r.kind, r.authorId]);
  return { net, decided, decide, runs };
}

describe('a decided suggestion is never pending again', () => {
  // The random concurrent test, seed 15: Sokha typed inside Dara's suggestion while the
  // server accepted it; the boundary after Sokha's text switched Dara's mark back on over
  // the rest of it, which stayed pending under a decided id (and was decided again later).
  it('text typed inside a suggestion as it is accepted: the rest of it is accepted too', () => {
    for (const repair of [true, false]) {
      const { net, decide, runs } = withServer(repair);
      const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
      dara.chain().setTextSelection(9).insertContent(' D1 ').run();
      net.sync();
      sokha.chain().setTextSelection(11).insertContent('S').run();
      decide('accept', listSuggestions(dara.state.doc)[0]?.id);
      net.sync();
      expect(net.docs()[1]).toEqual(net.docs()[0]);
      expect(runs()).toEqual([
        ['Protect  D', null, null],
        ['S', 'insertion', 'u-sokha'],
        ...(repair
          ? [['1 civilians', null, null]]
          : [
              ['1 ', 'insertion', 'u-dara'],
              ['civilians', null, null],
            ]),
      ]);
      net.destroy();
    }
  });
});

describe('text typed into a suggestion as it is decided stays a suggestion', () => {
  // The random concurrent test, seed 27: typing on at the end of one's own suggestion
  // extends it (same id, no format boundary of its own); the server accepts it at that
  // moment and "more " would end up unmarked, accepted unseen. The repair knows the
  // accepted text's items and gives what its author typed on after them back as a new
  // suggestion.
  it('typing on at the end of one’s own suggestion as it is accepted', () => {
    const { net, decide, runs } = withServer(true);
    const dara = net.at(1).editor;
    dara.chain().setTextSelection(9).insertContent('D1 ').run();
    net.sync();
    const [d1] = listSuggestions(dara.state.doc);
    dara.chain().setTextSelection(12).insertContent('more ').run();
    expect(listSuggestions(dara.state.doc).map((s) => [s.id, s.insertedText])).toEqual([
      [d1?.id, 'D1 more '],
    ]);
    decide('accept', d1?.id);
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(runs()).toEqual([
      ['Protect D1 ', null, null],
      ['more ', 'insertion', 'u-dara'],
      ['civilians', null, null],
    ]);
    expect(listSuggestions(net.at(0).editor.state.doc).map((s) => s.id)).not.toContain(d1?.id);
    net.destroy();
  });

  // The random concurrent test, seed 317: the same in the middle of one's own suggestion,
  // after the first of its two words. The "no insertion" boundary that ends Dara's earlier
  // suggestion was taken for one of "more "'s own, as if typed in Editing mode.
  it('typing inside one’s own suggestion as it is accepted', () => {
    const { net, decide, runs } = withServer(true);
    const dara = net.at(1).editor;
    dara.chain().setTextSelection(1).insertContent('D0 ').run();
    dara.chain().setTextSelection(12).insertContent('D1 D2 ').run();
    net.sync();
    const [, d1] = listSuggestions(dara.state.doc);
    expect(d1?.insertedText).toBe('D1 D2 ');
    dara.chain().setTextSelection(15).insertContent('more ').run();
    decide('accept', d1?.id);
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(runs()).toEqual([
      ['D0 ', 'insertion', 'u-dara'],
      ['Protect D1 ', null, null],
      ['more ', 'insertion', 'u-dara'],
      ['D2 civilians', null, null],
    ]);
    net.destroy();
  });

  // The random concurrent test, seed 1109: deleting the text between two of one's own
  // suggestions joins them into one (the deletion and the second take the first one's
  // id). Accepted at that moment as the reviewer saw it, the first alone, the rest must
  // stay pending.
  it('one’s own suggestion joined to the one being accepted', () => {
    const { net, decide, runs } = withServer(true);
    const dara = net.at(1).editor;
    dara.chain().setTextSelection(9).insertContent('D1 ').run();
    dara.chain().setTextSelection(14).insertContent(' D2').run();
    net.sync();
    const [d1, d2] = listSuggestions(dara.state.doc);
    expect([d1?.insertedText, d2?.insertedText]).toEqual(['D1 ', ' D2']);
    dara.chain().setTextSelection({ from: 12, to: 14 }).deleteSelection().run();
    expect(listSuggestions(dara.state.doc).map((s) => s.id)).toEqual([d1?.id]);
    decide('accept', d1?.id);
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(runs()).toEqual([
      ['Protect D1 ', null, null],
      ['ci', 'deletion', 'u-dara'],
      [' D2', 'insertion', 'u-dara'],
      ['vilians', null, null],
    ]);
    // Both new suggestions of Dara's, one id as her editor had joined them.
    const pending = listSuggestions(net.at(0).editor.state.doc);
    expect(pending.map((s) => [s.kind, s.deletedText, s.insertedText])).toEqual([
      ['replace', 'ci', ' D2'],
    ]);
    expect(pending[0]?.id).not.toBe(d1?.id);
    net.destroy();
  });
});

describe('text typed beside a suggestion as plain text stays plain', () => {
  // The counterpart of the case above: in Editing mode the typed text carries its own "no
  // insertion" boundary, so it was meant as plain text and the repair leaves it so.
  it('typing on at the end of one’s own suggestion in Editing mode as it is accepted', () => {
    const { net, decide, runs } = withServer(true);
    const dara = net.at(1).editor;
    dara.chain().setTextSelection(9).insertContent('D1 ').run();
    net.sync();
    const [d1] = listSuggestions(dara.state.doc);
    dara.commands.setEditingMode('editing');
    dara.chain().setTextSelection(12).insertContent('more ').run();
    decide('accept', d1?.id);
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(runs()).toEqual([['Protect D1 more civilians', null, null]]);
    net.destroy();
  });
});

describe('repairSuggestionMarks', () => {
  const [sokha, dara] = AUTHORS as [SuggestionAuthor, SuggestionAuthor];
  /** "Protect civilians" typed by client 1 (Sokha), with `marks` put on its characters. */
  function section(marks: [number, number, Record<string, unknown>][]) {
    const doc = new Y.Doc();
    doc.clientID = 1;
    const fragment = doc.getXmlFragment('section:s1');
    writeRichText(fragment, body);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (const [index, length, attrs] of marks) text.format(index, length, attrs);
    return fragment;
  }
  const runs = (fragment: Y.XmlFragment) =>
    markedRuns(readRichText(fragment)).map((r) => [r.text, r.kind, r.authorId, r.id]);
  const context = (decided: [string, DecidedAction][]) => ({
    decided: new Map(decided.map(([id, action]) => [id, { action }])),
    authorOfClient: (client: number) => (client === 1 ? sokha : null),
    newId: () => 'new',
    now: () => 2,
  });

  it('unmarks an accepted insertion and any decided deletion, and does it once', () => {
    const fragment = section([
      [0, 7, { [SUGGESTION_FORMAT.insertion]: markBy(sokha, 'ins') }],
      [8, 4, { [SUGGESTION_FORMAT.deletion]: markBy(dara, 'del') }],
    ]);
    const decided = context([
      ['ins', 'accept'],
      ['del', 'reject'],
    ]);
    expect(repairSuggestionMarks(fragment, decided)).toBe(2);
    expect(runs(fragment)).toEqual([['Protect civilians', null, null, null]]);
    expect(repairSuggestionMarks(fragment, decided)).toBe(0);
  });

  it('keeps what is left of a rejected insertion as a new suggestion of whoever typed it', () => {
    const fragment = section([[0, 7, { [SUGGESTION_FORMAT.insertion]: markBy(dara, 'ins') }]]);
    repairSuggestionMarks(fragment, context([['ins', 'reject']]));
    expect(runs(fragment)).toEqual([
      ['Protect', 'insertion', 'u-sokha', 'new'],
      [' civilians', null, null, null],
    ]);
  });

  it('leaves pending suggestions alone', () => {
    const fragment = section([[0, 7, { [SUGGESTION_FORMAT.insertion]: markBy(dara, 'ins') }]]);
    expect(repairSuggestionMarks(fragment, context([['other', 'accept']]))).toBe(0);
    expect(runs(fragment)[0]).toEqual(['Protect', 'insertion', 'u-dara', 'ins']);
  });

  // The random concurrent test, seed 1165: the boundary that switched Sokha's deletion
  // back on after text the repair had unmarked came to stand before her own " S19 ".
  // Someone else's deletion over her suggestion is a real suggestion and stays.
  it('takes a deletion off its own author’s pending insertion, and only that', () => {
    const fragment = section([
      [0, 7, { [SUGGESTION_FORMAT.insertion]: markBy(sokha, 'ins') }],
      [0, 3, { [SUGGESTION_FORMAT.deletion]: markBy(sokha, 'del') }],
      [3, 4, { [SUGGESTION_FORMAT.deletion]: markBy(dara, 'del2') }],
    ]);
    expect(repairSuggestionMarks(fragment, context([]))).toBe(1);
    expect(runs(fragment)).toEqual([
      ['Pro', 'insertion', 'u-sokha', 'ins'],
      ['tect', 'deletion', 'u-dara', 'del2'],
      [' civilians', null, null, null],
    ]);
  });
});

describe('the server decides text item by item', () => {
  // The random concurrent test, seed 28: the server wrote its rejection as a text diff,
  // which matched Lina's " L7 " typed inside Sokha's " S2 " against the rejected text and
  // re-created it; " L10 ", typed by Lina inside " L7 " at the same moment, then split
  // it, and a space of her token was left with Sokha's mark.
  it('text typed inside a suggestion as it is rejected keeps its place and author', () => {
    const { net, decide, runs } = withServer(false);
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    sokha.chain().setTextSelection(9).insertContent(' S2 ').run();
    net.sync();
    dara.chain().setTextSelection(12).insertContent(' D7 ').run();
    net.sync();
    dara.chain().setTextSelection(15).insertContent(' D10 ').run();
    decide('reject', listSuggestions(sokha.state.doc)[0]?.id);
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    expect(runs()).toEqual([
      ['Protect ', null, null],
      [' D7 D10  ', 'insertion', 'u-dara'],
      ['civilians', null, null],
    ]);
    net.destroy();
  });
});

// Yjs gives a format range to whatever lies inside it, also to text typed there by someone
// who had not yet seen the formatting. A suggested deletion must not take such text: the
// binding records in the deletion's format item what its author had seen, and the repair
// unmarks text created after that.
describe('text typed inside a suggested deletion at the same moment stays out of it', () => {
  const withRuns = (net: SuggestingClients) =>
    markedRuns(net.at(0).editor.state.doc).map((r) => [r.text, r.kind, r.authorId, r.insertedBy]);

  // The random concurrent test, seed 111: Dara deleted "ts" while Sokha typed between t and s.
  it('typed inside the deleted text', () => {
    for (const clientIds of [
      [1, 2],
      [2, 1],
    ]) {
      const { net } = withServer(true, clientIds);
      const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
      dara.chain().setTextSelection({ from: 6, to: 8 }).deleteSelection().run();
      sokha.chain().setTextSelection(7).insertContent(' S1 ').run();
      net.sync();
      expect(net.docs()[1]).toEqual(net.docs()[0]);
      expect(withRuns(net)).toEqual([
        ['Prote', null, null, null],
        ['c', 'deletion', 'u-dara', null],
        [' S1 ', 'insertion', 'u-sokha', 'u-sokha'],
        ['t', 'deletion', 'u-dara', null],
        [' civilians', null, null, null],
      ]);
      net.destroy();
    }
  });

  // The random concurrent test, seed 60: Yjs orders "S" before the deletion's end boundary
  // for one order of the client ids.
  it('typed where the deleted text ends', () => {
    for (const clientIds of [
      [1, 2],
      [2, 1],
    ]) {
      const { net } = withServer(true, clientIds);
      const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
      sokha.chain().setTextSelection(8).insertContent('S').run();
      dara.chain().setTextSelection({ from: 6, to: 8 }).deleteSelection().run();
      net.sync();
      expect(net.docs()[1]).toEqual(net.docs()[0]);
      expect(withRuns(net)).toEqual([
        ['Prote', null, null, null],
        ['ct', 'deletion', 'u-dara', null],
        ['S', 'insertion', 'u-sokha', 'u-sokha'],
        [' civilians', null, null, null],
      ]);
      net.destroy();
    }
  });

  // The counterpart: what the deletion's author saw stays deleted, someone else's
  // suggested text included (it keeps its insertion under the deletion).
  it('text the deletion’s author saw stays in the deletion', () => {
    const { net } = withServer(true);
    const [sokha, dara] = [net.at(0).editor, net.at(1).editor];
    sokha.chain().setTextSelection(7).insertContent(' S1 ').run();
    net.sync();
    dara.chain().setTextSelection({ from: 6, to: 12 }).deleteSelection().run();
    net.sync();
    expect(net.docs()[1]).toEqual(net.docs()[0]);
    const runs = withRuns(net);
    expect(runs.map(([text]) => text).join('')).toBe('Protec S1 t civilians');
    expect(
      runs
        .filter(([, kind]) => kind === 'deletion')
        .map(([text]) => text)
        .join(''),
    ).toBe('c S1 t');
    expect(runs.find(([text]) => text === ' S1 ')?.[3]).toBe('u-sokha');
    net.destroy();
  });
});
