/**
 * The comments and votes annexes of the outcomes report, and the level of support in the
 * body, with participants' words that try to break out of the format they land in.
 */
import { sectionFragmentName } from '@plenary/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockClient, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';
import { yParagraph } from './support/yParagraph.ts';

const HOSTILE_COMMENT = '<script>alert(1)</script> **bold** [x](javascript:alert(1))';
const HOSTILE_REASON = '<img src=x onerror=alert(2)> # Heading | pipe |';
const RECOMMENDATION = 'Name the ministry responsible.';

const { server, plan } = useTestServer({ once: true });
let member: string;
let focal: string;

beforeAll(async () => {
  const section = plan().sections[0]?.id ?? '';
  const writer = stockClient(server().syncUrl, plan().id, plan().facilitatorToken);
  await whenSynced(writer);
  const fragment = writer.doc.getXmlFragment(sectionFragmentName(section));
  writer.doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(0, [yParagraph(RECOMMENDATION)]);
  });
  const api = (method: string, path: string, token: string, body?: unknown) =>
    callApi(server(), method, `/api/plans/${plan().id}${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
  member = (await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha <b>'))
    .sessionToken;
  focal = (await joinAs(server(), plan(), { role: 'focal-point' }, 'Focal point')).sessionToken;
  const other = (await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara'))
    .sessionToken;
  const round = await api('POST', '/rounds', plan().facilitatorToken, { sectionId: section });
  if (round.status !== 201) throw new Error(JSON.stringify(round.body));
  const item = round.body.items[0].id;
  await api('PUT', `/rounds/${round.body.id}/votes/${item}`, member, { choice: 'agree' });
  await api('PUT', `/rounds/${round.body.id}/votes/${item}`, other, {
    choice: 'disagree',
    reason: HOSTILE_REASON,
  });
  await api('POST', `/rounds/${round.body.id}/close`, plan().facilitatorToken);
  const thread = await api('POST', '/comments', member, {
    sectionId: section,
    quote: 'the ministry',
    text: HOSTILE_COMMENT,
  });
  await api('POST', `/comments/${thread.body.id}/replies`, other, { text: 'Agreed.' });
  await api('PATCH', `/comments/${thread.body.id}`, plan().facilitatorToken, { resolved: true });
  writer.destroy();
});

async function download(query: string, token: string) {
  const response = await fetch(`${server().baseUrl}/api/plans/${plan().id}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, text: await response.text() };
}

describe('the comments and votes annexes', () => {
  it('are for the facilitator and the focal point only', async () => {
    expect((await download('format=md&annexes=comments', member)).status).toBe(403);
    expect((await download('format=md&annexes=votes', member)).status).toBe(403);
    expect((await download('format=md&annexes=comments,votes', focal)).status).toBe(200);
    for (const format of ['docx', 'pdf', 'html']) {
      const { status } = await download(
        `format=${format}&annexes=comments,votes&support=show`,
        focal,
      );
      expect(status).toBe(200);
    }
  });

  it('list threads and tallies in Markdown with the participants’ words escaped', async () => {
    const { status, text } = await download(
      'format=md&annexes=comments,votes',
      plan().facilitatorToken,
    );
    expect(status).toBe(200);
    expect(text).toContain('Annex: Comments');
    expect(text).toContain('Resolved');
    expect(text).toContain('“the ministry”');
    expect(text).toContain('Annex: Consensus rounds');
    // Nobody had the plan open at the close: those who answered are the count.
    expect(text).toContain('2 of 2 answered');
    expect(text).toContain('| Name the ministry responsible. | Divided | 1 | 1 | 0 |');
    // Markdown controls come out as literal characters, and no raw HTML gets through.
    expect(text).not.toMatch(/(^|[^\\])<(script|img)/m);
    expect(text).toContain('\\<script>');
    expect(text).not.toContain('**bold**');
    expect(text).not.toContain('[x](javascript');
    expect(text).toContain('\\*\\*bold\\*\\*');
  });

  it('escape the same words in HTML', async () => {
    const { text } = await download('format=html&annexes=comments,votes', plan().facilitatorToken);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(text).not.toMatch(/<script>alert|<img src=x/);
    expect(text).toContain('Sokha &lt;b&gt;');
  });

  it('print the level of support after each recommendation when asked, for anyone', async () => {
    const shown = await download('format=md&support=show', member);
    expect(shown.text).toMatch(
      /Name the ministry responsible\.\s+_?\*?Level of support: Divided \(1 agree, 1 disagree, 0 abstain\)/,
    );
    const hidden = await download('format=md', member);
    expect(hidden.text).not.toContain('Level of support');
  });
});
