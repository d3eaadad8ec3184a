import { readFileSync } from 'node:fs';
import { readRichText, sectionPlainText } from '@plenary/editor';
import { readPlan, sectionFragmentName } from '@plenary/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import {
  callApi,
  joinAs,
  startTestServer,
  type TestServer,
  useTestServer,
} from './support/testServer.ts';

// The Word files LibreOffice wrote, shared with the converter's own tests.
const FIXTURES = new URL('../../../packages/report/src/import/fixtures/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const MARKDOWN = 'text/markdown; charset=utf-8';
const KHMER_HEADING = 'ការការពារ និងការឆ្លើយតប';

/** A fixture as the web app sends it: its bytes, the type its name says, and its name. */
const fixtureFile = (path: string) => ({
  bytes: fixture(path),
  contentType: path.endsWith('.md') ? MARKDOWN : DOCX,
  name: path.split('/').pop() ?? path,
});

/** Uploads a file as the raw request body; returns the status and the JSON answer. */
async function upload(
  server: TestServer,
  url: string,
  file: { bytes: Buffer | string; contentType: string; name?: string },
  token?: string,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies and assert on their fields.
): Promise<{ status: number; body: any }> {
  const query = file.name ? `?name=${encodeURIComponent(file.name)}` : '';
  const response = await fetch(`${server.baseUrl}${url}${query}`, {
    method: 'POST',
    headers: {
      'content-type': file.contentType,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: file.bytes,
  });
  return { status: response.status, body: await response.json() };
}

const planCount = async (server: TestServer) => (await server.app.store.listPlans()).length;

/** A section's text as a connected client sees it. */
const clientText = (client: StockClient, sectionId: string) =>
  sectionPlainText(client.doc.getXmlFragment(sectionFragmentName(sectionId)));

describe('importing an outline as a new plan', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('makes a plan from a Word document, one section per Heading 1, and lists what was left out', async () => {
    const created = await upload(server, '/api/plans/import', fixtureFile('draft-outline.docx'));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('National Action Plan: draft outline');
    expect(created.body.sections.map((s: { title: string }) => s.title)).toEqual([
      'Introduction',
      'Prevention',
      KHMER_HEADING,
      'Actions and responsibilities',
    ]);
    expect(created.body.url).toContain(`#invite=${created.body.facilitatorToken}`);
    expect(created.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'style',
      'footnote',
      'image',
    ]);

    // The text arrives over the ordinary sync protocol, Khmer exactly as written.
    const client = stockClient(server.syncUrl, created.body.id, created.body.facilitatorToken);
    try {
      await whenSynced(client);
      const khmer = created.body.sections[2].id;
      expect(clientText(client, khmer)).toContain(
        'ផែនការសកម្មភាពជាតិនេះ ត្រូវបានរៀបចំដោយក្រុមការងារចម្រុះ ដើម្បីការពារអំពើឃោរឃៅ។',
      );
      const actions = readRichText(
        client.doc.getXmlFragment(sectionFragmentName(created.body.sections[3].id)),
      );
      expect(actions.firstChild?.type.name).toBe('table');
    } finally {
      client.destroy();
    }
  });

  it('makes a plan from Markdown', async () => {
    const created = await upload(server, '/api/plans/import', fixtureFile('draft-outline.md'));
    expect(created.status).toBe(201);
    expect(created.body.title).toBe('draft-outline');
    expect(created.body.sections).toHaveLength(3);
    const listed = await callApi(server, 'GET', `/api/plans/${created.body.id}`, {
      token: created.body.facilitatorToken,
    });
    expect(listed.body.sections[1].title).toBe(KHMER_HEADING);
  });

  it('refuses a malformed file with 422 and a message, and creates no plan', async () => {
    const before = await planCount(server);
    for (const name of ['truncated.docx', 'notes-renamed.docx', 'archive.docx', 'empty.docx']) {
      const refused = await upload(server, '/api/plans/import', fixtureFile(`malformed/${name}`));
      expect(refused.status, name).toBe(422);
      expect(refused.body.message, name).toMatch(
        /This file is not a Word document|This Word document is damaged|This file is empty/,
      );
    }
    expect(await planCount(server)).toBe(before);
  });

  it('refuses a file of another kind with 415', async () => {
    const refused = await upload(server, '/api/plans/import', {
      bytes: '%PDF-1.7',
      contentType: 'application/pdf',
      name: 'outline.pdf',
    });
    expect(refused).toMatchObject({ status: 415, body: { code: 'unsupported-file-type' } });
    const misnamed = await upload(server, '/api/plans/import', {
      bytes: '%PDF-1.7',
      contentType: 'application/octet-stream',
      name: 'outline.pdf',
    });
    expect(misnamed).toMatchObject({ status: 415, body: { code: 'unknown-format' } });
  });
});

