/**
 * Comment threads over the API and on the live document: rights, authorship from the
 * token, and anchors that follow the words while two stock clients edit at once.
 */
import { discussionMark, sectionFragmentName } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';
import { yParagraph } from './support/yParagraph.ts';

const { server, plan, connect } = useTestServer();

const SENTENCE = 'Name the ministry responsible for early warning.';
const sectionOf = (groupId: string) => {
  const section = plan().sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return section.id;
};

/** The first text run of a new paragraph the client appends to the section. */
function appendParagraph(client: StockClient, sectionId: string, text: string): Y.XmlText {
  const fragment = client.doc.getXmlFragment(sectionFragmentName(sectionId));
  const paragraph = yParagraph(text);
  fragment.insert(fragment.length, [paragraph]);
  return paragraph.get(0) as Y.XmlText;
}

/** The run of the paragraph holding `text`, on this client's copy. */
function runHolding(client: StockClient, sectionId: string, text: string): Y.XmlText {
  const fragment = client.doc.getXmlFragment(sectionFragmentName(sectionId));
  for (const block of fragment.toArray()) {
    const run = block instanceof Y.XmlElement ? block.get(0) : null;
    if (run instanceof Y.XmlText && run.toString().includes(text)) return run;
  }
  throw new Error(`no paragraph holds "${text}"`);
}

const comments = (token: string) =>
  callApi(server(), 'GET', `/api/plans/${plan().id}/comments`, { token });
const startThread = (token: string, body: Record<string, unknown>) =>
  callApi(server(), 'POST', `/api/plans/${plan().id}/comments`, { token, body });
const reply = (token: string, threadId: string, text: string) =>
  callApi(server(), 'POST', `/api/plans/${plan().id}/comments/${threadId}/replies`, {
    token,
    body: { text },
  });
const resolve = (token: string, threadId: string, resolved: boolean) =>
  callApi(server(), 'PATCH', `/api/plans/${plan().id}/comments/${threadId}`, {
    token,
    body: { resolved },
  });

