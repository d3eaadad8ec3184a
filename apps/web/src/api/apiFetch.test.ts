import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR } from './ApiError.ts';
import { apiFetch } from './apiFetch.ts';

const respond = (status: number, body: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('apiFetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('returns the JSON body and sends JSON', async () => {
    const fetch = vi.fn(async () => respond(201, { id: 'abc123' }));
    vi.stubGlobal('fetch', fetch);
    await expect(apiFetch('/plans', { method: 'POST', body: { title: 'T' } })).resolves.toEqual({
      id: 'abc123',
    });
    expect(fetch).toHaveBeenCalledWith(
      '/api/plans',
      expect.objectContaining({ method: 'POST', body: '{"title":"T"}' }),
    );
  });

  it('sends a file as it is, with its own content type', async () => {
    const fetch = vi.fn(async () => respond(200, { problems: [] }));
    vi.stubGlobal('fetch', fetch);
    const file = new Blob(['# Prevention'], { type: 'text/markdown' });
    await apiFetch('/plans/import', { method: 'POST', body: file });
    expect(fetch).toHaveBeenCalledWith(
      '/api/plans/import',
      expect.objectContaining({ body: file, headers: { 'content-type': 'text/markdown' } }),
    );
  });

  it("turns an error body into an ApiError with the server's code and message", async () => {
    vi.stubGlobal('fetch', async () =>
      respond(404, {
        statusCode: 404,
        code: 'plan-not-found',
        error: 'Not Found',
        message: 'No plan has this id.',
      }),
    );
    const error = await apiFetch('/plans/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'plan-not-found',
      message: 'No plan has this id.',
    });
  });

  it('still says something when the error body is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(apiFetch('/plans')).rejects.toMatchObject({ status: 502, code: 'http-502' });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiFetch('/plans')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('sends the token as a bearer authorization, and no header without one', async () => {
    const fetch = vi.fn(async () => respond(200, {}));
    vi.stubGlobal('fetch', fetch);
    await apiFetch('/plans/x/me', { token: 'session-token' });
    await apiFetch('/plans/x');
    expect(fetch.mock.calls.map((call) => (call as unknown[])[1])).toEqual([
      expect.objectContaining({ headers: { authorization: 'Bearer session-token' } }),
      expect.objectContaining({ headers: {} }),
    ]);
  });

  it('returns nothing for 204', async () => {
    vi.stubGlobal('fetch', async () => respond(204, undefined));
    await expect(apiFetch('/plans/x/sections/y', { method: 'DELETE' })).resolves.toBeUndefined();
  });
});
