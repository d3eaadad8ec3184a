import { CloseCode, sectionFragmentName } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, type StockClient, whenClosed, whenSynced } from './support/stockClient.ts';
import { callApi, useTestServer } from './support/testServer.ts';

const { server, plan, connect } = useTestServer();

const groupOne = () => {
  const group = plan().groups[0];
  if (!group) throw new Error('the R2P template has groups');
  return group.id;
};

async function link(body: Record<string, unknown>, token = plan().facilitatorToken) {
  const created = await callApi(server(), 'POST', `/api/plans/${plan().id}/invites`, {
    token,
    body,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; token: string; personName: string | null };
}

async function joinWith(inviteToken: string, name: string) {
  const joined = await callApi(server(), 'POST', `/api/plans/${plan().id}/participants`, {
    token: inviteToken,
    body: { name },
  });
  return joined as {
    status: number;
    body: { sessionToken: string; participant: { id: string }; code?: string };
  };
}

const remove = (participantId: string, token = plan().facilitatorToken) =>
  callApi(server(), 'DELETE', `/api/plans/${plan().id}/participants/${participantId}`, { token });

function typeInto(client: StockClient, text: string): void {
  const section = plan().sections.find((s) => s.groupId === groupOne());
  if (!section) throw new Error('group 1 has a section');
  const fragment = client.doc.getXmlFragment(sectionFragmentName(section.id));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
}

describe('removing one participant', () => {
  it('closes their sockets and refuses their session, while the shared link and the others go on', async () => {
    const shared = await link({ role: 'member', groupId: groupOne() });
    const amina = (await joinWith(shared.token, 'Amina')).body;
    const bora = (await joinWith(shared.token, 'Bora')).body;
    const aminaSocket = connect(amina.sessionToken);
    const boraSocket = connect(bora.sessionToken);
    await Promise.all([whenSynced(aminaSocket), whenSynced(boraSocket)]);

    const closed = whenClosed(aminaSocket);
    expect((await remove(amina.participant.id)).status).toBe(204);
    expect((await closed).code).toBe(CloseCode.PARTICIPANT_REMOVED);

    // Her session no longer opens the plan, over REST or a new socket, and says why.
    const me = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: amina.sessionToken,
    });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('removed');
    const again = connect(amina.sessionToken);
    expect((await whenClosed(again)).code).toBe(CloseCode.PARTICIPANT_REMOVED);

    // Bora, on the same link, is still connected and still writes.
    typeInto(boraSocket, 'Bora goes on.');
    const check = connect(plan().facilitatorToken);
    await whenSynced(check);
    const section = plan().sections.find((s) => s.groupId === groupOne());
    await eventually(
      () =>
        check.doc
          .getXmlFragment(sectionFragmentName(section?.id ?? ''))
          .toString()
          .includes('Bora goes on.'),
      5_000,
      "Bora's edit",
    );
    expect(boraSocket.provider.wsconnected).toBe(true);
    // The shared link still admits people, and the list says who was removed.
    expect((await joinWith(shared.token, 'Chan')).status).toBe(201);
    const list = await callApi(server(), 'GET', `/api/plans/${plan().id}/participants`, {
      token: plan().facilitatorToken,
    });
    const byName = new Map(
      list.body.participants.map((p: { name: string; removedAt: string | null }) => [p.name, p]),
    );
    expect(byName.get('Amina')).toMatchObject({ removedAt: expect.any(String) });
    expect(byName.get('Bora')).toMatchObject({ removedAt: null });
  });

  it('is the facilitator’s alone: a member or focal point cannot remove anyone', async () => {
    const shared = await link({ role: 'member', groupId: groupOne() });
    const amina = (await joinWith(shared.token, 'Amina')).body;
    const bora = (await joinWith(shared.token, 'Bora')).body;
    const focal = await link({ role: 'focal-point', groupId: groupOne() });
    const dara = (await joinWith(focal.token, 'Dara')).body;
    const socket = connect(amina.sessionToken);
    await whenSynced(socket);
    expect((await remove(amina.participant.id, bora.sessionToken)).status).toBe(403);
    expect((await remove(amina.participant.id, dara.sessionToken)).status).toBe(403);
    expect((await remove('nosuchperson', plan().facilitatorToken)).status).toBe(404);
    const me = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: amina.sessionToken,
    });
    expect(me.status).toBe(200);
    expect(socket.provider.wsconnected).toBe(true);
  });
});

describe('per-person links', () => {
  it('continue as the same person when opened again, and go with them when they are removed', async () => {
    const own = await link({ role: 'member', groupId: groupOne(), personName: 'Amina' });
    expect(own.personName).toBe('Amina');
    const first = await joinWith(own.token, 'Amina');
    const second = await joinWith(own.token, 'Someone else');
    expect(second.status).toBe(201);
    // A second device (or a cleared browser) is the same participant, under the same name.
    expect(second.body.participant.id).toBe(first.body.participant.id);
    const me = await callApi(server(), 'GET', `/api/plans/${plan().id}/me`, {
      token: second.body.sessionToken,
    });
    expect(me.body).toMatchObject({ name: 'Amina', participantId: first.body.participant.id });

    const phone = connect(first.body.sessionToken);
    const laptop = connect(second.body.sessionToken);
    await Promise.all([whenSynced(phone), whenSynced(laptop)]);
    const closed = Promise.all([whenClosed(phone), whenClosed(laptop)]);
    expect((await remove(first.body.participant.id)).status).toBe(204);
    expect((await closed).map((c) => c.code)).toEqual([
      CloseCode.PARTICIPANT_REMOVED,
      CloseCode.PARTICIPANT_REMOVED,
    ]);
    // The link cannot bring her back.
    const rejoin = await joinWith(own.token, 'Amina');
    expect(rejoin.status).toBe(401);
    expect(rejoin.body.code).toBe('revoked');
  });

  it('is never shown to the room on the projector', async () => {
    const own = await link({ role: 'member', groupId: groupOne(), personName: 'Amina' });
    const shown = await callApi(server(), 'PUT', `/api/plans/${plan().id}/presentation`, {
      token: plan().facilitatorToken,
      body: { joinOverlayInviteId: own.id },
    });
    expect(shown.status).toBe(400);
    expect(shown.body.code).toBe('invite-not-public');
  });
});
