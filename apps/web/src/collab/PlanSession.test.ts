import { writeRichText } from '@plenary/editor';
import {
  CloseCode,
  initPlan,
  MESSAGE_SYNC,
  paragraph,
  richTextDoc,
  sectionFragmentName,
} from '@plenary/model';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { FAKE_SOCKET_OPTIONS, FakeWebSocket } from '../test-support/FakeWebSocket.ts';
import { PlanSession, REFUSAL_LOOP_MS } from './PlanSession.ts';
import { connectPlan } from './planConnection.ts';
import { planMarkdown } from './planMarkdown.ts';
import { MIN_RECONNECT_MS } from './reconnectBackoff.ts';
import { sectionTexts } from './sectionTexts.ts';

/** The server's copy: one section per group, the first with text already agreed on. */
function serverPlan(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, {
    title: 'National Action Plan',
    groups: [
      { id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false },
      { id: 'g2', name: 'Group 2', color: '#1e7b34', archived: false },
    ],
    sections: [
      { id: 'goals', title: 'Goals', groupId: 'g1' },
      { id: 'risks', title: 'Risks', groupId: 'g2' },
    ],
  });
  write(doc, 'goals', 'Prevent atrocities.');
  return doc;
}

function write(doc: Y.Doc, sectionId: string, text: string): void {
  writeRichText(doc.getXmlFragment(sectionFragmentName(sectionId)), richTextDoc(paragraph(text)));
}

/** Plays the server's side of the handshake on the latest socket, from `server`'s state. */
function serve(server: Y.Doc): void {
  const socket = FakeWebSocket.latest();
  socket.open();
  socket.deliver((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, server);
  });
  socket.deliver((encoder) => {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, server);
  });
}

/** Lets the provider finish its close handler, after which the session starts over. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Types into a section of the current doc, and the server refuses it (4403). */
async function refuseEdit(session: PlanSession, sectionId: string, text: string, reason: string) {
  write(session.getState().connection.doc, sectionId, text);
  FakeWebSocket.latest().serverClose(CloseCode.FORBIDDEN, reason);
  await settle();
}

let session: PlanSession | null = null;
let clock = 0;

function openSession(): PlanSession {
  session = new PlanSession(
    () => connectPlan('plan1234', 'session-token', 'ws://venue.local/sync', FAKE_SOCKET_OPTIONS),
    async () => ({ sectionTexts, planMarkdown }),
    () => clock,
  );
  return session;
}

beforeEach(() => {
  FakeWebSocket.reset();
  clock = 1_000_000;
});

afterEach(() => {
  session?.close();
  session = null;
});