describe('comment threads', () => {
  it('are signed by the token’s participant, whatever the body claims, and take replies from another group', async () => {
    const sokha = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const dara = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    const section = sectionOf('g1');
    // Fields the API does not take are dropped before the route sees them.
    const created = await startThread(sokha.sessionToken, {
      sectionId: section,
      quote: '',
      text: 'Should this name the ministry?',
      authorName: 'The Minister',
      authorGroupId: 'g2',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sectionId: section,
      quote: '',
      resolved: false,
      detached: false,
      mine: true,
      messages: [
        { authorName: 'Sokha', authorGroupId: 'g1', text: 'Should this name the ministry?' },
      ],
    });
    const replied = await reply(dara.sessionToken, created.body.id, 'Yes, the Interior.');
    expect(replied.status).toBe(201);
    expect(replied.body.mine).toBe(false);
    expect(replied.body.messages.map((m: { authorName: string }) => m.authorName)).toEqual([
      'Sokha',
      'Dara',
    ]);
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Guest');
    const listed = await comments(observer.sessionToken);
    expect(listed.status).toBe(200);
    expect(listed.body.threads).toHaveLength(1);
    expect(listed.body.threads[0].messages[1]).toMatchObject({
      authorName: 'Dara',
      authorGroupId: 'g2',
    });
  });

  it('refuse every write by an observer and by a bare invite link, and unknown sections and threads', async () => {
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Guest');
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const section = sectionOf('g1');
    const body = { sectionId: section, quote: '', text: 'Hello' };
    expect((await startThread(observer.sessionToken, body)).status).toBe(403);
    const denied = await startThread(member.inviteToken, body);
    expect(denied).toMatchObject({ status: 403, body: { code: 'join-first' } });
    const thread = (await startThread(member.sessionToken, body)).body;
    expect((await reply(observer.sessionToken, thread.id, 'Me too')).status).toBe(403);
    expect((await resolve(observer.sessionToken, thread.id, true)).status).toBe(403);
    expect((await startThread(member.sessionToken, { ...body, sectionId: 'nope' })).status).toBe(
      404,
    );
    expect((await reply(member.sessionToken, 'nope', 'Hi')).status).toBe(404);
    expect((await startThread(member.sessionToken, { ...body, text: '   ' })).status).toBe(400);
    expect((await comments('not-a-token')).status).toBe(401);
  });

  it('are resolved and reopened by their author, the focal point or the facilitator, and nobody else', async () => {
    const sokha = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const dara = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Focal point');
    const thread = (
      await startThread(sokha.sessionToken, { sectionId: sectionOf('g1'), quote: '', text: 'Hi' })
    ).body;
    expect((await resolve(dara.sessionToken, thread.id, true)).status).toBe(403);
    expect((await resolve(sokha.sessionToken, thread.id, true)).body.resolved).toBe(true);
    expect((await resolve(focal.sessionToken, thread.id, false)).body.resolved).toBe(false);
    expect((await resolve(plan().facilitatorToken, thread.id, true)).body.resolved).toBe(true);
    expect((await comments(dara.sessionToken)).body.threads[0].resolved).toBe(true);
    expect((await resolve(focal.sessionToken, 'nope', true)).status).toBe(404);
  });

  it('follow their words through concurrent edits by two stock clients, and detach when the words go', async () => {
    const section = sectionOf('g1');
    const sokha = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const writer = connect(sokha.sessionToken);
    const other = connect(plan().facilitatorToken);
    await Promise.all([whenSynced(writer), whenSynced(other)]);
    appendParagraph(writer, section, SENTENCE);
    await eventually(
      () => {
        try {
          return runHolding(other, section, SENTENCE) !== null;
        } catch {
          return false;
        }
      },
      5_000,
      'the sentence to reach the other client',
    );
    const markBefore = discussionMark(other.doc, 'comments');
    const created = await startThread(sokha.sessionToken, {
      sectionId: section,
      quote: 'the ministry',
      text: 'Which one?',
    });
    expect(created.body).toMatchObject({ quote: 'the ministry', detached: false });
    expect(created.body.anchor).not.toBeNull();
    // The other page hears of the new thread through the document, not by polling.
    await eventually(
      () => discussionMark(other.doc, 'comments') !== markBefore,
      5_000,
      'the change mark',
    );

    // Both type at once: one before the words, the other inside them.
    const mine = runHolding(writer, section, SENTENCE);
    const theirs = runHolding(other, section, SENTENCE);
    mine.insert(0, 'First, ');
    theirs.insert('Name the '.length, 'competent ');
    const expected = 'First, Name the competent ministry responsible for early warning.';
    await eventually(
      () => mine.toString() === expected && theirs.toString() === expected,
      5_000,
      'both clients to converge',
    );
    const followed = await comments(sokha.sessionToken);
    expect(followed.body.threads[0]).toMatchObject({
      quote: 'the competent ministry',
      detached: false,
    });

    // Typing right after the words stays outside them.
    theirs.insert(expected.indexOf(' responsible'), ' of interior');
    await eventually(() => mine.toString().includes('ministry of interior'), 5_000, 'the edit');
    expect((await comments(sokha.sessionToken)).body.threads[0].quote).toBe(
      'the competent ministry',
    );

    mine.delete(expected.indexOf('the competent'), 'the competent ministry of interior'.length);
    await eventually(() => !theirs.toString().includes('ministry'), 5_000, 'the deletion');
    const detached = await comments(sokha.sessionToken);
    expect(detached.body.threads[0]).toMatchObject({
      quote: 'the ministry',
      detached: true,
      anchor: null,
    });
  });

  it('anchor where the client selected a repeated quote, and store a vanished quote as detached', async () => {
    const section = sectionOf('g1');
    const writer = connect(plan().facilitatorToken);
    await whenSynced(writer);
    const run = appendParagraph(writer, section, 'aid now, aid later');
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara');
    const reader = connect(member.sessionToken);
    await whenSynced(reader);
    // Once another client has the paragraph, the server has it too.
    await eventually(
      () =>
        reader.doc.getXmlFragment(sectionFragmentName(section)).toString().includes('aid later'),
      5_000,
      'the paragraph',
    );
    const position = (index: number, assoc: number) =>
      Buffer.from(
        Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(run, index, assoc)),
      ).toString('base64');
    const second = await startThread(member.sessionToken, {
      sectionId: section,
      quote: 'aid',
      text: 'This one.',
      anchor: { start: position(9, 0), end: position(12, -1) },
    });
    expect(second.status).toBe(201);
    // A letter typed inside the second "aid" shows which one the thread holds.
    run.insert(10, 'X');
    await expect
      .poll(async () => (await comments(member.sessionToken)).body.threads[0].quote)
      .toBe('aXid');
    // A proposed range that does not cover the quote falls back to the first occurrence.
    const misplaced = await startThread(member.sessionToken, {
      sectionId: section,
      quote: 'now',
      text: 'Elsewhere.',
      anchor: { start: position(9, 0), end: position(12, -1) },
    });
    expect(misplaced.body).toMatchObject({ quote: 'now', detached: false });
    const gone = await startThread(member.sessionToken, {
      sectionId: section,
      quote: 'words nobody wrote',
      text: 'Where did this go?',
    });
    expect(gone.body).toMatchObject({ detached: true, quote: 'words nobody wrote', anchor: null });
  });
});
