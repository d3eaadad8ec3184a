/**
 * Saved versions through the server: who may do what, comparing, restoring, names, and
 * automatic versions. Over 400 lines because the cases share one scene (a server, a plan,
 * people joined and connected, and helpers to call the versions API on them) that no other
 * file needs; each `describe` is one of those topics.
 */
import { sectionPlainText } from '@plenary/editor';
import { readPlan, sectionFragmentName } from '@plenary/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, stockClient, whenSynced } from './support/stockClient.ts';
import {
  type CreatedPlan,
  callApi,
  createTestPlan,
  joinAs,
  startTestServer,
  type TestServer,
} from './support/testServer.ts';

let server: TestServer;
let plan: CreatedPlan;
const clients: StockClient[] = [];
/** Every token a test used: none may show up in the server's log. */
const tokens: string[] = [];

async function start(env: Record<string, string> = {}): Promise<void> {
  server = await startTestServer({ env });
  plan = await createTestPlan(server, 'r2p-nap');
  tokens.push(plan.facilitatorToken);
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  const log = server.logLines.join('\n');
  for (const token of tokens.splice(0)) expect(log).not.toContain(token);
});

interface Person {
  participantId: string;
  name: string;
  token: string;
}

async function join(invite: { role: string; groupId?: string }, name: string): Promise<Person> {
  const joined = await joinAs(server, plan, invite, name);
  tokens.push(joined.inviteToken, joined.sessionToken);
  return { participantId: joined.participantId, name, token: joined.sessionToken };
}

async function connect(token: string): Promise<StockClient> {
  const client = stockClient(server.syncUrl, plan.id, token);
  clients.push(client);
  await whenSynced(client);
  return client;
}

/** The R2P template's section owned by group `groupId`. */
function sectionOf(groupId: string): string {
  const section = plan.sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return section.id;
}

const fragmentOf = (client: StockClient, sectionId: string) =>
  client.doc.getXmlFragment(sectionFragmentName(sectionId));

const textOf = (client: StockClient, sectionId: string) =>
  sectionPlainText(fragmentOf(client, sectionId));

/** Adds a paragraph holding `text` at the end of the section, as the editor's binding would. */
function addParagraph(client: StockClient, sectionId: string, text: string): Y.XmlText {
  const run = new Y.XmlText();
  client.doc.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [run]);
    const fragment = fragmentOf(client, sectionId);
    fragment.insert(fragment.length, [paragraph]);
    run.insert(0, text);
  });
  return run;
}

/** Waits until `observer` sees the section's text contain (or not) `text`. */
const untilText = (observer: StockClient, sectionId: string, text: string, present = true) =>
  eventually(
    () => textOf(observer, sectionId).includes(text) === present,
    5_000,
    `"${text}" ${present ? 'to arrive' : 'to go'}`,
  );

