import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../nodeFlags.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe("the server's Node options", () => {
  it('are those Docker starts it with, as npm start does', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual([
      'node',
      ...SERVER_NODE_FLAGS,
      'apps/server/dist/server.js',
    ]);
  });
});