describe('the import size limit (MAX_IMPORT_BYTES)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_IMPORT_BYTES: '4096' } });
  });
  afterAll(() => server.close());

  it('refuses a larger file with 413 and a message, and creates no plan', async () => {
    const before = await planCount(server);
    const refused = await upload(server, '/api/plans/import', fixtureFile('draft-outline.docx'));
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'too-large' });
    expect(refused.body.message).toMatch(/^This file is larger than 4 KiB, the most/);
    expect(await planCount(server)).toBe(before);
    const config = await callApi(server, 'GET', '/api/config');
    expect(config.body.maxImportBytes).toBe(4096);
  });
});

describe('replacing a section with a file', () => {
  const { server, plan, connect } = useTestServer({ once: true });
  let client: StockClient;
  let sectionId: string;

  beforeAll(async () => {
    sectionId = plan().sections[1]?.id ?? '';
    client = connect(plan().facilitatorToken);
    await whenSynced(client);
  });

  const importInto = (file: Parameters<typeof upload>[2], token = plan().facilitatorToken) =>
    upload(server(), `/api/plans/${plan().id}/sections/${sectionId}/import`, file, token);

  it('fills the section for every connected client, headings as its subheadings', async () => {
    const filled = await importInto(fixtureFile('review-copy.docx'));
    expect(filled.status).toBe(200);
    expect(filled.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'tracked-changes',
      'text-box',
      'comment',
    ]);
    await eventually(
      () => clientText(client, sectionId).startsWith('Monitoring'),
      10_000,
      'the imported text at the client',
    );
    const body = readRichText(client.doc.getXmlFragment(sectionFragmentName(sectionId)));
    const headings: [number, string][] = [];
    body.descendants((node) => {
      if (node.type.name === 'heading') headings.push([node.attrs.level, node.textContent]);
    });
    expect(headings).toEqual([
      [2, 'Monitoring'],
      [3, 'Indicators'],
      [2, 'Budget'],
    ]);
    expect(clientText(client, sectionId)).toContain('every quarter to the plenary');
  });

  it('leaves the section as it was when the file is malformed, too big or not allowed', async () => {
    const before = clientText(client, sectionId);
    const structure = readPlan(client.doc);

    const malformed = await importInto(fixtureFile('malformed/broken-xml.docx'));
    expect(malformed).toMatchObject({ status: 422, body: { code: 'damaged' } });

    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Dara');
    const forbidden = await importInto(fixtureFile('draft-outline.md'), member.sessionToken);
    expect(forbidden).toMatchObject({ status: 403, body: { code: 'forbidden' } });

    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Sokha');
    const notFocal = await importInto(fixtureFile('draft-outline.md'), focal.sessionToken);
    expect(notFocal.status).toBe(403);

    // What the server holds is what the client holds: compare with a fresh copy.
    const check = stockClient(server().syncUrl, plan().id, plan().facilitatorToken);
    try {
      await whenSynced(check);
      expect(clientText(check, sectionId)).toBe(before);
      expect(readPlan(check.doc)).toEqual(structure);
    } finally {
      check.destroy();
    }
  });

  it('refuses an agreed section with 409, and a section that does not exist with 404', async () => {
    const agreed = await callApi(
      server(),
      'PATCH',
      `/api/plans/${plan().id}/sections/${sectionId}`,
      {
        token: plan().facilitatorToken,
        body: { status: 'agreed' },
      },
    );
    expect(agreed.status).toBe(200);
    const locked = await importInto(fixtureFile('draft-outline.md'));
    expect(locked).toMatchObject({ status: 409, body: { code: 'section-agreed' } });

    const missing = await upload(
      server(),
      `/api/plans/${plan().id}/sections/nosuch/import`,
      fixtureFile('draft-outline.md'),
      plan().facilitatorToken,
    );
    expect(missing).toMatchObject({ status: 404, body: { code: 'section-not-found' } });
  });
});

describe('importing with an administrator token set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PLENARY_ADMIN_TOKEN: 'a'.repeat(24) } });
  });
  afterAll(() => server.close());

  it('needs the token to make a plan, like creating one does', async () => {
    const file = fixtureFile('draft-outline.md');
    const refused = await upload(server, '/api/plans/import', file);
    expect(refused).toMatchObject({ status: 401, body: { code: 'admin-token-required' } });
    const created = await upload(server, '/api/plans/import', file, 'a'.repeat(24));
    expect(created.status).toBe(201);
    expect(created.body.sections).toHaveLength(3);
  });
});
