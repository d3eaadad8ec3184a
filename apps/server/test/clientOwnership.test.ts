import { CloseCode, sectionFragmentName } from '@plenary/model';
import {
  awarenessFrame,
  gcStructsUpdate,
  presenceUpdateAs,
  updateAs,
  updateFrame,
} from '@plenary/relay';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { eventually, type StockClient, whenSynced } from './support/stockClient.ts';
import { joinAs, useTestServer } from './support/testServer.ts';

/**
 * The attacks of issue 12 on Yjs client ids, against a real server: each is refused,
 * the person attacked goes on undisturbed, and the stored plan is what it was.
 */

const { server, plan, connect, restart } = useTestServer();
const sockets: WebSocket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.terminate();
});

/** The section of a group (null: the plenary's) in the R2P template. */
function sectionOf(groupId: string | null): string {
  const section = plan().sections.find((s) => s.groupId === groupId);
  if (!section) throw new Error(`no section for ${groupId}`);
  return sectionFragmentName(section.id);
}

/** A paragraph of `text` appended to a section, as the editor would write it. */
function appendParagraph(doc: Y.Doc, section: string, text: string): void {
  const fragment = doc.getXmlFragment(section);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

const textIn = (client: StockClient, section: string) =>
  client.doc.getXmlFragment(section).toString();

/** A stock client of someone who joined with `role`, synced. */
async function joined(
  role: 'facilitator' | 'member' | 'observer',
  name: string,
  groupId: string | null = null,
  doc?: Y.Doc,
): Promise<{ client: StockClient; token: string }> {
  const { sessionToken } = await joinAs(server(), plan(), { role, groupId }, name);
  const client = connect(sessionToken, doc);
  await whenSynced(client);
  return { client, token: sessionToken };
}

/** A socket that sends what it is told, as a modified client does; resolves once open. */
async function rawSocket(token: string) {
  const socket = new WebSocket(`${server().syncUrl}/${plan().id}?token=${token}`);
  sockets.push(socket);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve) => socket.once('open', resolve));
  return { send: (frame: Uint8Array) => socket.send(frame), closed };
}

/** Sends one crafted update on a fresh socket and resolves with how the server closed it. */
async function sendUpdate(token: string, update: Uint8Array) {
  const socket = await rawSocket(token);
  socket.send(updateFrame(update));
  return socket.closed;
}

/** The plan as stored: its document state, log length and client ids. */
async function stored() {
  const loaded = await server().app.store.loadDocument(plan().id);
  const doc = new Y.Doc();
  for (const update of loaded?.updates ?? []) Y.applyUpdate(doc, update);
  return {
    state: Y.encodeStateAsUpdate(doc),
    lastSeq: loaded?.lastSeq,
    clients: await server().app.store.clientAttribution(plan().id),
  };
}

