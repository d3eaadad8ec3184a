import { SUGGESTION_FORMAT, type SuggestionAuthor } from '@plenary/editor';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SuggestionGuard } from './SuggestionGuard.ts';

// A section of two paragraphs in a server's document, and a member writing into it from a
// Yjs client of their own, as crafted updates or an editor would.
const sokha: SuggestionAuthor = { id: 'u-sokha', name: 'Sokha', groupId: 'g1' };
const focal: SuggestionAuthor = { id: 'u-focal', name: 'Focal point', groupId: null };
const dara: SuggestionAuthor = { id: 'u-dara', name: 'Dara', groupId: 'g2' };
const vanna: SuggestionAuthor = { id: 'u-vanna', name: 'Vanna', groupId: 'g1' };
const markOf = (author: SuggestionAuthor, id: string) => ({
  id,
  authorId: author.id,
  authorName: author.name,
  groupId: author.groupId,
  at: 1,
});

function setup() {
  const server = new Y.Doc();
  const fragment = server.getXmlFragment('section:s1');
  for (const words of ['Protect civilians.', 'Early warning.']) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    text.insert(0, words);
  }
  const member = new Y.Doc();
  member.clientID = 1;
  Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
  const guard = new SuggestionGuard();
  const textOf = (doc: Y.Doc, block = 0) =>
    (doc.getXmlFragment('section:s1').get(block) as Y.XmlElement).get(0) as Y.XmlText;
  /** The member's change, sent to the server and judged there; null when accepted. */
  const send = (change: (text: Y.XmlText) => void, block = 0): string | null => {
    const state = Y.encodeStateVector(server);
    change(textOf(member, block));
    const verdict = guard.before(fragment);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(member, state));
    return verdict(sokha);
  };
  return { server, member, textOf, send };
}

describe('the check that a change is only its sender’s suggestion', () => {
  it('takes suggested insertions and deletions, and withdrawing one’s own', () => {
    const { send } = setup();
    expect(
      send((t) => t.insert(8, 'every ', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's1') })),
    ).toBeNull();
    expect(
      send((t) => t.format(0, 7, { [SUGGESTION_FORMAT.deletion]: markOf(sokha, 's2') })),
    ).toBeNull();
    expect(send((t) => t.delete(8, 6))).toBeNull();
    expect(
      send((t) => t.insert(6, '!', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's3') }), 1),
    ).toBeNull();
  });

  it('refuses plain text, text removed outright and formatting without a mark', () => {
    const { send } = setup();
    expect(
      send((t) => t.insert(0, 'Never ')),
      'plain',
    ).toMatch(/must be suggestions/);
    const other = setup();
    expect(
      other.send((t) => t.delete(0, 8)),
      'deleted',
    ).toMatch(/must be suggestions/);
    const bold = setup();
    expect(
      bold.send((t) => t.format(0, 7, { bold: {} })),
      'bold',
    ).toMatch(/must be suggestions/);
  });

  it('refuses a suggestion in someone else’s name, or in one’s own id with another group', () => {
    const { send } = setup();
    expect(
      send((t) => t.insert(0, 'Agreed. ', { [SUGGESTION_FORMAT.insertion]: markOf(focal, 'f1') })),
    ).toMatch(/in the name of "Focal point"/);
    const renamed = setup();
    const elsewhere = { ...markOf(sokha, 's1'), groupId: 'g2' };
    expect(
      renamed.send((t) => t.insert(0, 'Hi. ', { [SUGGESTION_FORMAT.insertion]: elsewhere })),
    ).toMatch(/your name and group/);
  });

  it('refuses one’s own text under the id of someone else’s suggestion', () => {
    const { server, member, textOf, send } = setup();
    textOf(server).insert(8, 'every ', { [SUGGESTION_FORMAT.insertion]: markOf(dara, 'd1') });
    Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
    // Accepting Dara's "d1" would take the member's words in with it.
    expect(
      send(
        (t) => t.insert(0, 'Always ', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 'd1') }),
        1,
      ),
    ).toMatch(/reuses the id of someone else/);
  });

  it('takes hundreds of separate suggestions in one paragraph, and refuses plain text among them', () => {
    // 600 words suggested in one update, each between two letters of a long paragraph;
    // `plainAt` makes one of them plain text.
    const suggestWords = (plainAt?: number) => {
      const { server, member, textOf, send } = setup();
      textOf(server).insert(0, 'ab'.repeat(700));
      Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
      return send((t) =>
        t.doc?.transact(() => {
          for (let i = 0; i < 600; i++) {
            const mark = { [SUGGESTION_FORMAT.insertion]: markOf(sokha, `s${i}`) };
            t.insert(3 * i, 'x', i === plainAt ? {} : mark);
          }
        }),
      );
    };
    expect(suggestWords()).toBeNull();
    expect(suggestWords(300)).toMatch(/must be suggestions/);
  });

  it('refuses accepting one’s own suggestion by taking its mark off', () => {
    const { send } = setup();
    expect(
      send((t) => t.insert(8, 'every ', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's1') })),
    ).toBeNull();
    expect(send((t) => t.format(8, 6, { [SUGGESTION_FORMAT.insertion]: null }))).toMatch(
      /must be suggestions/,
    );
  });

  it('takes text typed on at the end of one’s own suggestion as the reviewer accepts it', () => {
    const { server, member, textOf, send } = setup();
    expect(
      send((t) => t.insert(8, 'every', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's1') })),
    ).toBeNull();
    // The reviewer accepts on the server, unseen by the member's editor, which types on:
    // the new letters continue the suggestion, with no mark of their own.
    textOf(server).format(8, 5, { [SUGGESTION_FORMAT.insertion]: null });
    expect(send((t) => t.insert(13, ' one'))).toBeNull();
    expect(textOf(server).toString()).toContain('every one');
    // The same letters typed anywhere else are plain text.
    Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
    expect(send((t) => t.insert(0, 'Not '))).toMatch(/must be suggestions/);
  });

  // Seeds 1957 and 1991 of the randomized test: someone else's suggestion gets a new id on
  // the server (the repair after a decision, or its author's editor joining two of their
  // suggestions) while the member, who still sees the old id, types inside it. Their
  // insertion's end puts the old id back on the rest of that suggestion.
  function typingInsideRenamed(renamedBy: SuggestionAuthor) {
    const { server, member, textOf, send } = setup();
    // Dara's suggestion "every " in "Protect every civilians.", seen by the member's editor.
    textOf(server).insert(8, 'every ', { [SUGGESTION_FORMAT.insertion]: markOf(dara, 'd1') });
    Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
    expect(
      send((t) => t.insert(0, 'Now ', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's1') }), 1),
    ).toBeNull();
    textOf(server).format(8, 6, { [SUGGESTION_FORMAT.insertion]: markOf(renamedBy, 'd2') });
    return send((t) => t.insert(10, 'x', { [SUGGESTION_FORMAT.insertion]: markOf(sokha, 's2') }));
  }

  it('takes an insertion inside a suggestion whose id changed at the same moment', () => {
    expect(typingInsideRenamed(dara)).toBeNull();
  });

  it('refuses an old id of one author put back over another author’s insertion', () => {
    expect(typingInsideRenamed(vanna)).toMatch(/must be suggestions/);
  });
});

