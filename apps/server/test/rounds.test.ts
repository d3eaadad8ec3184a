/** Consensus rounds over the API: who may open, answer and close, and what each sees when. */
import { discussionMark, sectionFragmentName } from '@plenary/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';
import { yParagraph } from './support/yParagraph.ts';

const { server, plan, connect } = useTestServer();
let writer: StockClient;
let section: string;
const present: StockClient[] = [];

/** Replaces the section's text with these paragraphs and waits for the server to hold them. */
async function writeRecommendations(texts: string[]) {
  writer = connect(plan().facilitatorToken);
  await whenSynced(writer);
  const fragment = writer.doc.getXmlFragment(sectionFragmentName(section));
  writer.doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, texts.map(yParagraph));
  });
  const reader = stockClient(server().syncUrl, plan().id, plan().facilitatorToken);
  await whenSynced(reader);
  await eventually(
    () => reader.doc.getXmlFragment(sectionFragmentName(section)).length === texts.length,
    5_000,
    'the recommendations',
  );
  reader.destroy();
}

beforeEach(async () => {
  section = plan().sections[0]?.id ?? '';
  await writeRecommendations(['Name the ministry.', 'Fund early warning <script>.']);
});
afterEach(() => {
  for (const client of present.splice(0)) client.destroy();
});