describe('a Yjs client id belongs to the participant who first wrote under it', () => {
  it("refuses an observer's GC struct at an offline member's next clock; their offline text arrives", async () => {
    const facilitator = await joined('facilitator', 'Facilitator');
    const victim = await joined('member', 'Victim', 'g1');
    const observer = await joined('observer', 'Projector');
    const section = sectionOf('g1');
    appendParagraph(victim.client.doc, section, 'Seen by all.');
    await eventually(() => textIn(facilitator.client, section).includes('Seen by all.'));
    victim.client.provider.disconnect();
    appendParagraph(victim.client.doc, section, 'Typed offline.');
    const before = await stored();

    // The observer read the victim's client id from presence.
    const victimId = victim.client.doc.clientID;
    const nextClock = Y.getState(observer.client.doc.store, victimId);
    const closed = await sendUpdate(observer.token, gcStructsUpdate([victimId], nextClock));
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/read-only/);
    expect(await stored()).toEqual(before);

    victim.client.provider.connect();
    await eventually(() => textIn(facilitator.client, section).includes('Typed offline.'));
    await eventually(() => textIn(observer.client, section).includes('Typed offline.'));
    expect(textIn(victim.client, section)).toContain('Typed offline.');
    expect(victim.client.provider.wsconnected).toBe(true);
  });

  it("refuses a member's text written under the facilitator's client id; attribution holds", async () => {
    const facilitator = await joined('facilitator', 'Facilitator');
    appendParagraph(facilitator.client.doc, sectionOf(null), 'Opening.');
    const member = await joined('member', 'Member', 'g1');
    await eventually(() => textIn(member.client, sectionOf(null)).includes('Opening.'));
    const before = await stored();

    const forged = updateAs(
      facilitator.client.doc.clientID,
      Y.encodeStateAsUpdate(member.client.doc),
      (doc) => appendParagraph(doc, sectionOf('g1'), 'Written by the facilitator?'),
    );
    const closed = await sendUpdate(member.token, forged);
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/belongs to another participant/);
    expect(await stored()).toEqual(before);

    // The same member, honestly, writes their own section.
    appendParagraph(member.client.doc, sectionOf('g1'), 'Our own words.');
    await eventually(() => textIn(facilitator.client, sectionOf('g1')).includes('Our own words.'));
  });

  it('refuses a 1.4 MB frame of GC structs under 200,000 client ids, from an observer or a member', async () => {
    const observer = await joined('observer', 'Projector');
    const member = await joined('member', 'Member', 'g1');
    const before = await stored();
    const bloat = gcStructsUpdate(
      Array.from({ length: 200_000 }, (_, i) => 10_000_000 + i),
      0,
    );
    expect(bloat.byteLength).toBeGreaterThan(1_400_000);

    const fromObserver = await sendUpdate(observer.token, bloat);
    expect(fromObserver.code).toBe(CloseCode.FORBIDDEN);
    const fromMember = await sendUpdate(member.token, bloat);
    expect(fromMember.code).toBe(CloseCode.FORBIDDEN);
    expect(fromMember.reason).toMatch(/lists 200000 clients; at most 16 may be new/);
    expect(await stored()).toEqual(before);

    // A newcomer's first sync is as small as before.
    const newcomer = await joined('member', 'Newcomer', 'g2');
    expect(Y.encodeStateVector(newcomer.client.doc).byteLength).toBeLessThan(100);
  });

  it("refuses a GC struct that takes a member's own clock past 2^31 - 1; the plan is unchanged", async () => {
    const member = await joined('member', 'Member', 'g1');
    const other = await joined('member', 'Other', 'g1');
    const before = await stored();
    // Under an id of their own (a fresh one, as a modified client would pick).
    const closed = await sendUpdate(
      member.token,
      gcStructsUpdate([123_456_789], 0, { length: 2 ** 31 }),
    );
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/takes a client id to clock 2147483648/);
    expect(await stored()).toEqual(before);

    appendParagraph(member.client.doc, sectionOf('g1'), 'Still writing.');
    await eventually(() => textIn(other.client, sectionOf('g1')).includes('Still writing.'));
  });

  it('refuses a struct of length 0, after which no one could load the plan again', async () => {
    const member = await joined('member', 'Member', 'g1');
    const before = await stored();
    const closed = await sendUpdate(member.token, gcStructsUpdate([123_456_790], 0, { length: 0 }));
    expect(closed.code).toBe(CloseCode.UPDATE_DOES_NOT_APPLY);
    expect(closed.reason).toMatch(/empty struct at 123456790:0/);
    expect(await stored()).toEqual(before);

    // A newcomer still loads the whole plan, and its copy loads elsewhere too.
    const newcomer = await joined('member', 'Newcomer', 'g2');
    expect(() =>
      Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(newcomer.client.doc)),
    ).not.toThrow();
  });

  it("does not show a new socket under an offline participant's presence slot", async () => {
    const facilitator = await joined('facilitator', 'Facilitator');
    const victim = await joined('member', 'Victim', 'g1');
    victim.client.provider.awareness.setLocalStateField('user', { name: 'Victim' });
    appendParagraph(victim.client.doc, sectionOf('g1'), 'Mine.');
    const victimId = victim.client.doc.clientID;
    const presence = () => facilitator.client.provider.awareness.getStates();
    await eventually(() => presence().get(victimId)?.user?.name === 'Victim');
    victim.client.provider.disconnect();
    await eventually(() => !presence().has(victimId));

    const intruder = await joinAs(server(), plan(), { role: 'member', groupId: 'g2' }, 'Intruder');
    const socket = await rawSocket(intruder.sessionToken);
    // A clock well above the victim's, so the server would take it if the slot were free.
    const slot = presenceUpdateAs(victimId, { user: { name: 'Victim' }, cursor: null }, 1_000);
    socket.send(awarenessFrame(slot));
    const intruderId = victimId + 1;
    socket.send(awarenessFrame(presenceUpdateAs(intruderId, { user: { name: 'Intruder' } })));
    await eventually(() => presence().has(intruderId));
    expect(presence().get(intruderId)?.user?.name).toBe('Intruder');
    expect(presence().has(victimId)).toBe(false);
  });

  it('keeps who owns a client id across a server restart', async () => {
    const victim = await joined('member', 'Victim', 'g1');
    const section = sectionOf('g1');
    appendParagraph(victim.client.doc, section, 'Before the restart.');
    const attacker = await joined('member', 'Attacker', 'g1');
    await eventually(() => textIn(attacker.client, section).includes('Before the restart.'));
    const victimDoc = victim.client.doc;
    victim.client.provider.disconnect();
    await restart();

    const forged = updateAs(victimDoc.clientID, Y.encodeStateAsUpdate(attacker.client.doc), (doc) =>
      appendParagraph(doc, section, 'Put in her mouth.'),
    );
    const closed = await sendUpdate(attacker.token, forged);
    expect(closed.code).toBe(CloseCode.FORBIDDEN);
    expect(closed.reason).toMatch(/belongs to another participant/);

    // She comes back on the same device and writes on under her own id.
    const back = connect(victim.token, victimDoc);
    await whenSynced(back);
    appendParagraph(victimDoc, section, 'After the restart.');
    const watcher = await joined('facilitator', 'Facilitator');
    await eventually(() => textIn(watcher.client, section).includes('After the restart.'));
    expect(textIn(watcher.client, section)).not.toContain('Put in her mouth.');
  });
});
