import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { lanAddresses } from '../src/lanAddresses.ts';
import { startupMessage } from '../src/startupMessage.ts';
import { callApi, createTestPlan, startTestServer, type TestServer } from './support/testServer.ts';

const ipv4 = (address: string, internal = false) =>
  ({ address, family: 'IPv4', internal }) as NetworkInterfaceInfo;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the venue address', () => {
  it('prefers a private address and leaves out loopback and container bridges', () => {
    expect(
      lanAddresses({
        lo: [ipv4('127.0.0.1', true)],
        docker0: [ipv4('172.17.0.1')],
        tun0: [ipv4('34.1.2.3')],
        wlan0: [ipv4('192.168.1.20')],
      }),
    ).toEqual(['192.168.1.20', '34.1.2.3']);
  });

  it('is LAN_ADDRESS when set, none when empty or when the server listens on loopback only', () => {
    expect(loadConfig({ LAN_ADDRESS: '192.168.1.20' }).lanAddress).toBe('192.168.1.20');
    expect(loadConfig({ LAN_ADDRESS: '' }).lanAddress).toBeNull();
    expect(loadConfig({ HOST: '127.0.0.1' }).lanAddress).toBeNull();
    expect(() => loadConfig({ LAN_ADDRESS: 'http://192.168.1.20:8080' })).toThrow(/LAN_ADDRESS/);
  });

  it('is what the start-up message tells the facilitator to open, demo link included', () => {
    const config = { publicUrl: null, lanAddress: '192.168.1.20', scaleOut: null, dataDir: '/d' };
    const message = startupMessage(config, 8080, {
      demoPath: '/plans/abc#invite=t',
      lanAddresses: ['192.168.1.20', '10.0.0.5'],
    });
    expect(message).toContain('Open http://192.168.1.20:8080 in a browser.');
    expect(message).toContain(': http://192.168.1.20:8080/plans/abc#invite=t');
    expect(message).toContain('http://10.0.0.5:8080');
    expect(message).not.toContain('localhost');
    const alone = startupMessage({ ...config, lanAddress: null }, 8080, {
      demoPath: null,
      lanAddresses: [],
    });
    expect(alone).toContain('Open http://localhost:8080');
    expect(alone).toContain('no network address');
  });
});

describe('links made from a page on localhost', () => {
  it('use the venue address, and the config says so, so that phones can open them', async () => {
    server = await startTestServer({ env: { LAN_ADDRESS: '192.168.1.20' } });
    const port = new URL(server.baseUrl).port;
    const plan = await createTestPlan(server);
    expect(plan.url).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/plans/`));
    const invite = await callApi(server, 'POST', `/api/plans/${plan.id}/invites`, {
      token: plan.facilitatorToken,
      body: { role: 'observer' },
    });
    expect(invite.body.url).toMatch(new RegExp(`^http://192\\.168\\.1\\.20:${port}/plans/`));
    const config = await callApi(server, 'GET', '/api/config');
    expect(config.body.links).toEqual({
      url: `http://192.168.1.20:${port}`,
      source: 'lan',
      pageOnLoopback: true,
    });
  });

  it('keep the address of a page opened at a venue name, and PUBLIC_URL above all', async () => {
    server = await startTestServer({ env: { LAN_ADDRESS: '192.168.1.20' } });
    const named = await server.app.inject({
      url: '/api/config',
      headers: { host: 'plenary.venue:8080' },
    });
    expect(named.json().links).toEqual({
      url: 'http://plenary.venue:8080',
      source: 'page',
      pageOnLoopback: false,
    });
    await server.close();
    server = await startTestServer({
      env: { LAN_ADDRESS: '192.168.1.20', PUBLIC_URL: 'https://plan.example.org' },
    });
    const config = await callApi(server, 'GET', '/api/config');
    expect(config.body.links).toEqual({
      url: 'https://plan.example.org',
      source: 'public-url',
      pageOnLoopback: true,
    });
  });
});
