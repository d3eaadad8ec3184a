import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/testServer.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** The facilitator token of the plan created last; every call carries it. */
let token = '';

async function api(method: string, url: string, body?: unknown) {
  const response = await server.app.inject({
    method: method as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
  const json = response.body ? response.json() : null;
  if (url === '/api/plans' && method === 'POST' && response.statusCode === 201)
    token = json.facilitatorToken;
  return { status: response.statusCode, body: json };
}

describe('the plan REST API', () => {
  it('answers the health check', async () => {
    expect(await api('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('creates an R2P plan with its sections and a url that opens it', async () => {
    const created = await api('POST', '/api/plans', { title: 'Cambodia NAP', template: 'r2p-nap' });
    expect(created.status).toBe(201);
    expect(created.body.sections.map((s: { title: string }) => s.title)).toContain(
      'Risk factors and early warning',
    );
    expect(created.body.sections.map((s: { order: number }) => s.order)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);

    expect(created.body.url).toBe(
      `http://localhost:80/plans/${created.body.id}#invite=${created.body.facilitatorToken}`,
    );
    const fetched = await api('GET', `/api/plans/${created.body.id}`);
    const { facilitatorToken: _token, url: _link, ...plan } = created.body;
    expect(fetched.body).toEqual({ ...plan, url: `http://localhost:80/plans/${created.body.id}` });
    const listed = await server.app.store.listPlans();
    expect(listed.map((p) => p.id)).toContain(created.body.id);
  });

  it('creates the R2P plan in Khmer: Khmer sections and Khmer group names', async () => {
    const created = await api('POST', '/api/plans', {
      title: 'ផែនការសកម្មភាពជាតិ',
      template: 'r2p-nap-km',
    });
    expect(created.status).toBe(201);
    expect(created.body.sections.map((s: { title: string }) => s.title)).toContain(
      'កត្តាហានិភ័យ និងការព្រមានជាមុន',
    );
    expect(created.body.groups.map((g: { name: string }) => g.name)).toEqual([
      'ក្រុមទី១',
      'ក្រុមទី២',
      'ក្រុមទី៣',
    ]);
  });

  it('rejects bad input with 400 and a message saying what is wrong', async () => {
    const missing = await api('POST', '/api/plans', { title: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/template/);
    const wrongTemplate = await api('POST', '/api/plans', { title: 'x', template: 'memo' });
    expect(wrongTemplate.status).toBe(400);
    const emptyPatch = await api('PATCH', '/api/plans/abcdefabcdef/sections/abc', {});
    expect(emptyPatch.status).toBe(400);
  });

  it('answers 404 for a plan or section that does not exist', async () => {
    expect((await api('GET', '/api/plans/nosuchplan0000')).status).toBe(404);
    const { body: plan } = await api('POST', '/api/plans', { title: 'P', template: 'blank' });
    const missing = await api('PATCH', `/api/plans/${plan.id}/sections/nosuch`, { title: 'x' });
    expect(missing).toMatchObject({ status: 404, body: { code: 'section-not-found' } });
  });

  it('renames, adds, reorders, removes and restores sections, keeping removed text recoverable', async () => {
    const { body: plan } = await api('POST', '/api/plans', { title: 'Draft', template: 'blank' });
    expect((await api('PATCH', `/api/plans/${plan.id}`, { title: 'Final draft' })).body.title).toBe(
      'Final draft',
    );
    const added = await api('POST', `/api/plans/${plan.id}/sections`, {
      title: 'Roadmap',
      groupId: 'g2',
    });
    expect(added).toMatchObject({
      status: 201,
      body: { title: 'Roadmap', groupId: 'g2', order: 1 },
    });
    const badGroup = await api('POST', `/api/plans/${plan.id}/sections`, {
      title: 'X',
      groupId: 'nogroup',
    });
    expect(badGroup).toMatchObject({ status: 404, body: { code: 'group-not-found' } });

    const moved = await api('PATCH', `/api/plans/${plan.id}/sections/${added.body.id}`, {
      index: 0,
      title: 'Roadmap and stages',
    });
    expect(moved.body).toMatchObject({ order: 0, title: 'Roadmap and stages' });
    expect(
      (await api('PATCH', `/api/plans/${plan.id}/sections/${added.body.id}`, { index: 9 })).status,
    ).toBe(400);

    expect((await api('DELETE', `/api/plans/${plan.id}/sections/${added.body.id}`)).status).toBe(
      204,
    );
    const afterRemove = await api('GET', `/api/plans/${plan.id}`);
    expect(afterRemove.body.sections.map((s: { id: string }) => s.id)).not.toContain(added.body.id);
    expect(afterRemove.body.removedSections.map((s: { id: string }) => s.id)).toContain(
      added.body.id,
    );

    const restored = await api('POST', `/api/plans/${plan.id}/sections/${added.body.id}/restore`);
    expect(restored).toMatchObject({ status: 200, body: { id: added.body.id, order: 1 } });
    const listed = await server.app.store.listPlans();
    expect(listed.find((p) => p.id === plan.id)?.title).toBe('Final draft');
  });
});
