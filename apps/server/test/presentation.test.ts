import { readPresentation, readTimer, sectionFragmentName } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually, stockClient, whenSynced } from './support/stockClient.ts';
import { callApi, joinAs, useTestServer } from './support/testServer.ts';

const { server, plan } = useTestServer();

describe('presentation and timer', () => {
  it('the facilitator presents a section and every client sees it live', async () => {
    const observer = await joinAs(server(), plan(), { role: 'observer' }, 'Projector');
    const projector = stockClient(server().syncUrl, plan().id, observer.sessionToken);
    await whenSynced(projector);
    const sectionId = plan().sections[2]?.id ?? '';
    const put = await callApi(server(), 'PUT', `/api/plans/${plan().id}/presentation`, {
      token: plan().facilitatorToken,
      body: { mode: 'section', sectionId },
    });
    expect(put.status).toBe(200);
    await eventually(
      () => readPresentation(projector.doc).sectionId === sectionId,
      5_000,
      'the presentation',
    );
    projector.destroy();
  });

  it('lets the focal point present but not a member', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const focal = await joinAs(server(), plan(), { role: 'focal-point' }, 'Ambassador');
    const url = `/api/plans/${plan().id}/presentation`;
    expect(
      (
        await callApi(server(), 'PUT', url, {
          token: member.sessionToken,
          body: { mode: 'follow' },
        })
      ).status,
    ).toBe(403);
    const follow = await callApi(server(), 'PUT', url, {
      token: focal.sessionToken,
      body: { mode: 'follow' },
    });
    expect(follow.body).toMatchObject({ mode: 'follow', presenterId: focal.participantId });
  });

  it('shows member and observer links to the room, never facilitator links', async () => {
    const token = plan().facilitatorToken;
    const memberLink = await callApi(server(), 'POST', `/api/plans/${plan().id}/invites`, {
      token,
      body: { role: 'member', groupId: 'g2' },
    });
    const shown = await callApi(server(), 'PUT', `/api/plans/${plan().id}/presentation`, {
      token,
      body: { joinOverlayInviteId: memberLink.body.id },
    });
    expect(shown.body.joinOverlay).toEqual({
      url: memberLink.body.url,
      label: 'Group 2',
      inviteId: memberLink.body.id,
    });
    const hidden = await callApi(server(), 'PUT', `/api/plans/${plan().id}/presentation`, {
      token,
      body: { joinOverlayInviteId: null, sectionId: null },
    });
    expect(hidden.body).toMatchObject({ joinOverlay: null, sectionId: null });
    const facilitatorLink = await callApi(server(), 'POST', `/api/plans/${plan().id}/invites`, {
      token,
      body: { role: 'facilitator' },
    });
    const refused = await callApi(server(), 'PUT', `/api/plans/${plan().id}/presentation`, {
      token,
      body: { joinOverlayInviteId: facilitatorLink.body.id },
    });
    expect(refused).toMatchObject({ status: 400, body: { code: 'invite-not-public' } });
  });

  it('keeps the timer in server time: start, pause, add', async () => {
    const token = plan().facilitatorToken;
    const url = `/api/plans/${plan().id}/timer`;
    const before = Date.now();
    const started = await callApi(server(), 'PUT', url, {
      token,
      body: { action: 'start', durationMs: 600_000, label: 'Breakout' },
    });
    expect(started.body.timer.endsAt).toBeGreaterThanOrEqual(before + 600_000);
    const paused = await callApi(server(), 'PUT', url, { token, body: { action: 'pause' } });
    expect(paused.body.timer.endsAt).toBeNull();
    const added = await callApi(server(), 'PUT', url, {
      token,
      body: { action: 'add', ms: 60_000 },
    });
    expect(added.body.timer.remainingMs).toBeGreaterThan(600_000);
    const time = await callApi(server(), 'GET', '/api/time');
    expect(Math.abs(time.body.now - Date.now())).toBeLessThan(1_000);
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    expect(
      (
        await callApi(server(), 'PUT', url, {
          token: member.sessionToken,
          body: { action: 'clear' },
        })
      ).status,
    ).toBe(403);
    const client = stockClient(server().syncUrl, plan().id, member.sessionToken);
    await whenSynced(client);
    expect(readTimer(client.doc)?.label).toBe('Breakout');
    client.destroy();
  });

  it('attributes Yjs clients to the participants behind them', async () => {
    const member = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const client = stockClient(server().syncUrl, plan().id, member.sessionToken);
    await whenSynced(client);
    const section = plan().sections.find((s) => s.groupId === 'g1')?.id ?? '';
    client.doc
      .getXmlFragment(sectionFragmentName(section))
      .insert(0, [new Y.XmlElement('paragraph')]);
    let clients: { clientId: number; name: string | null; groupId: string | null }[] = [];
    await eventually(
      () => {
        void callApi(server(), 'GET', `/api/plans/${plan().id}/attribution`, {
          token: plan().facilitatorToken,
        }).then((r) => {
          clients = r.body.clients;
        });
        return clients.some((c) => c.clientId === client.doc.clientID);
      },
      5_000,
      'the attribution',
    );
    expect(clients.find((c) => c.clientId === client.doc.clientID)).toMatchObject({
      name: 'Sokha',
      groupId: 'g1',
    });
    expect(
      (
        await callApi(server(), 'GET', `/api/plans/${plan().id}/attribution`, {
          token: member.sessionToken,
        })
      ).status,
    ).toBe(403);
    client.destroy();
  });

  it('names whoever last changed each section, a deletion as much as a suggestion', async () => {
    const sokha = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Sokha');
    const dara = await joinAs(server(), plan(), { role: 'member', groupId: 'g1' }, 'Dara');
    const section = plan().sections.find((s) => s.groupId === 'g1')?.id ?? '';
    const writers = [sokha, dara].map((person) =>
      stockClient(server().syncUrl, plan().id, person.sessionToken),
    );
    const [bySokha, byDara] = writers;
    if (!bySokha || !byDara) throw new Error('two writers');
    await Promise.all(writers.map(whenSynced));
    const lastEdit = async () =>
      (
        await callApi(server(), 'GET', `/api/plans/${plan().id}/section-edits`, {
          token: plan().facilitatorToken,
        })
      ).body.edits.find((edit: { sectionId: string }) => edit.sectionId === section);

    const fragmentOf = (client: typeof bySokha) =>
      client.doc.getXmlFragment(sectionFragmentName(section));
    fragmentOf(bySokha).insert(fragmentOf(bySokha).length, [new Y.XmlElement('paragraph')]);
    let edit: { name: string; at: string } | undefined;
    const lastEditorBecomes = (name: string) =>
      eventually(
        () => {
          void lastEdit().then((found) => {
            edit = found;
          });
          return edit?.name === name;
        },
        5_000,
        `${name} as the last editor`,
      );
    await lastEditorBecomes('Sokha');
    // Dara only deletes: nothing Dara wrote is left in the section to tell.
    await eventually(() => fragmentOf(byDara).length > 0, 5_000, 'the paragraph at Dara');
    fragmentOf(byDara).delete(fragmentOf(byDara).length - 1, 1);
    await lastEditorBecomes('Dara');
    expect(Date.parse(edit?.at ?? '')).toBeGreaterThan(0);
    expect(
      (
        await callApi(server(), 'GET', `/api/plans/${plan().id}/section-edits`, {
          token: sokha.sessionToken,
        })
      ).status,
    ).toBe(403);
    for (const client of writers) client.destroy();
  });
});