describe('PlanSession', () => {
  it('starts over with a fresh doc and provider after a refusal, and shows the refused text', async () => {
    const server = serverPlan();
    const session = openSession();
    serve(server);
    const refused = session.getState().connection;
    write(refused.doc, 'risks', 'Hate speech is an early warning sign.');

    FakeWebSocket.latest().serverClose(
      CloseCode.FORBIDDEN,
      'this section belongs to another group',
    );
    await settle();

    const state = session.getState();
    expect(state.connection).not.toBe(refused);
    expect(state.connection.doc).not.toBe(refused.doc);
    expect(refused.doc.isDestroyed).toBe(true);
    expect(state.generation).toBe(1);
    expect(state.notice).toEqual({
      kind: 'recovered',
      code: 4403,
      reason: 'this section belongs to another group',
    });
    expect(FakeWebSocket.opened).toHaveLength(2);
    // The refused text waits until the server's copy has arrived to be compared with it.
    expect(state.unsaved).toEqual([]);
    // The whole refused doc is offered as Markdown, taken before it was thrown away.
    expect(state.refusedCopy).toContain('## Risks\n\nHate speech is an early warning sign.');

    serve(server);
    expect(session.getState().unsaved).toEqual([
      { sectionId: 'risks', title: 'Risks', text: 'Hate speech is an early warning sign.' },
    ]);
    // The fresh doc holds the server's text only, so the rejected update is never resent.
    expect(session.getState().connection.doc.getXmlFragment('section:risks').length).toBe(0);
  });

  it('stops, without opening another socket, when the fresh doc is refused again at once', async () => {
    const server = serverPlan();
    const session = openSession();
    serve(server);
    await refuseEdit(session, 'risks', 'Refused once.', 'read-only');
    serve(server);
    const fresh = session.getState().connection;
    // Long after the start-over, but nothing was changed here: the fresh doc itself is refused.
    clock += REFUSAL_LOOP_MS * 10;

    FakeWebSocket.latest().serverClose(CloseCode.FORBIDDEN, 'read-only');
    await settle();
    expect(session.getState().notice).toEqual({ kind: 'stopped', code: 4403, reason: 'read-only' });
    expect(session.getState().connection).toBe(fresh);
    expect(FakeWebSocket.opened).toHaveLength(2);
    expect(fresh.provider.shouldConnect).toBe(false);
  });

  it('stops when a refusal follows the last start-over too soon, even after an edit', async () => {
    const server = serverPlan();
    const session = openSession();
    serve(server);
    await refuseEdit(session, 'risks', 'First.', 'locked');
    serve(server);
    clock += REFUSAL_LOOP_MS - 1;
    await refuseEdit(session, 'risks', 'Second.', 'locked');
    expect(session.getState().notice?.kind).toBe('stopped');
    expect(FakeWebSocket.opened).toHaveLength(2);
  });

  it('starts over again for a later refusal, keeping the earlier unsaved text', async () => {
    const server = serverPlan();
    const session = openSession();
    serve(server);
    await refuseEdit(session, 'risks', 'First.', 'locked');
    serve(server);
    clock += REFUSAL_LOOP_MS;
    // Added to the goals text: the section is offered whole, with the server's part.
    await refuseEdit(session, 'goals', 'Protect minorities.', 'plan is final');
    serve(server);
    const state = session.getState();
    expect(state.generation).toBe(2);
    expect(state.unsaved.map((text) => text.sectionId)).toEqual(['risks', 'goals']);
    expect(state.unsaved[1]?.text).toContain('Protect minorities.');

    session.dismissUnsaved();
    session.dismissNotice();
    expect(session.getState()).toMatchObject({ unsaved: [], notice: null });
  });

  it('ends without reconnecting when the link is withdrawn or expires', async () => {
    for (const code of [CloseCode.LINK_REVOKED, CloseCode.LINK_EXPIRED]) {
      FakeWebSocket.reset();
      const session = openSession();
      serve(serverPlan());
      const connection = session.getState().connection;
      FakeWebSocket.latest().serverClose(code, 'link gone');
      await settle();
      expect(session.getState().notice).toEqual({ kind: 'ended', code, reason: 'link gone' });
      expect(session.getState().connection).toBe(connection);
      expect(connection.provider.shouldConnect).toBe(false);
      expect(FakeWebSocket.opened).toHaveLength(1);
      session.close();
    }
  });

  it('lets go, keeping its doc, when the same person opened the plan in too many places (4409)', async () => {
    const session = openSession();
    serve(serverPlan());
    const connection = session.getState().connection;
    write(connection.doc, 'risks', 'Typed here before the other tab took over.');
    FakeWebSocket.latest().serverClose(CloseCode.TOO_MANY_CONNECTIONS, 'too many sockets');
    await settle();
    expect(session.getState().notice).toEqual({
      kind: 'displaced',
      code: CloseCode.TOO_MANY_CONNECTIONS,
      reason: 'too many sockets',
    });
    // Not started over: no fresh doc, no new socket to push another tab out in turn.
    expect(session.getState().connection).toBe(connection);
    expect(session.getState().generation).toBe(0);
    expect(FakeWebSocket.opened).toHaveLength(1);
    expect(connection.provider.shouldConnect).toBe(false);
    expect(connection.doc.getXmlFragment(sectionFragmentName('risks')).toString()).toContain(
      'Typed here before the other tab took over.',
    );
    session.close();
  });

  it('leaves an ordinary drop to the reconnecting provider, no sooner than a second later', async () => {
    vi.useFakeTimers();
    try {
      const session = openSession();
      serve(serverPlan());
      const before = session.getState();
      FakeWebSocket.latest().serverClose(1006);
      await vi.advanceTimersByTimeAsync(MIN_RECONNECT_MS - 1);
      expect(session.getState()).toBe(before);
      expect(FakeWebSocket.opened).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(MIN_RECONNECT_MS);
      expect(FakeWebSocket.opened).toHaveLength(2);
      expect(before.connection.provider.shouldConnect).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
