import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, tempDataDir } from './support/testServer.ts';

const WEB_APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

let server: TestServer;

beforeAll(async () => {
  // A web build as Vite emits it: one module script and a stylesheet, both files.
  const dist = tempDataDir();
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="/assets/index.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(dist, 'assets', 'index.js'), 'console.log(1);');
  server = await startTestServer({ env: { WEB_DIST_DIR: dist } });
});

afterAll(async () => {
  await server.close();
});

/** The Content-Security-Policy of a response as directive name → its sources. */
function policyOf(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  it('sends a policy that allows scripts only from this origin, and no framing', async () => {
    for (const url of ['/', '/plans/abc123', '/assets/index.js', '/api/health']) {
      const response = await server.app.inject({
        url,
        headers: { host: '192.168.1.20:8080' },
      });
      expect(response.statusCode, url).toBe(200);
      const policy = policyOf(response.headers['content-security-policy']);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('script-src-attr')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
      expect(policy.get('connect-src')).toEqual([
        "'self'",
        'ws://192.168.1.20:8080',
        'wss://192.168.1.20:8080',
      ]);
      // Plain http on the venue LAN must keep working: nothing is upgraded to https.
      expect(policy.has('upgrade-insecure-requests')).toBe(false);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('names the websocket host only when the Host header is a host', async () => {
    for (const host of ["evil;script-src 'unsafe-inline'", 'a b', 'x,y']) {
      const response = await server.app.inject({ url: '/', headers: { host } });
      expect(response.statusCode).toBe(200);
      const header = String(response.headers['content-security-policy']);
      expect(header).not.toContain('evil');
      expect(policyOf(header).get('connect-src')).toEqual(["'self'"]);
      expect(policyOf(header).get('script-src')).toEqual(["'self'"]);
    }
    const ipv6 = await server.app.inject({ url: '/', headers: { host: '[::1]:8080' } });
    expect(policyOf(ipv6.headers['content-security-policy']).get('connect-src')).toContain(
      'ws://[::1]:8080',
    );
  });

  it('the web app has no inline script for the policy to block', () => {
    const pages = [path.join(WEB_APP, 'index.html')];
    // The build, when there is one, is what the server really sends.
    const built = path.join(WEB_APP, 'dist', 'index.html');
    if (existsSync(built)) pages.push(built);
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, page).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, page).toMatch(/\ssrc="\//);
      expect(html, page).not.toMatch(/\son[a-z]+=/i);
    }
  });
});
