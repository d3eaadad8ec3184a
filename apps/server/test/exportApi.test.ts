import { formatMoment } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { attachmentHeader } from '../src/routes/exportRoutes.ts';
import { joinAs, useTestServer } from './support/testServer.ts';

const { server, plan } = useTestServer({ once: true });

async function download(query: string, token: string) {
  const response = await fetch(`${server().baseUrl}/api/plans/${plan().id}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A decision by the focal point on Sokha's suggestion to insert `text`, for the log. */
const decisionOf = (
  sectionId: string,
  suggestionId: string,
  action: 'accept' | 'reject',
  text: string,
) => ({
  id: `d-${suggestionId}`,
  sectionId,
  suggestionId,
  action,
  kind: 'insert',
  insertedText: text,
  deletedText: '',
  authorId: 'p-sokha',
  authorName: 'Sokha',
  groupId: 'g1',
  suggestedAt: null,
  decidedBy: null,
  decidedByName: 'Focal point',
});

describe('GET /api/plans/:id/export', () => {
  it('serves every format with its content type and file name to anyone who may read the plan', async () => {
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Guest');
    const expected = {
      md: 'text/markdown',
      html: 'text/html',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
    };
    for (const [format, type] of Object.entries(expected)) {
      const { response, bytes } = await download(`format=${format}`, observer.sessionToken);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`filename="Test-plan\\.${format}"`),
      );
      expect(bytes.length).toBeGreaterThan(100);
    }
    const { bytes } = await download('format=md', observer.sessionToken);
    expect(bytes.toString('utf8')).toContain('Risk factors and early warning');
    const pdf = await download('format=pdf', observer.sessionToken);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('gives the participants annex to the facilitator only', async () => {
    await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Dara Sok');
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    expect(
      (await download('format=md&annexes=participants', member.sessionToken)).response.status,
    ).toBe(403);
    const { bytes } = await download('format=md&annexes=participants', plan().facilitatorToken);
    expect(bytes.toString('utf8')).toContain('Dara Sok');
    expect((await download('format=md', member.sessionToken)).bytes.toString('utf8')).not.toContain(
      'Dara Sok',
    );
  });

  it('gives the decision log annex, oldest first, to the facilitator and focal point only', async () => {
    const section = plan().sections[1];
    if (!section) throw new Error('the template has sections');
    const logged = (suggestionId: string, action: 'accept' | 'reject', text: string) =>
      decisionOf(section.id, suggestionId, action, text);
    await server().app.decisions.appendDecisions(plan().id, [
      logged('s1', 'accept', 'Protect every civilian.'),
    ]);
    await server().app.decisions.appendDecisions(plan().id, [
      logged('s2', 'reject', 'ការពារជនស៊ីវិល'),
    ]);
    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Focal point');
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    expect(
      (await download('format=md&annexes=decisions', member.sessionToken)).response.status,
    ).toBe(403);
    const markdown = (
      await download('format=md&annexes=decisions,participants', focal.sessionToken)
    ).bytes.toString('utf8');
    const annex = markdown.slice(markdown.indexOf('Annex: Decision log'));
    const accepted = annex.indexOf(
      'Accepted the suggestion of Sokha (Group 1): insert “Protect every civilian.”',
    );
    const rejected = annex.indexOf(
      'Rejected the suggestion of Sokha (Group 1): insert “ការពារជនស៊ីវិល”',
    );
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(accepted);
    expect(annex).toContain(section.title);
    expect(annex).toContain('Annex: Participants by group');
  });

  it('writes dates and times the reader’s way: Khmer or day-month English, in their time zone', async () => {
    const section = plan().sections[1];
    if (!section) throw new Error('the template has sections');
    const [entry] = await server().app.decisions.appendDecisions(plan().id, [
      decisionOf(section.id, 'dates', 'accept', 'Dated.'),
    ]);
    if (!entry) throw new Error('the decision was logged');
    const zone = 'Asia/Phnom_Penh';
    const annexOf = async (lang: string) =>
      (
        await download(
          `format=md&annexes=decisions&lang=${lang}&timeZone=${encodeURIComponent(zone)}`,
          plan().facilitatorToken,
        )
      ).bytes.toString('utf8');
    const khmer = await annexOf('km');
    expect(khmer).toContain(formatMoment(entry.decidedAt, 'km', 'dateTime', zone));
    // The title page's date when none is given: today, in Khmer, with a Khmer month name.
    expect(khmer).toContain(formatMoment(new Date(), 'km', 'date', zone));
    const english = await annexOf('en');
    const written = formatMoment(entry.decidedAt, 'en', 'dateTime', zone);
    expect(english).toContain(written);
    // Day before month: "6 Dec 2026", never "Dec 6, 2026".
    expect(written).toMatch(/^\d{1,2} \w{3} \d{4}/);

    const unknown = await download('format=md&timeZone=Mars%2FOlympus', plan().facilitatorToken);
    expect(unknown.response.status).toBe(400);
    expect(JSON.parse(unknown.bytes.toString('utf8')).code).toBe('unknown-time-zone');
  });

  it('refuses an unknown annex, naming the ones there are', async () => {
    const { response, bytes } = await download(
      'format=md&annexes=decisions,ballots',
      plan().facilitatorToken,
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(bytes.toString('utf8')).message).toBe(
      'There is no annex "ballots"; choose from decisions, participants, comments, votes, separated by commas.',
    );
  });

  it('refuses an unknown format with a message', async () => {
    const { response, bytes } = await download('format=odt', plan().facilitatorToken);
    expect(response.status).toBe(400);
    expect(JSON.parse(bytes.toString('utf8')).message).toMatch(/format/);
  });

  it('keeps Khmer file names in the header', () => {
    expect(attachmentHeader('ផែនការ.pdf')).toBe(
      `attachment; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent('ផែនការ.pdf')}`,
    );
  });
});