const api = (method: string, path: string, token: string, body?: unknown) =>
  callApi(server, method, `/api/plans/${plan.id}${path}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });

const listVersions = async (token = plan.facilitatorToken) =>
  (await api('GET', '/versions', token)).body.versions as {
    id: string;
    name: string | null;
    reason: string;
    createdBy: { participantId: string | null; name: string } | null;
  }[];

async function saveNamed(name: string, token = plan.facilitatorToken): Promise<string> {
  const saved = await api('POST', '/versions', token, { name });
  expect(saved.status).toBe(201);
  return saved.body.version.id;
}

const compare = (from: string, to = 'now', token = plan.facilitatorToken) =>
  api('GET', `/versions/compare?from=${from}&to=${to}`, token);

interface Run {
  text: string;
  change: string | null;
  participantId: string | null;
}

/** Every run of the comparison's section, with its block's change when the run has none. */
// biome-ignore lint/suspicious/noExplicitAny: the comparison is read as JSON.
function runsOf(body: any, sectionId: string): Run[] {
  // biome-ignore lint/suspicious/noExplicitAny: the comparison is read as JSON.
  const section = body.sections.find((s: any) => s.sectionId === sectionId);
  if (!section) throw new Error(`the comparison has no section ${sectionId}`);
  // biome-ignore lint/suspicious/noExplicitAny: the comparison is read as JSON.
  return section.blocks.flatMap((block: any) =>
    block.runs.map((run: Run) => ({
      text: run.text,
      change: run.change ?? block.change,
      participantId: run.participantId ?? block.participantId,
    })),
  );
}

const changedRuns = (body: unknown, sectionId: string) =>
  runsOf(body, sectionId).filter((run) => run.change !== null);

/** Polls `check` until it holds; for conditions only the server can answer. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('versions: who may do what', () => {
  it('lets a member list and compare versions, but not save or restore one', async () => {
    await start();
    const member = await join({ role: 'member', groupId: 'g1' }, 'Sokha');
    const versionId = await saveNamed('End of day 1');

    expect((await api('GET', '/versions', member.token)).status).toBe(200);
    expect((await compare(versionId, 'now', member.token)).status).toBe(200);
    const save = await api('POST', '/versions', member.token, { name: 'Mine' });
    expect(save.status).toBe(403);
    expect(save.body).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/member/),
    });
    const restore = await api('POST', `/versions/${versionId}/restore`, member.token, {});
    expect(restore.status).toBe(403);
    expect(restore.body.code).toBe('forbidden');
    expect((await listVersions()).map((v) => v.id)).toEqual([versionId]);
  });

  it('lets the focal point save a named version, trimmed, with who and when', async () => {
    await start();
    const focal = await join({ role: 'focal-point' }, 'Dara');
    const saved = await api('POST', '/versions', focal.token, { name: '  End of day 1  ' });
    expect(saved.status).toBe(201);
    expect(saved.body.version).toEqual({
      id: expect.any(String),
      name: 'End of day 1',
      reason: 'named',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdBy: { participantId: focal.participantId, name: 'Dara' },
    });
    // The facilitator's link is an invite, not a participant: its role names it.
    await saveNamed('Later');
    const [newest] = await listVersions();
    expect(newest?.createdBy).toEqual({ participantId: null, name: 'facilitator' });
  });

  it('saves two versions asked for at once, both, under different ids', async () => {
    await start();
    const [a, b] = await Promise.all([
      api('POST', '/versions', plan.facilitatorToken, { name: 'A' }),
      api('POST', '/versions', plan.facilitatorToken, { name: 'B' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.version.id).not.toBe(b.body.version.id);
    expect((await listVersions()).map((v) => v.name).sort()).toEqual(['A', 'B']);
  });
});

describe('comparing versions', () => {
  it("shows a member's insertion with them and their group, and lists newest first", async () => {
    await start();
    const sokha = await join({ role: 'member', groupId: 'g1' }, 'Sokha');
    const section = sectionOf('g1');
    const before = await saveNamed('End of day 1');
    const writer = await connect(sokha.token);
    const observer = await connect(plan.facilitatorToken);
    addParagraph(writer, section, 'Protect every civilian.');
    await untilText(observer, section, 'Protect every civilian.');
    const after = await saveNamed('End of day 2');

    expect((await listVersions()).map((v) => v.id)).toEqual([after, before]);
    const withNow = await compare(before);
    expect(withNow.status).toBe(200);
    expect(withNow.body.from.id).toBe(before);
    expect(withNow.body.to).toBeNull();
    expect(changedRuns(withNow.body, section)).toEqual([
      { text: 'Protect every civilian.', change: 'inserted', participantId: sokha.participantId },
    ]);
    expect(withNow.body.people).toEqual([
      { participantId: sokha.participantId, name: 'Sokha', groupId: 'g1' },
    ]);
    // Other sections did not change.
    const unchanged = withNow.body.sections.filter(
      (s: { sectionId: string }) => s.sectionId !== section,
    );
    expect(unchanged.every((s: { status: string }) => s.status === 'unchanged')).toBe(true);

    // Named the wrong way round, the server swaps them and says so.
    const swapped = await compare(after, before);
    expect(swapped.status).toBe(200);
    expect([swapped.body.from.id, swapped.body.to.id]).toEqual([before, after]);
    expect(changedRuns(swapped.body, section)).toEqual(changedRuns(withNow.body, section));
  });

  it('attributes a deletion to whoever made it, even once compaction folded it away', async () => {
    await start({ COMPACT_AFTER_UPDATES: '3' });
    const sokha = await join({ role: 'member', groupId: 'g1' }, 'Sokha');
    const vanna = await join({ role: 'member', groupId: 'g1' }, 'Vanna');
    const section = sectionOf('g1');
    const writer = await connect(sokha.token);
    const deleter = await connect(vanna.token);
    const run = addParagraph(writer, section, 'Keep this. Drop this.');
    await untilText(deleter, section, 'Drop this.');
    const before = await saveNamed('Before the cut');

    const fragment = fragmentOf(deleter, section);
    const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
    (paragraph.firstChild as Y.XmlText).delete('Keep this.'.length, ' Drop this.'.length);
    await untilText(writer, section, 'Drop this.', false);
    // Stored before it reached the writer, so its seq is at most this.
    const deletionSeq = (await server.app.store.loadDocument(plan.id))?.lastSeq ?? 0;
    // More updates than COMPACT_AFTER_UPDATES, so the deletion's row is compacted away.
    for (const character of ' More.') run.insert(run.length, character);
    await untilText(deleter, section, 'Keep this. More.');
    await until(async () => {
      const stored = await server.app.store.loadDocument(plan.id);
      return stored !== null && stored.lastSeq - stored.logLength >= deletionSeq;
    }, 'compaction past the deletion');

    const result = await compare(before);
    // The comparison may align the words around the change; the change itself is exact.
    expect(changedRuns(result.body, section)).toEqual([
      {
        text: expect.stringContaining('Drop this'),
        change: 'deleted',
        participantId: vanna.participantId,
      },
      {
        text: expect.stringContaining('More'),
        change: 'inserted',
        participantId: sokha.participantId,
      },
    ]);
    expect(
      result.body.people.sort((a: { name: string }, b: { name: string }) =>
        a.name.localeCompare(b.name),
      ),
    ).toEqual([
      { participantId: sokha.participantId, name: 'Sokha', groupId: 'g1' },
      { participantId: vanna.participantId, name: 'Vanna', groupId: 'g1' },
    ]);
  });

  it('answers 404 for a version the plan does not have, and 400 without `from`', async () => {
    await start();
    const versionId = await saveNamed('Real');
    for (const [from, to] of [
      ['missing', 'now'],
      [versionId, 'missing'],
    ]) {
      const result = await compare(from ?? '', to);
      expect(result.status).toBe(404);
      expect(result.body).toMatchObject({
        code: 'version-not-found',
        message: expect.stringContaining('no version'),
      });
    }
    const noFrom = await api('GET', '/versions/compare', plan.facilitatorToken);
    expect(noFrom.status).toBe(400);
    expect(noFrom.body.message).toMatch(/from/);
  });
});

describe('restoring a version', () => {
  it("brings one section's old text back to a connected client, after saving a safety version", async () => {
    await start();
    const sokha = await join({ role: 'member', groupId: 'g1' }, 'Sokha');
    const section = sectionOf('g1');
    const other = sectionOf('g2');
    const writer = await connect(sokha.token);
    const facilitator = await connect(plan.facilitatorToken);
    const run = addParagraph(writer, section, 'The original wording.');
    await untilText(facilitator, section, 'The original wording.');
    const versionId = await saveNamed('End of day 1');

    writer.doc.transact(() => {
      run.delete(0, run.length);
      run.insert(0, 'A rushed rewrite.');
    });
    addParagraph(facilitator, other, 'Kept in another section.');
    await untilText(facilitator, section, 'A rushed rewrite.');
    const restored = await api('POST', `/versions/${versionId}/restore`, plan.facilitatorToken, {
      sectionId: section,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({
      restored: 'section',
      safetyVersion: expect.objectContaining({
        name: 'Before restoring “End of day 1”',
        reason: 'restore',
      }),
    });
    await untilText(writer, section, 'The original wording.');
    expect(textOf(writer, section)).not.toContain('A rushed rewrite.');
    // Only that section went back.
    expect(textOf(writer, other)).toContain('Kept in another section.');

    const versions = await listVersions();
    expect(versions.map((v) => v.id)).toEqual([restored.body.safetyVersion.id, versionId]);
    // The safety version still holds the rewrite, so the restore can be undone.
    const undo = await compare(restored.body.safetyVersion.id);
    expect(changedRuns(undo.body, section)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          text: expect.stringContaining('A rushed rewrite'),
          change: 'deleted',
        }),
      ]),
    );
  });

  it('brings the whole plan back: its title, section titles and text', async () => {
    await start();
    const section = sectionOf('g1');
    const facilitator = await connect(plan.facilitatorToken);
    const observer = await connect(plan.facilitatorToken);
    addParagraph(facilitator, section, 'Agreed on day one.');
    const oldTitle = plan.sections.find((s) => s.id === section)?.title;
    await untilText(observer, section, 'Agreed on day one.');
    const versionId = await saveNamed('End of day 1');

    expect((await api('PATCH', '', plan.facilitatorToken, { title: 'Renamed plan' })).status).toBe(
      200,
    );
    const renamed = await api('PATCH', `/sections/${section}`, plan.facilitatorToken, {
      title: 'A new title',
    });
    expect(renamed.status).toBe(200);
    const paragraph = fragmentOf(facilitator, section);
    facilitator.doc.transact(() => paragraph.delete(paragraph.length - 1, 1));

    const restored = await api('POST', `/versions/${versionId}/restore`, plan.facilitatorToken, {});
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toBe('plan');
    await untilText(facilitator, section, 'Agreed on day one.');
    const now = await api('GET', '', plan.facilitatorToken);
    expect(now.body.title).toBe('Test plan');
    expect(now.body.sections.find((s: { id: string }) => s.id === section)?.title).toBe(oldTitle);
  });

  it('refuses an unknown version or a section the version lacks, and saves nothing then', async () => {
    await start();
    const versionId = await saveNamed('End of day 1');
    const unknown = await api('POST', '/versions/missing/restore', plan.facilitatorToken, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('version-not-found');
    const noSection = await api('POST', `/versions/${versionId}/restore`, plan.facilitatorToken, {
      sectionId: 'nosuchsection',
    });
    expect(noSection.status).toBe(404);
    expect(noSection.body).toMatchObject({
      code: 'section-not-in-version',
      message: expect.stringContaining('nosuchsection'),
    });
    expect((await listVersions()).map((v) => v.id)).toEqual([versionId]);
  });
});

describe('names a version must have', () => {
  it('answers 400 with words for a missing, blank or too long name', async () => {
    await start();
    const cases: [unknown, RegExp][] = [
      [{}, /name/],
      [{ name: '' }, /name/],
      [{ name: '    ' }, /1 to 120 characters/],
      [{ name: 'x'.repeat(121) }, /1 to 120 characters/],
    ];
    for (const [body, message] of cases) {
      const result = await api('POST', '/versions', plan.facilitatorToken, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.message, JSON.stringify(body)).toMatch(message);
    }
    const restore = await api('POST', '/versions/x/restore', plan.facilitatorToken, {
      sectionId: 'Not An Id',
    });
    expect(restore.status).toBe(400);
    expect(await listVersions()).toEqual([]);
  });
});

describe('automatic versions', () => {
  /** The phase saved in a version, read from its stored state. */
  async function phaseIn(versionId: string): Promise<string> {
    const state = await server.app.versions.versionState(plan.id, versionId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state ?? new Uint8Array());
    return readPlan(doc).phase;
  }

  it('saves one after every phase change, holding the new phase', async () => {
    await start();
    const setPhase = (phase: string) =>
      api('PUT', '/phase', plan.facilitatorToken, { phase }).then((r) => r.status);
    expect(await setPhase('review')).toBe(200);
    const [first] = await listVersions();
    expect(first).toMatchObject({
      name: null,
      reason: 'phase',
      createdBy: { participantId: null, name: 'facilitator' },
    });
    expect(await phaseIn(first?.id ?? '')).toBe('review');

    // The same phase again changes nothing, so no version.
    expect(await setPhase('review')).toBe(200);
    expect(await listVersions()).toHaveLength(1);
    expect(await setPhase('final')).toBe(200);
    const versions = await listVersions();
    expect(versions.map((v) => v.reason)).toEqual(['phase', 'phase']);
    expect(await phaseIn(versions[0]?.id ?? '')).toBe('final');
  });

  it('saves one when the plan is edited and its newest version is older than the interval', async () => {
    // 0.005 minutes: 300 ms.
    await start({ AUTO_VERSION_MINUTES: '0.005' });
    const section = sectionOf('g1');
    const facilitator = await connect(plan.facilitatorToken);
    const versionId = await saveNamed('Start');
    const run = addParagraph(facilitator, section, 'a');
    // Typing on, past the interval, saves exactly one activity version...
    await until(async () => {
      run.insert(run.length, 'b');
      return (await listVersions()).some((v) => v.reason === 'activity');
    }, 'an activity version');
    const [activity] = await listVersions();
    expect(activity).toMatchObject({ name: null, reason: 'activity', createdBy: null });
    const changed = await compare(versionId, activity?.id);
    expect(changedRuns(changed.body, section)[0]?.change).toBe('inserted');

    // ...and nothing happens while nobody edits, however long.
    await new Promise((resolve) => setTimeout(resolve, 700));
    const quiet = await listVersions();
    expect(quiet[0]?.id).toBe(activity?.id);
    run.insert(run.length, 'c');
    await until(
      async () => (await listVersions()).filter((v) => v.reason === 'activity').length === 2,
      'a second activity version',
    );
  });
});
