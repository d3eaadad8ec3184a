import { CloseCode, sectionFragmentName } from '@plenary/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  eventually,
  type StockClient,
  stockClient,
  whenClosed,
  whenSynced,
} from './support/stockClient.ts';
import { callApi, createTestPlan, joinAs, useTestServer } from './support/testServer.ts';

let tokens: string[] = [];

// Registered before the scene, so that it runs after the server has closed (after-hooks
// run last first): tokens never appear in logs, whatever happened in the test.
afterEach(() => {
  const log = server().logLines.join('\n');
  for (const token of tokens) expect(log).not.toContain(token);
});

const { server, plan, connect, clients } = useTestServer();

/** The section owned by a group (or the plenary for null) in the R2P template. */
const sectionOf = (groupId: string | null) => {
  const section = plan().sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return section.id;
};

async function storedState(): Promise<Uint8Array> {
  const loaded = await server().app.store.loadDocument(plan().id);
  return Y.encodeStateAsUpdate(docOf(loaded?.updates ?? []));
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

const sectionText = (doc: Y.Doc, sectionId: string) =>
  doc.getXmlFragment(sectionFragmentName(sectionId)).toString();

function typeInto(client: StockClient, sectionId: string, text: string): void {
  const fragment = client.doc.getXmlFragment(sectionFragmentName(sectionId));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

beforeEach(() => {
  tokens = [plan().facilitatorToken];
});

async function member(groupId: string, name = `member of ${groupId}`) {
  const joined = await joinAs(server(), plan(), { role: 'member', groupId }, name);
  tokens.push(joined.inviteToken, joined.sessionToken);
  return joined;
}

/**
 * Runs one forbidden edit from a modified client while an honest facilitator edits too;
 * asserts the refusal code, that nothing was stored, and that the honest client goes on.
 */
async function expectRefused(
  token: string,
  forbiddenEdit: (client: StockClient) => void,
  code: number,
): Promise<{ code: number; reason: string }> {
  const honest = connect(plan().facilitatorToken);
  const offender = connect(token);
  await Promise.all([whenSynced(honest), whenSynced(offender)]);
  const before = await storedState();
  const closed = whenClosed(offender);
  forbiddenEdit(offender);
  const result = await closed;
  expect(result.code).toBe(code);
  expect(await storedState()).toEqual(before);

  typeInto(honest, sectionOf(null), 'The plenary goes on.');
  const check = connect(plan().facilitatorToken);
  await whenSynced(check);
  await eventually(
    () => sectionText(check.doc, sectionOf(null)).includes('The plenary goes on.'),
    5_000,
    'honest edit',
  );
  expect(
    server().logLines.some((line) => line.includes('refused') && line.includes(`"code":${code}`)),
  ).toBe(true);
  return result;
}

describe('server-side enforcement of the rights table over websockets', () => {
  it('refuses an observer edit and says the plan is read-only', async () => {
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Projector');
    tokens.push(observer.inviteToken, observer.sessionToken);
    const result = await expectRefused(
      observer.sessionToken,
      (c) => typeInto(c, sectionOf(null), 'x'),
      CloseCode.FORBIDDEN,
    );
    expect(result.reason).toMatch(/read-only/);
  });

  it("refuses a member's edit of another group's section in Drafting", async () => {
    const alice = await member('g1');
    const result = await expectRefused(
      alice.sessionToken,
      (c) => typeInto(c, sectionOf('g2'), 'x'),
      CloseCode.FORBIDDEN,
    );
    expect(result.reason).toMatch(/another group/);
  });

  it("refuses a member's edit of the plan state", async () => {
    const alice = await member('g1');
    await expectRefused(
      alice.sessionToken,
      (c) => c.doc.getMap('plan').set('phase', 'final'),
      CloseCode.FORBIDDEN,
    );
  });

  it('refuses an edit of a locked (agreed) section by a member of its group', async () => {
    const alice = await member('g1');
    const locked = await callApi(
      server(),
      'PATCH',
      `/api/plans/${plan().id}/sections/${sectionOf('g1')}`,
      {
        token: plan().facilitatorToken,
        body: { status: 'agreed' },
      },
    );
    expect(locked.status).toBe(200);
    const result = await expectRefused(
      alice.sessionToken,
      (c) => typeInto(c, sectionOf('g1'), 'x'),
      CloseCode.FORBIDDEN,
    );
    expect(result.reason).toMatch(/locked/);
  });

  it('refuses a member edit in the Final phase', async () => {
    const alice = await member('g1');
    await callApi(server(), 'PUT', `/api/plans/${plan().id}/phase`, {
      token: plan().facilitatorToken,
      body: { phase: 'final' },
    });
    const result = await expectRefused(
      alice.sessionToken,
      (c) => typeInto(c, sectionOf('g1'), 'x'),
      CloseCode.FORBIDDEN,
    );
    expect(result.reason).toMatch(/final/);
  });

  it('refuses a forged struct that claims an allowed section but lands in a forbidden one', async () => {
    const alice = await member('g1');
    // Another client of the same person legitimately typed in group 1's section, then the
    // plan moved to Review and back: its clock's last item sits in group 2's section.
    const helper = connect(plan().facilitatorToken);
    await whenSynced(helper);
    const forgedId = 424242;
    const author = new Y.Doc();
    author.clientID = forgedId;
    Y.applyUpdate(author, Y.encodeStateAsUpdate(helper.doc));
    const before = Y.encodeStateVector(author);
    typeInto({ doc: author } as StockClient, sectionOf('g2'), 'ab');
    Y.applyUpdate(helper.doc, Y.encodeStateAsUpdate(author, before));
    let serverClock = 0;
    await eventually(
      () => {
        void server()
          .app.relay.read(plan().id, (doc) => Y.getState(doc.store, forgedId))
          .then((clock) => {
            serverClock = clock;
          });
        return serverClock === 4;
      },
      5_000,
      "the author's paragraph to reach the server",
    );
    // A struct from clock 3 on, declaring group 1's section as its parent: the server
    // has clock 3 already (in group 2's section), so Yjs would link the rest there.
    const fake = new Y.Doc();
    fake.clientID = forgedId;
    for (const key of ['a', 'b', 'c']) fake.getMap('junk').set(key, 1);
    const fakeBefore = Y.encodeStateVector(fake);
    fake.getText(sectionFragmentName(sectionOf('g1'))).insert(0, 'forged text');
    const forged = Y.encodeStateAsUpdate(fake, fakeBefore);
    await expectRefused(
      alice.sessionToken,
      (c) => c.provider.ws?.send(syncUpdateFrame(forged)),
      CloseCode.UPDATE_DOES_NOT_APPLY,
    );
  });

  it('refuses an update with a clock gap', async () => {
    const alice = await member('g1');
    const doc = new Y.Doc();
    doc.getText(sectionFragmentName(sectionOf('g1'))).insert(0, 'one');
    const middle = Y.encodeStateVector(doc);
    doc.getText(sectionFragmentName(sectionOf('g1'))).insert(0, 'two');
    const gap = Y.encodeStateAsUpdate(doc, middle);
    await expectRefused(
      alice.sessionToken,
      (c) => c.provider.ws?.send(syncUpdateFrame(gap)),
      CloseCode.UPDATE_DOES_NOT_APPLY,
    );
  });

  it('refuses an update that lists the same client twice', async () => {
    const alice = await member('g1');
    const make = (text: string) => {
      const doc = new Y.Doc();
      doc.clientID = 5150;
      doc.getText(sectionFragmentName(sectionOf('g1'))).insert(0, text);
      return Y.encodeStateAsUpdate(doc);
    };
    const block = (update: Uint8Array) => update.subarray(1, update.length - 1);
    const doubled = new Uint8Array([2, ...block(make('first')), ...block(make('other')), 0]);
    await expectRefused(
      alice.sessionToken,
      (c) => c.provider.ws?.send(syncUpdateFrame(doubled)),
      CloseCode.UPDATE_DOES_NOT_APPLY,
    );
  });
});

describe('tokens on the websocket', () => {
  async function closeCodeFor(token: string | undefined, planId = plan().id): Promise<number> {
    const client = stockClient(server().syncUrl, planId, token);
    clients.push(client);
    return (await whenClosed(client)).code;
  }

  it('refuses missing and malformed tokens with 4401', async () => {
    expect(await closeCodeFor(undefined)).toBe(CloseCode.UNAUTHORIZED);
    for (const bad of ['abc', 'x'.repeat(43), `${'A'.repeat(42)}!`, 'A'.repeat(200)]) {
      expect(await closeCodeFor(bad)).toBe(CloseCode.UNAUTHORIZED);
    }
  });

  it('keeps a token out of the logs when its query key is percent-encoded', async () => {
    // The query parser decodes `%74oken` to `token`, so the socket opens: the log must
    // not hold what the server accepted as a token.
    const socket = new WebSocket(
      `${server().syncUrl}/${plan().id}?%74oken=${plan().facilitatorToken}`,
    );
    const firstMessage = new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    await firstMessage;
    socket.close();
    expect(server().logLines.join('\n')).toContain('%74oken=[redacted]');
  });

  it("never opens plan B with plan A's token", async () => {
    const other = await createTestPlan(server());
    tokens.push(other.facilitatorToken);
    expect(await closeCodeFor(other.facilitatorToken)).toBe(CloseCode.UNAUTHORIZED);
    expect(
      (await callApi(server(), 'GET', `/api/plans/${plan().id}`, { token: other.facilitatorToken }))
        .status,
    ).toBe(401);
  });

  it('refuses a revoked link, and revoking closes its open sockets within a second', async () => {
    const alice = await member('g1');
    const open = connect(alice.sessionToken);
    await whenSynced(open);
    const closed = whenClosed(open);
    const started = Date.now();
    const revoked = await callApi(
      server(),
      'DELETE',
      `/api/plans/${plan().id}/invites/${alice.inviteId}`,
      {
        token: plan().facilitatorToken,
      },
    );
    expect(revoked.status).toBe(204);
    expect((await closed).code).toBe(CloseCode.LINK_REVOKED);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await closeCodeFor(alice.sessionToken)).toBe(CloseCode.LINK_REVOKED);
    expect(await closeCodeFor(alice.inviteToken)).toBe(CloseCode.LINK_REVOKED);
  });

  it('refuses an expired link and closes its sockets when it expires', async () => {
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const bora = await joinAs(
      server(),
      plan(),
      { role: 'member', groupId: 'g2', expiresAt },
      'Bora',
    );
    tokens.push(bora.inviteToken, bora.sessionToken);
    const open = connect(bora.sessionToken);
    await whenSynced(open);
    expect((await whenClosed(open)).code).toBe(CloseCode.LINK_EXPIRED);
    expect(await closeCodeFor(bora.sessionToken)).toBe(CloseCode.LINK_EXPIRED);
  });
});

describe('honest members are never refused', () => {
  it('reconnects after others edited and deleted text in other sections', async () => {
    const alice = await member('g1');
    const mine = connect(alice.sessionToken);
    const facilitator = connect(plan().facilitatorToken);
    await Promise.all([whenSynced(mine), whenSynced(facilitator)]);
    typeInto(mine, sectionOf('g1'), 'Group 1 writes.');
    mine.provider.disconnect();
    typeInto(facilitator, sectionOf('g2'), 'Group 2 text.');
    const g3 = facilitator.doc.getXmlFragment(sectionFragmentName(sectionOf('g3')));
    g3.delete(0, 1);
    mine.provider.connect();
    await whenSynced(mine);
    typeInto(mine, sectionOf('g1'), 'And goes on.');
    const check = connect(plan().facilitatorToken);
    await whenSynced(check);
    await eventually(
      () => sectionText(check.doc, sectionOf('g1')).includes('And goes on.'),
      5_000,
      'member edit',
    );
    expect(mine.provider.wsconnected).toBe(true);
  });

  it('a member whose section is locked while typing is refused once and starts over cleanly', async () => {
    const alice = await member('g1');
    const mine = connect(alice.sessionToken);
    await whenSynced(mine);
    typeInto(mine, sectionOf('g1'), 'Typed before the lock.');
    await eventually(() => server().app.relay.openRoomCount === 1);
    const check = connect(plan().facilitatorToken);
    await whenSynced(check);
    await eventually(
      () => sectionText(check.doc, sectionOf('g1')).includes('Typed before the lock.'),
      5_000,
      'first edit',
    );
    await callApi(server(), 'PATCH', `/api/plans/${plan().id}/sections/${sectionOf('g1')}`, {
      token: plan().facilitatorToken,
      body: { status: 'agreed' },
    });
    const closed = whenClosed(mine);
    typeInto(mine, sectionOf('g1'), 'Typed after the lock.');
    expect((await closed).code).toBe(CloseCode.FORBIDDEN);
    // The refused text is still in the old document for the person to copy…
    expect(sectionText(mine.doc, sectionOf('g1'))).toContain('Typed after the lock.');
    // …and a fresh document syncs the server's state without it.
    const fresh = connect(alice.sessionToken);
    await whenSynced(fresh);
    expect(sectionText(fresh.doc, sectionOf('g1'))).toContain('Typed before the lock.');
    expect(sectionText(fresh.doc, sectionOf('g1'))).not.toContain('Typed after the lock.');
    expect(fresh.provider.wsconnected).toBe(true);
  });
});

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const varuint = (n: number) => {
    const bytes: number[] = [];
    while (n > 127) {
      bytes.push((n & 127) | 128);
      n >>>= 7;
    }
    bytes.push(n);
    return bytes;
  };
  return new Uint8Array([0, 2, ...varuint(update.length), ...update]);
}