const api = (method: string, path: string, token: string, body?: unknown) =>
  callApi(server(), method, `/api/plans/${plan().id}${path}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });
const open = (token: string) => api('POST', '/rounds', token, { sectionId: section });
const vote = (token: string, roundId: string, itemId: string, body: unknown) =>
  api('PUT', `/rounds/${roundId}/votes/${itemId}`, token, body);

/** Joins someone and opens the plan for them, so they are in the room (their presence). */
async function arrive(invite: { role: string; groupId?: string }, name: string) {
  const { sessionToken } = await joinAs(server(), plan(), invite, name);
  const client = stockClient(server().syncUrl, plan().id, sessionToken);
  present.push(client);
  await whenSynced(client);
  // Present once the page announces itself, as the web app does when it opens a plan.
  client.provider.awareness.setLocalStateField('cursor', null);
  return sessionToken;
}

async function people() {
  const everyone = {
    sokha: await arrive({ role: 'member', groupId: 'g1' }, 'Sokha'),
    dara: await arrive({ role: 'member', groupId: 'g2' }, 'Dara'),
    vanna: await arrive({ role: 'member', groupId: 'g3' }, 'Vanna'),
    focal: await arrive({ role: 'focal-point' }, 'Focal point'),
    observer: await arrive({ role: 'observer' }, 'Guest'),
  };
  return everyone;
}

/**
 * The round's view once the room's presence has settled to `eligible` (the writer, a
 * facilitator, and the observer are in the room too, and do not count: they do not answer).
 */
async function countOnceSettled(token: string, roundId: string, eligible: number) {
  await expect
    .poll(async () => (await api('GET', `/rounds/${roundId}`, token)).body.eligible)
    .toBe(eligible);
  return (await api('GET', `/rounds/${roundId}`, token)).body;
}

describe('consensus rounds', () => {
  it('open with the section’s paragraphs frozen, for the facilitator and the focal point only', async () => {
    const { sokha, focal, observer } = await people();
    expect((await open(sokha)).status).toBe(403);
    expect((await open(observer)).status).toBe(403);
    const opened = await open(plan().facilitatorToken);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      sectionId: section,
      status: 'open',
      items: [{ text: 'Name the ministry.' }, { text: 'Fund early warning <script>.' }],
    });
    // Editing the text afterwards does not change what is being answered.
    await writeRecommendations(['Something else entirely.']);
    const read = await api('GET', `/rounds/${opened.body.id}`, sokha);
    expect(read.body.items.map((i: { text: string }) => i.text)).toEqual([
      'Name the ministry.',
      'Fund early warning <script>.',
    ]);
    expect((await open(focal)).status).toBe(409);
    expect((await api('POST', '/rounds', focal, { sectionId: 'nope' })).status).toBe(404);
  });

  it('take one answer per person per recommendation, changeable, from members and the focal point only', async () => {
    const { sokha, dara, focal, observer } = await people();
    const round = (await open(plan().facilitatorToken)).body;
    const [first, second] = round.items;
    expect(await countOnceSettled(sokha, round.id, 4)).toMatchObject({ answered: 0 });
    expect((await vote(observer, round.id, first.id, { choice: 'agree' })).status).toBe(403);
    expect(
      (await vote(plan().facilitatorToken, round.id, first.id, { choice: 'agree' })).status,
    ).toBe(403);
    expect((await vote(sokha, round.id, first.id, { choice: 'maybe' })).status).toBe(400);
    expect((await vote(sokha, round.id, 'nope', { choice: 'agree' })).status).toBe(404);
    expect((await vote(sokha, round.id, first.id, { choice: 'agree' })).status).toBe(200);
    // Changing an answer replaces it: still one person, one answer.
    await vote(sokha, round.id, first.id, { choice: 'disagree', reason: 'Which ministry?' });
    await vote(dara, round.id, first.id, { choice: 'agree' });
    await vote(focal, round.id, second.id, { choice: 'abstain' });
    const seen = (await api('GET', `/rounds/${round.id}`, sokha)).body;
    expect(seen).toMatchObject({ status: 'open', answered: 3, eligible: 4 });
    expect(seen.items.map((i: { answered: number }) => i.answered)).toEqual([2, 1]);
    expect(seen.mine).toEqual({ [first.id]: { choice: 'disagree', reason: 'Which ministry?' } });
    // While open nobody sees how the answers fall, not even the facilitator.
    // Each person sees their own answer back, and nobody else's.
    for (const token of [sokha, plan().facilitatorToken, observer]) {
      const { body } = await api('GET', '/rounds', token);
      expect(JSON.stringify(body.rounds[0].items)).not.toMatch(/tally|reasons|Which ministry/);
      if (token !== sokha) expect(JSON.stringify(body)).not.toMatch(/disagree|Which ministry/);
    }
  });

  it('show tallies and reasons once closed, and refuse answers after', async () => {
    const { sokha, dara, vanna, focal, observer } = await people();
    const round = (await open(focal)).body;
    const [first, second] = round.items;
    await vote(sokha, round.id, first.id, { choice: 'agree' });
    await vote(dara, round.id, first.id, { choice: 'agree', reason: '  ' });
    await vote(vanna, round.id, first.id, { choice: 'disagree', reason: '<b>Too vague</b>' });
    await vote(vanna, round.id, second.id, { choice: 'abstain' });
    expect((await api('POST', `/rounds/${round.id}/close`, sokha)).status).toBe(403);
    expect((await api('POST', `/rounds/${round.id}/close`, observer)).status).toBe(403);
    await countOnceSettled(sokha, round.id, 4);
    const closed = await api('POST', `/rounds/${round.id}/close`, plan().facilitatorToken);
    expect(closed.body).toMatchObject({
      status: 'closed',
      answered: 3,
      eligible: 4,
      items: [
        {
          tally: { agree: 2, disagree: 1, abstain: 0 },
          reasons: [{ choice: 'disagree', reason: '<b>Too vague</b>' }],
        },
        { tally: { agree: 0, disagree: 0, abstain: 1 }, reasons: [] },
      ],
    });
    const late = await vote(sokha, round.id, first.id, { choice: 'disagree' });
    expect(late).toMatchObject({ status: 409, body: { code: 'round-closed' } });
    // Leaving the room after the close does not change the count it closed with.
    for (const client of present.splice(0)) client.destroy();
    const read = await api('GET', `/rounds/${round.id}`, observer);
    expect(read.body.items[0].tally).toEqual({ agree: 2, disagree: 1, abstain: 0 });
    expect(read.body).toMatchObject({ answered: 3, eligible: 4 });
    expect((await api('GET', '/rounds/nope', observer)).status).toBe(404);
    expect((await api('POST', '/rounds/nope/close', focal)).status).toBe(404);
    // A new round on the section may open once the last one closed.
    expect((await open(focal)).status).toBe(201);
  });

  it('mark a close apart from answers, so pages showing only the text fetch on a close', async () => {
    const { sokha } = await people();
    const round = (await open(plan().facilitatorToken)).body;
    const rounds = () => discussionMark(writer.doc, 'rounds');
    const closes = () => discussionMark(writer.doc, 'roundsClosed');
    const [answeredBefore, closedBefore] = [rounds(), closes()];
    await vote(sokha, round.id, round.items[0].id, { choice: 'agree' });
    await eventually(() => rounds() !== answeredBefore, 5_000, 'the answer announced');
    expect(closes()).toBe(closedBefore);
    const answered = rounds();
    await api('POST', `/rounds/${round.id}/close`, plan().facilitatorToken);
    await eventually(() => closes() !== closedBefore, 5_000, 'the close announced');
    await eventually(() => rounds() !== answered, 5_000, 'the close announced to the panels');
  });

  it('can be put on the projectors by the facilitator', async () => {
    const round = (await open(plan().facilitatorToken)).body;
    const shown = await api('PUT', '/presentation', plan().facilitatorToken, { roundId: round.id });
    expect(shown.body).toMatchObject({ roundId: round.id, showComments: false });
    const missing = await api('PUT', '/presentation', plan().facilitatorToken, { roundId: 'nope' });
    expect(missing.status).toBe(404);
  });
});
