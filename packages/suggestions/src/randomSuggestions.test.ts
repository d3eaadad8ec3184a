// @vitest-environment happy-dom

import { readRichText, type SuggestionAuthor } from '@plenary/editor';
import { paragraph, richTextDoc } from '@plenary/model';
import type { Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decideSuggestions } from './fragmentDecisions.ts';
import { textsToRepair } from './repairScope.ts';
import { SuggestionGuard } from './SuggestionGuard.ts';
import { decidedDoc } from './suggestionDecisions.ts';
import { listSuggestions } from './suggestionList.ts';
import {
  type DecidedSuggestion,
  decisionRecords,
  repairSuggestionMarks,
} from './suggestionMarkRepair.ts';
import { AUTHORS, SuggestingClients, seededRandom } from './testing/suggestingClients.ts';
import { markedRuns } from './testing/suggestionMarksInDoc.ts';

const ORIGINAL = 'The plan protects civilians and prevents atrocity crimes in every province';
const body = richTextDoc(paragraph(ORIGINAL));

// Twenty seeds each run in CI; SUGGESTION_SEEDS=1-300 (or 7,12) runs others locally.
// The concurrent test routes decisions through a server peer, as the app does: it decides
// on its own copy, item by item, and after every update repairs what a concurrent change
// left of a decided suggestion, or what a suggested deletion took of text typed inside it
// at the same moment (suggestionMarkRepair.ts). Both tests pass every seed of 1-2000.
// How the concurrent figure came down (failing seeds of 1-700): 68 with client-side
// decisions; 38 with server decisions and the yjs and y-tiptap patches; 19 once the
// binding placed typed text where the cursor is, not where runs of typed text start; 15
// once the repair stopped taking a far-away boundary for typed text's own; 0 once
// deletions record what their author had seen (then 2 of 1-2000, seeds 1109 and 1165,
// mended in the repair too). Run through the server's check, 1957 and 1991 each had one
// honest update refused, mended in the check (suggestedChangeCheck.ts, `asLandedOn`).
function seeds(): number[] {
  const spec = process.env.SUGGESTION_SEEDS;
  if (!spec) return Array.from({ length: 20 }, (_, i) => i + 1);
  return spec.split(',').flatMap((part) => {
    const [from = 1, to = from] = part.split('-').map(Number);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

// The document position of the k-th character a reader sees (deleted text is skipped).
function visiblePos(doc: ProseMirrorNode, k: number): number {
  let seen = 0;
  let found = -1;
  doc.descendants((node, pos) => {
    if (found >= 0) return false;
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type.name === 'deletion')) return false;
    const length = node.text?.length ?? 0;
    if (k - seen <= length) found = pos + (k - seen);
    seen += length;
    return false;
  });
  return found >= 0 ? found : doc.content.size - 1;
}

const visibleText = (doc: ProseMirrorNode): string =>
  markedRuns(doc)
    .filter((r) => r.kind !== 'deletion')
    .map((r) => r.text)
    .join('');

const shuffled = <T>(items: T[], random: () => number): T[] =>
  items
    .map((item) => ({ item, key: random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

// Tokens are an author's initial and the step (S5, D25): the original text has no digit
// and no capital but its first, so a token never mixes with it, and even a piece of a
// token split by someone typing inside it names its author.
const initialOf = (author: SuggestionAuthor): string => author.name.charAt(0);

// Where two letters of original text start: lower-case letters are never typed here.
function originalLetterPairs(doc: ProseMirrorNode): number[] {
  const spots: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    if (node.marks.length > 0) return false;
    const text = node.text ?? '';
    for (let i = 0; i + 1 < text.length; i++) {
      if (/^[a-z]{2}$/.test(text.slice(i, i + 2))) spots.push(pos + i);
    }
    return false;
  });
  return spots;
}

// Takes the tokens out of `text`, latest first: a token is split only by tokens typed
// after it, so once those are out it reads whole again.
function peelTokens(text: string, tokens: string[]): { rest: string; found: Set<string> } {
  let rest = text;
  const found = new Set<string>();
  for (const token of [...tokens].reverse()) {
    if (!rest.includes(` ${token} `)) continue;
    rest = rest.replace(` ${token} `, '');
    found.add(token);
  }
  return { rest, found };
}

// The same, failing on a token that is not there.
function withoutTokens(text: string, tokens: string[]): string {
  const { rest, found } = peelTokens(text, tokens);
  expect(
    tokens.filter((t) => !found.has(t)),
    'missing',
  ).toEqual([]);
  return rest;
}

const isSubsequence = (part: string, whole: string): boolean => {
  let i = 0;
  for (const char of whole) if (char === part[i]) i++;
  return i === part.length;
};

function concurrentRun(seed: number): void {
  const random = seededRandom(seed);
  const authors = AUTHORS.slice(0, 4);
  // Yjs orders concurrent insertions at one spot by client id; the seed varies them too.
  const clientIds = shuffled([1, 2, 3, 4], random);
  // Decisions are server commands: the server decides on its own copy of the section, keeps
  // every decided id, and after each update repairs what the section still shows of them,
  // in the paragraphs the update touched (as the server does): a repair of the whole
  // section right after must then find nothing left.
  const decidedIds = new Map<string, DecidedSuggestion>();
  const authorOfClient = (clientId: number) => authors[clientIds.indexOf(clientId)] ?? null;
  const context = { decided: decidedIds, authorOfClient };
  // Every client's update goes through the check the server runs on people who must
  // suggest: none of these honest updates may be refused.
  const guard = new SuggestionGuard();
  const net = new SuggestingClients(body, authors, {
    clientIds,
    server: {
      clientId: 100,
      afterUpdate: (fragment, update) => {
        const texts = textsToRepair(fragment.doc as Y.Doc, [update], context).get(fragment);
        repairSuggestionMarks(fragment, context, null, texts ?? []);
        expect(repairSuggestionMarks(fragment, context), 'left for a whole-section repair').toBe(0);
      },
      check: (fragment) => guard.before(fragment),
    },
  });
  const server = net.server as Y.XmlFragment;
  const typed: { token: string; author: SuggestionAuthor }[] = [];
  const decided: { action: 'accept' | 'reject'; insertedText: string }[] = [];
  for (let step = 0; step < 40; step++) {
    const client = net.at(Math.floor(random() * authors.length));
    const { editor } = client;
    const doc = editor.state.doc;
    const roll = random();
    if (roll < 0.55) {
      const token = `${initialOf(client.author)}${step}`;
      typed.push({ token, author: client.author });
      const at = visiblePos(doc, Math.floor(random() * (visibleText(doc).length + 1)));
      editor.chain().setTextSelection(at).insertContent(` ${token} `).run();
    } else if (roll < 0.85) {
      // Only original text is deleted, so that the checks below know each token's fate.
      const spots = originalLetterPairs(doc);
      const from = spots[Math.floor(random() * spots.length)];
      if (from !== undefined) {
        editor
          .chain()
          .setTextSelection({ from, to: from + 2 })
          .deleteSelection()
          .run();
      }
    } else {
      const pending = listSuggestions(doc);
      const chosen = pending[Math.floor(random() * pending.length)];
      if (chosen) {
        // The reviewer picks it in their panel; the server decides what it has under that id.
        const action = random() < 0.5 ? 'accept' : 'reject';
        const records = decisionRecords(server, new Set([chosen.id]), action);
        for (const suggestion of decideSuggestions(server, { action, id: chosen.id }).decided) {
          decidedIds.set(suggestion.id, records.get(suggestion.id) ?? { action });
          decided.push({ action, insertedText: suggestion.insertedText });
        }
      }
    }
    if (random() < 0.3) net.sync(random);
  }
  net.sync(random);

  expect(net.refusals, 'refused honest updates').toEqual([]);
  expect(net.checked).toBeGreaterThan(0);
  const docs = net.docs();
  for (const doc of docs) expect(doc).toEqual(docs[0]);
  expect(net.fragments()).toEqual(docs);

  const finalDoc = net.at(0).editor.state.doc;
  // A token in text decided more than once (accepted, then its leftover rejected) counts
  // as rejected: rejecting deletes what accepting only unmarks.
  const tokens = typed.map((t) => t.token);
  const fate = (token: string) => {
    const actions = decided.filter((d) => peelTokens(d.insertedText, tokens).found.has(token));
    if (actions.some((d) => d.action === 'reject')) return 'reject';
    return actions.length > 0 ? 'accept' : 'pending';
  };
  const kept = typed.filter(({ token }) => fate(token) !== 'reject');
  // No character lost: every token not rejected is there, nothing else but the original.
  const rest = withoutTokens(
    finalDoc.textContent,
    kept.map((t) => t.token),
  );
  expect(isSubsequence(rest, ORIGINAL), `left over: ${rest}`).toBe(true);
  // True authors: a pending token is wholly in its author's insertions, and no
  // insertion holds a piece of someone else's token.
  const runs = markedRuns(finalDoc);
  for (const author of authors) {
    const theirs = runs
      .filter((r) => r.insertedBy === author.id)
      .map((r) => r.text)
      .join('');
    for (const char of theirs.replace(/[^A-Z]/g, '')) expect(char).toBe(initialOf(author));
    const pending = kept.filter((t) => t.author === author && fate(t.token) === 'pending');
    withoutTokens(
      theirs,
      pending.map((t) => t.token),
    );
  }
  net.destroy();
}

function sequentialRun(seed: number): void {
  const random = seededRandom(seed);
  // A server peer runs the check on every update, as the relay does for members in Review.
  const guard = new SuggestionGuard();
  const suggesting = new SuggestingClients(body, AUTHORS.slice(0, 2), {
    server: { clientId: 100, check: (fragment) => guard.before(fragment) },
  });
  const direct = new SuggestingClients(body, AUTHORS.slice(0, 1), { mode: 'editing' });
  const original = direct.at(0).editor.getJSON();
  const apply = (editor: Editor, op: { at: number; remove: number; insert: string }) => {
    const doc = editor.state.doc;
    const from = visiblePos(doc, op.at);
    const to = visiblePos(doc, op.at + op.remove);
    const chain = editor.chain().setTextSelection({ from, to });
    (op.insert ? chain.insertContent(op.insert) : chain.deleteSelection()).run();
  };
  for (let step = 0; step < 25; step++) {
    // The two authors take turns, so each also deletes and types into the other's text.
    const client = suggesting.at(step % 2);
    const length = visibleText(direct.at(0).editor.state.doc).length;
    const at = Math.floor(random() * length);
    const remove = random() < 0.5 ? Math.min(length - at, 1 + Math.floor(random() * 5)) : 0;
    const insert = remove === 0 || random() < 0.3 ? `w${step}` : '';
    apply(client.editor, { at, remove, insert });
    apply(direct.at(0).editor, { at, remove, insert });
    suggesting.sync(random);
    const doc = suggesting.at(0).editor.state.doc;
    const edited = direct.at(0).editor.getJSON();
    expect(visibleText(doc), `step ${step}`).toBe(direct.at(0).editor.getText());
    expect(decidedDoc(doc, { action: 'accept' }).toJSON(), `step ${step}`).toEqual(edited);
    expect(decidedDoc(doc, { action: 'reject' }).toJSON(), `step ${step}`).toEqual(original);
  }
  expect(suggesting.refusals, 'refused honest updates').toEqual([]);
  expect(suggesting.checked).toBeGreaterThan(0);
  // Rejected on the server's copy of the section, accepted in an editor.
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(suggesting.at(0).doc));
  decideSuggestions(server.getXmlFragment('section:s1'), { action: 'reject' });
  expect(readRichText(server.getXmlFragment('section:s1')).toJSON()).toEqual(original);
  suggesting.at(1).editor.commands.decideSuggestions({ action: 'accept' });
  suggesting.sync(random);
  for (const doc of suggesting.docs()) expect(doc).toEqual(direct.at(0).editor.getJSON());
  for (const net of [suggesting, direct]) net.destroy();
}

describe('random suggestions', () => {
  it.each(seeds())(
    'seed %i: N clients suggesting and deciding at random, synced in random order, converge with every character and its true author',
    concurrentRun,
  );

  it.each(seeds())(
    'seed %i: edits made one after another: accept all equals editing directly, reject all the original',
    sequentialRun,
  );
});
