/**
 * Decisions on suggestions through the server: the decision commands, the repair of what a
 * decision leaves on text typed at the same moment, and locked sections. Over 400 lines
 * because every case plays on one scene, which only this file needs: a real server, a
 * plan, a member of g1 and the focal point with two suggestions (`twoSuggestions`). When a
 * second file needs that scene, move it to support/ and split there.
 */
import { SEEN_KEY, SUGGESTION_FORMAT, sectionPlainText } from '@plenary/editor';
import { CloseCode, sectionFragmentName } from '@plenary/model';
import { listFragmentSuggestions } from '@plenary/suggestions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, whenClosed, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';

const { server, plan, connect, clients, restart } = useTestServer();

/** The section owned by a group in the R2P template. */
const sectionOf = (groupId: string) => {
  const section = plan().sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return section.id;
};

interface Author {
  participantId: string;
  name: string;
  groupId: string;
}

/**
 * Writes a new paragraph "<lead><text>" into the section, with `text` marked as an
 * insertion suggestion the way the editor's y-tiptap binding stores it: the mark's
 * attributes under its name, on the Y.XmlText run. Without a lead, `text` goes at the
 * end of the section's first paragraph instead: a new paragraph with plain text in it is
 * no suggestion, which the server refuses from a member in Review.
 */
function suggestParagraph(
  client: StockClient,
  sectionId: string,
  author: Author,
  suggestionId: string,
  text: string,
  lead = 'Plain lead. ',
): void {
  const fragment = client.doc.getXmlFragment(sectionFragmentName(sectionId));
  const insertion = {
    id: suggestionId,
    authorId: author.participantId,
    authorName: author.name,
    groupId: author.groupId,
    at: Date.parse('2026-03-01T08:30:00Z'),
  };
  client.doc.transact(() => {
    const first = fragment
      .toArray()
      .find((block) => block instanceof Y.XmlElement && block.nodeName === 'paragraph');
    const existing = !lead && first instanceof Y.XmlElement ? first.get(0) : null;
    if (existing instanceof Y.XmlText) {
      existing.insert(existing.length, text, { [SUGGESTION_FORMAT.insertion]: insertion });
      return;
    }
    const paragraph = new Y.XmlElement('paragraph');
    const run = new Y.XmlText();
    paragraph.insert(0, [run]);
    fragment.insert(fragment.length, [paragraph]);
    run.insert(0, lead);
    run.insert(lead.length, text, { [SUGGESTION_FORMAT.insertion]: insertion });
  });
}

const fragmentOf = (client: StockClient, sectionId: string) =>
  client.doc.getXmlFragment(sectionFragmentName(sectionId));
const pendingIds = (client: StockClient, sectionId: string) =>
  listFragmentSuggestions(fragmentOf(client, sectionId)).map((s) => s.id);
const textOf = (client: StockClient, sectionId: string) =>
  sectionPlainText(fragmentOf(client, sectionId));

const decide = (token: string, sectionId: string, body: Record<string, unknown>) =>
  callApi(server(), 'POST', `/api/plans/${plan().id}/sections/${sectionId}/decisions`, {
    token,
    body,
  });

async function member(groupId: string, name: string): Promise<Author & { token: string }> {
  const joined = await joinAs(server(), plan(), { role: 'member', groupId }, name);
  return { participantId: joined.participantId, name, groupId, token: joined.sessionToken };
}

async function focalPoint() {
  const joined = await joinAs(server(), plan(), { role: 'focal-point' }, 'Focal point');
  return { ...joined, token: joined.sessionToken };
}