describe('judging a change that touched a whole section', () => {
  // A section of 60 paragraphs of 300 characters, and a member's Yjs client on it.
  function wideSetup() {
    const server = new Y.Doc();
    const fragment = server.getXmlFragment('section:s1');
    for (let p = 0; p < 60; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(fragment.length, [paragraph]);
      text.insert(0, `Paragraph ${p}. ${'Protect civilians in every province. '.repeat(8)}`);
    }
    const member = new Y.Doc();
    member.clientID = 1;
    Y.applyUpdate(member, Y.encodeStateAsUpdate(server));
    const textOf = (p: number) =>
      (member.getXmlFragment('section:s1').get(p) as Y.XmlElement).get(0) as Y.XmlText;
    /** The member's change, judged in steps; how many pauses it took, and the verdict. */
    const send = async (change: () => void) => {
      const state = Y.encodeStateVector(server);
      member.transact(change);
      const verdict = new SuggestionGuard().before(fragment);
      Y.applyUpdate(server, Y.encodeStateAsUpdate(member, state));
      let pauses = 0;
      const problem = await verdict.inSteps(sokha, () => {
        pauses += 1;
        return Promise.resolve();
      });
      return { pauses, problem, whole: verdict(sokha) };
    };
    return { textOf, send };
  }

  it('judges a suggested word in every paragraph in parts, and takes it', async () => {
    const { textOf, send } = wideSetup();
    const judged = await send(() => {
      for (let p = 0; p < 60; p++) textOf(p).insert(3, 'new ', { insertion: markOf(sokha, 's1') });
    });
    expect(judged.problem).toBeNull();
    expect(judged.whole).toBeNull();
    expect(judged.pauses).toBeGreaterThan(2);
  });

  it('refuses plain text in one paragraph among suggestions in all of them, judged in parts', async () => {
    const { textOf, send } = wideSetup();
    const judged = await send(() => {
      for (let p = 0; p < 60; p++) textOf(p).insert(3, 'new ', { insertion: markOf(sokha, 's1') });
      textOf(41).insert(20, 'Plain words. ');
    });
    expect(judged.problem).toMatch(/must be suggestions/);
    expect(judged.whole).toMatch(/must be suggestions/);
    expect(judged.pauses).toBeGreaterThan(2);
  });

  it("refuses a suggestion in someone else's name in the last paragraph, judged in parts", async () => {
    const { textOf, send } = wideSetup();
    const judged = await send(() => {
      for (let p = 0; p < 60; p++) textOf(p).insert(3, 'new ', { insertion: markOf(sokha, 's1') });
      textOf(59).insert(10, 'forged ', { insertion: markOf(focal, 'f1') });
    });
    expect(judged.problem).toMatch(/in the name of "Focal point"/);
    expect(judged.whole).toMatch(/in the name of "Focal point"/);
  });
});