/** A member of g1 and the focal point, both connected, and two suggestions of the member. */
async function twoSuggestions() {
  const sokha = await member('g1', 'Sokha');
  const focal = await focalPoint();
  const memberClient = connect(sokha.token);
  const focalClient = connect(focal.token);
  await Promise.all([whenSynced(memberClient), whenSynced(focalClient)]);
  const section = sectionOf('g1');
  suggestParagraph(memberClient, section, sokha, 'sug-keep', 'Protect every civilian.');
  suggestParagraph(memberClient, section, sokha, 'sug-drop', 'Drop this sentence.');
  await eventually(
    () => pendingIds(focalClient, section).length === 2,
    5_000,
    'the suggestions at the focal point',
  );
  return { sokha, focal, memberClient, focalClient, section };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('decisions on suggestions, as server commands', () => {
  it('accepts one for every client and logs who, what, whose and when; rejects another for both', async () => {
    const { sokha, focal, memberClient, focalClient, section } = await twoSuggestions();

    const accepted = await decide(focal.token, section, {
      action: 'accept',
      suggestionId: 'sug-keep',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.decided).toEqual([
      expect.objectContaining({
        planId: plan().id,
        sectionId: section,
        suggestionId: 'sug-keep',
        action: 'accept',
        kind: 'insert',
        insertedText: 'Protect every civilian.',
        deletedText: '',
        authorId: sokha.participantId,
        authorName: 'Sokha',
        groupId: 'g1',
        suggestedAt: '2026-03-01T08:30:00.000Z',
        decidedBy: focal.participantId,
        decidedByName: 'Focal point',
      }),
    ]);
    for (const client of [memberClient, focalClient]) {
      await eventually(
        () => pendingIds(client, section).join() === 'sug-drop',
        5_000,
        'the accepted suggestion to become plain text',
      );
      expect(textOf(client, section)).toContain('Plain lead. Protect every civilian.');
    }

    const rejected = await decide(focal.token, section, {
      action: 'reject',
      suggestionId: 'sug-drop',
    });
    expect(rejected.status).toBe(200);
    for (const client of [memberClient, focalClient]) {
      await eventually(
        () => !textOf(client, section).includes('Drop this sentence.'),
        5_000,
        'the rejected suggestion to disappear',
      );
      expect(pendingIds(client, section)).toEqual([]);
    }

    const log = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions`, {
      token: focal.token,
    });
    expect(log.status).toBe(200);
    // Nothing a decision removes is lost: the rejected text stays in the log.
    expect(
      log.body.decisions.map((d: { action: string; insertedText: string }) => [
        d.action,
        d.insertedText,
      ]),
    ).toEqual([
      ['reject', 'Drop this sentence.'],
      ['accept', 'Protect every civilian.'],
    ]);
    expect(Date.parse(log.body.decisions[0].decidedAt)).toBeGreaterThan(0);
  });

  it("accepts all of group g1's suggestions in a section and leaves group g2's pending", async () => {
    await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
      token: plan().facilitatorToken,
      body: { phase: 'review' },
    });
    const sokha = await member('g1', 'Sokha');
    const vanna = await member('g1', 'Vanna');
    const dara = await member('g2', 'Dara');
    const focal = await focalPoint();
    const section = sectionOf('g1');
    for (const [author, id] of [
      [sokha, 'g1-a'],
      [vanna, 'g1-b'],
      [dara, 'g2-a'],
    ] as const) {
      const client = connect(author.token);
      await whenSynced(client);
      suggestParagraph(client, section, author, id, `Text of ${id}.`, '');
    }
    const focalClient = connect(focal.token);
    await whenSynced(focalClient);
    await eventually(() => pendingIds(focalClient, section).length === 3, 5_000, 'suggestions');

    const listed = await callApi(server(), 'GET', `/api/plans/${plan().id}/suggestions`, {
      token: dara.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.suggestions).toHaveLength(3);
    expect(listed.body.suggestions[0]).toMatchObject({
      sectionId: section,
      sectionTitle: plan().sections.find((s) => s.id === section)?.title,
      authorName: 'Sokha',
      groupId: 'g1',
      kind: 'insert',
    });

    const bulk = await decide(focal.token, section, { action: 'accept', groupId: 'g1' });
    expect(bulk.status).toBe(200);
    expect(bulk.body.decided.map((d: { suggestionId: string }) => d.suggestionId).sort()).toEqual([
      'g1-a',
      'g1-b',
    ]);
    for (const client of clients) {
      await eventually(() => pendingIds(client, section).join() === 'g2-a', 5_000, 'bulk accept');
    }
    const none = await decide(focal.token, section, { action: 'reject', groupId: 'g1' });
    expect(none).toMatchObject({ status: 200, body: { decided: [] } });
  });

  it('decides exactly the chosen suggestions across sections in one change, and names those gone', async () => {
    await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
      token: plan().facilitatorToken,
      body: { phase: 'review' },
    });
    const sokha = await member('g1', 'Sokha');
    const focal = await focalPoint();
    const [first, second] = [sectionOf('g1'), sectionOf('g2')];
    const client = connect(sokha.token);
    await whenSynced(client);
    suggestParagraph(client, first, sokha, 'one', 'First section text.', '');
    suggestParagraph(client, second, sokha, 'two', 'Second section text.', '');
    suggestParagraph(client, second, sokha, 'later', 'Came after the reviewer looked.', '');
    const observer = connect(focal.token);
    await whenSynced(observer);
    await eventually(() => pendingIds(observer, second).length === 2, 5_000, 'suggestions');
    // Every change the observer sees is one Yjs transaction from the server.
    const halfDecided: boolean[] = [];
    observer.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const one = pendingIds(observer, first).includes('one');
      const two = pendingIds(observer, second).includes('two');
      halfDecided.push(one !== two);
    });

    const chosen = [
      { sectionId: first, suggestionId: 'one' },
      { sectionId: second, suggestionId: 'two' },
      { sectionId: second, suggestionId: 'withdrawn' },
    ];
    const bulkUrl = `/api/plans/${plan().id}/decisions`;
    const byMember = await callApi(server(), 'POST', bulkUrl, {
      token: sokha.token,
      body: { action: 'reject', suggestions: chosen },
    });
    expect(byMember).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const bulk = await callApi(server(), 'POST', bulkUrl, {
      token: focal.token,
      body: { action: 'reject', suggestions: chosen },
    });
    expect(bulk.status).toBe(200);
    expect(
      bulk.body.decided.map((d: { sectionId: string; suggestionId: string }) => [
        d.sectionId,
        d.suggestionId,
      ]),
    ).toEqual([
      [first, 'one'],
      [second, 'two'],
    ]);
    expect(bulk.body.gone).toEqual([{ sectionId: second, suggestionId: 'withdrawn' }]);
    await eventually(() => pendingIds(observer, first).length === 0, 5_000, 'the decision');
    expect(pendingIds(observer, second)).toEqual(['later']);
    expect(textOf(observer, second)).not.toContain('Second section text.');
    // Both sections changed in the same transaction: never one without the other.
    expect(halfDecided).not.toContain(true);
    const log = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions`, {
      token: focal.token,
    });
    expect(log.body.decisions).toHaveLength(2);

    const empty = await callApi(server(), 'POST', bulkUrl, {
      token: focal.token,
      body: { action: 'reject', suggestions: [] },
    });
    expect(empty.status).toBe(400);
  });

  it('refuses members and observers (403) and says when a suggestion is not there (404)', async () => {
    const { sokha, focal, section } = await twoSuggestions();
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Projector');
    const byMember = await decide(sokha.token, section, {
      action: 'accept',
      suggestionId: 'sug-keep',
    });
    expect(byMember).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const byObserver = await decide(observer.sessionToken, section, { action: 'reject' });
    expect(byObserver).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const logByMember = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions`, {
      token: sokha.token,
    });
    expect(logByMember.status).toBe(403);

    const unknown = await decide(focal.token, section, {
      action: 'accept',
      suggestionId: 'no-such',
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'suggestion-not-found' } });
    const noSection = await decide(focal.token, 'nosuchsection', { action: 'accept' });
    expect(noSection).toMatchObject({ status: 404, body: { code: 'section-not-found' } });
    const log = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions`, {
      token: focal.token,
    });
    expect(log.body.decisions).toEqual([]);
  });

  it('tells each person the outcome of their own suggestions, and nobody else’s', async () => {
    const { sokha, focal, section } = await twoSuggestions();
    const dara = await member('g1', 'Dara');
    await decide(focal.token, section, { action: 'accept', suggestionId: 'sug-keep' });
    await decide(focal.token, section, { action: 'reject', suggestionId: 'sug-drop' });

    const mine = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions/mine`, {
      token: sokha.token,
    });
    expect(mine.status).toBe(200);
    expect(
      mine.body.decisions.map((d: Record<string, string>) => [
        d.suggestionId,
        d.action,
        d.decidedByName,
      ]),
    ).toEqual([
      ['sug-drop', 'reject', 'Focal point'],
      ['sug-keep', 'accept', 'Focal point'],
    ]);
    const others = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions/mine`, {
      token: dara.token,
    });
    expect(others.body.decisions).toEqual([]);
    const stranger = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions/mine`, {});
    expect(stranger.status).toBe(401);
  });

  it('keeps the log across a server restart, filtered by section', async () => {
    const { focal, section } = await twoSuggestions();
    expect(
      (await decide(focal.token, section, { action: 'reject', suggestionId: 'sug-drop' })).status,
    ).toBe(200);
    for (const client of clients.splice(0)) client.destroy();
    await restart();

    const ofSection = await callApi(
      server(),
      'GET',
      `/api/plans/${plan().id}/decisions?sectionId=${section}`,
      { token: focal.token },
    );
    expect(ofSection.body.decisions).toEqual([
      expect.objectContaining({ suggestionId: 'sug-drop', insertedText: 'Drop this sentence.' }),
    ]);
    const otherSection = plan().sections.find((s) => s.id !== section)?.id;
    const ofOther = await callApi(
      server(),
      'GET',
      `/api/plans/${plan().id}/decisions?sectionId=${otherSection}`,
      { token: focal.token },
    );
    expect(ofOther.body.decisions).toEqual([]);
  });

  it('changes nothing when the log cannot be written, and says so', async () => {
    const { focal, focalClient, section } = await twoSuggestions();
    vi.spyOn(server().app.decisions, 'appendDecisions').mockRejectedValueOnce(
      new Error('disk full'),
    );
    const failed = await decide(focal.token, section, { action: 'reject', groupId: 'g1' });
    expect(failed).toMatchObject({ status: 503, body: { code: 'decision-log-unavailable' } });
    expect(failed.body.message).toMatch(/Nothing was decided/);

    // A later decision goes through, so the document had not moved on without the log.
    const next = await decide(focal.token, section, { action: 'accept', suggestionId: 'sug-keep' });
    expect(next.status).toBe(200);
    await eventually(() => pendingIds(focalClient, section).join() === 'sug-drop', 5_000, 'accept');
    expect(textOf(focalClient, section)).toContain('Drop this sentence.');
  });

  it('takes the entries back out of the log when the document change fails', async () => {
    const { focal, focalClient, section } = await twoSuggestions();
    const relay = server().app.relay;
    const transact = relay.transact.bind(relay);
    const appended = vi.spyOn(server().app.decisions, 'appendDecisions');
    // Relay.read goes through transact too: let the preview through, fail the change.
    vi.spyOn(relay, 'transact').mockImplementation(async (planId, change, participantId) => {
      if (appended.mock.calls.length > 0) throw new Error('room failed');
      return transact(planId, change, participantId);
    });
    const failed = await decide(focal.token, section, { action: 'accept', groupId: 'g1' });
    expect(failed.status).toBe(500);
    expect(appended).toHaveBeenCalledOnce();
    vi.restoreAllMocks();
    const log = await callApi(server(), 'GET', `/api/plans/${plan().id}/decisions`, {
      token: focal.token,
    });
    expect(log.body.decisions).toEqual([]);
    expect(pendingIds(focalClient, section).sort()).toEqual(['sug-drop', 'sug-keep']);
  });
});

// A change a client made at the same moment as a decision can leave the decided
// suggestion's mark on some text (editor: suggestionMarkRepair); here a client puts
// it there, as such a change would, and the server carries the decision out on it.
describe('leftovers of decided suggestions', () => {
  const markOf = (author: Author, id: string) => ({
    [SUGGESTION_FORMAT.insertion]: {
      id,
      authorId: author.participantId,
      authorName: author.name,
      groupId: author.groupId,
      at: Date.parse('2026-03-01T08:30:00Z'),
    },
  });
  const lastRun = (client: StockClient, section: string) => {
    const fragment = fragmentOf(client, section);
    const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
    return paragraph.get(0) as Y.XmlText;
  };

  it('are accepted or rejected as decided, and never pending under a decided id again', async () => {
    const { sokha, focal, memberClient, focalClient, section } = await twoSuggestions();
    expect(
      (await decide(focal.token, section, { action: 'accept', suggestionId: 'sug-keep' })).status,
    ).toBe(200);
    expect(
      (await decide(focal.token, section, { action: 'reject', suggestionId: 'sug-drop' })).status,
    ).toBe(200);
    await eventually(
      () => pendingIds(memberClient, section).length === 0,
      5_000,
      'both decisions at the member',
    );
    // The accepted suggestion's mark back on its text; text typed with the rejected one's.
    const fragment = fragmentOf(memberClient, section);
    const accepted = (fragment.get(fragment.length - 2) as Y.XmlElement).get(0) as Y.XmlText;
    accepted.format(12, 8, markOf(sokha, 'sug-keep'));
    lastRun(memberClient, section).insert(12, 'Typed at once.', markOf(sokha, 'sug-drop'));
    await eventually(
      () =>
        pendingIds(focalClient, section).length === 1 &&
        !pendingIds(focalClient, section).some((id) => id.startsWith('sug-')),
      5_000,
      'the repair at the focal point',
    );
    const [typed] = listFragmentSuggestions(fragmentOf(focalClient, section));
    expect(typed).toMatchObject({ insertedText: 'Typed at once.', authorId: sokha.participantId });
    expect(textOf(focalClient, section)).toContain('Plain lead. Protect every civilian.');
    expect(pendingIds(memberClient, section)).toEqual(pendingIds(focalClient, section));
  });
  it('are repaired the same way after a restart: the decision remembers what it saw', async () => {
    const { sokha, focal, memberClient, section } = await twoSuggestions();
    expect(
      (await decide(focal.token, section, { action: 'reject', suggestionId: 'sug-drop' })).status,
    ).toBe(200);
    await eventually(
      () => pendingIds(memberClient, section).join() === 'sug-keep',
      5_000,
      'the rejection at the member',
    );
    // The member's device outlives the server; both come back after the restart.
    const memberDoc = memberClient.doc;
    for (const client of clients.splice(0)) client.provider.destroy();
    await restart();
    const back = connect(sokha.token, memberDoc);
    const watcher = connect(focal.token);
    await Promise.all([whenSynced(back), whenSynced(watcher)]);

    // Typed under the rejected suggestion's mark by a change made as it was rejected:
    // text the reviewer never saw, which stays a suggestion of whoever typed it.
    lastRun(back, section).insert(12, 'Typed at once.', markOf(sokha, 'sug-drop'));
    await eventually(
      () =>
        pendingIds(watcher, section).length === 2 &&
        !pendingIds(watcher, section).includes('sug-drop'),
      5_000,
      'the repair after the restart',
    );
    const typed = listFragmentSuggestions(fragmentOf(watcher, section)).find(
      (s) => s.id !== 'sug-keep',
    );
    expect(typed).toMatchObject({ insertedText: 'Typed at once.', authorId: sokha.participantId });
    expect(textOf(watcher, section)).not.toContain('Drop this sentence.');
  });
});

// Yjs gives a suggested deletion's range to text typed inside it at the same moment; the
// editor's binding records in the deletion what its author had seen (as done here by hand),
// and the server takes the deletion off anything newer, with no decision made.
describe('a suggested deletion over text typed at the same moment', () => {
  it('is taken off that text for every client, and stays on the rest', async () => {
    const { sokha, memberClient, focalClient, section } = await twoSuggestions();
    const fragment = fragmentOf(memberClient, section);
    const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
    const seen: Record<string, number> = {};
    for (let item = text._start; item; item = item.right) {
      seen[item.id.client] = Y.getState(memberClient.doc.store, item.id.client);
    }
    const deletion = {
      id: 'sug-del',
      authorId: sokha.participantId,
      authorName: sokha.name,
      groupId: sokha.groupId,
      at: Date.parse('2026-03-01T08:31:00Z'),
      [SEEN_KEY]: seen,
    };
    const before = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('');
    memberClient.doc.transact(() => {
      text.format(0, 4, { [SUGGESTION_FORMAT.deletion]: deletion });
      text.insert(2, 'NEW', { [SUGGESTION_FORMAT.deletion]: deletion });
    });
    const deleted = () =>
      listFragmentSuggestions(fragmentOf(focalClient, section)).find((s) => s.id === 'sug-del')
        ?.deletedText;
    await eventually(
      () => deleted() === before.slice(0, 4),
      5_000,
      'the repair at the focal point',
    );
    expect(textOf(focalClient, section)).toContain(`${before.slice(0, 2)}NEW${before.slice(2)}`);
    expect(fragmentOf(memberClient, section).toString()).toBe(
      fragmentOf(focalClient, section).toString(),
    );
  });
});

describe('agreed (locked) sections', () => {
  it("refuses a member's suggestion over the websocket, and still lets the focal point decide", async () => {
    const { sokha, focal, focalClient, section } = await twoSuggestions();
    const locked = await callApi(server(), 'PATCH', `/api/plans/${plan().id}/sections/${section}`, {
      token: focal.token,
      body: { status: 'agreed' },
    });
    expect(locked.status).toBe(200);

    const late = connect(sokha.token);
    await whenSynced(late);
    const closed = whenClosed(late);
    suggestParagraph(late, section, sokha, 'sug-late', 'Too late.');
    expect((await closed).code).toBe(CloseCode.FORBIDDEN);

    const decided = await decide(focal.token, section, { action: 'accept', groupId: 'g1' });
    expect(decided.status).toBe(200);
    expect(decided.body.decided).toHaveLength(2);
    await eventually(() => pendingIds(focalClient, section).length === 0, 5_000, 'decisions');
    expect(textOf(focalClient, section)).not.toContain('Too late.');
  });
});
