import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { routeChunks, routePreloadScript } from '../build/routePreload.ts';

const chunk = (
  fileName: string,
  imports: string[],
  facadeModuleId: string | null,
  isEntry = false,
) =>
  ({
    type: 'chunk',
    fileName,
    imports,
    facadeModuleId,
    isEntry,
  }) as unknown as Rolldown.OutputChunk;

const bundle = {
  'index.js': chunk('index.js', ['react.js'], '/app/src/main.tsx', true),
  'react.js': chunk('react.js', [], null),
  'PlanPage.js': chunk(
    'PlanPage.js',
    ['yjs.js', 'react.js'],
    '/app/src/features/plan/PlanPage.tsx',
  ),
  'yjs.js': chunk('yjs.js', [], null),
  'Start.js': chunk('Start.js', ['react.js'], '/app/src/features/start/StartPage.tsx'),
} as unknown as Rolldown.OutputBundle;

describe('routeChunks', () => {
  it("lists a page's chunk and its static imports, leaving out what the entry loads", () => {
    expect(routeChunks(bundle, ['src/features/plan/PlanPage.tsx'])).toEqual([
      'PlanPage.js',
      'yjs.js',
    ]);
  });

  it('fails the build when a module is no longer a chunk of its own', () => {
    expect(() => routeChunks(bundle, ['src/features/plan/Gone.tsx'])).toThrow(/Gone\.tsx/);
  });
});

describe('routePreloadScript', () => {
  const run = (pathname: string) => {
    const added: { rel: string; href: string; crossOrigin: string | null }[] = [];
    const document = {
      createElement: () => ({ rel: '', href: '', crossOrigin: null }),
      head: { appendChild: (link: (typeof added)[number]) => added.push(link) },
    };
    const script = routePreloadScript(
      [{ path: /^\/plans\/[a-z0-9]+\/?$/, files: ['assets/PlanPage.js'] }],
      '/',
    );
    new Function('location', 'document', script)({ pathname }, document);
    return added;
  };

  it("preloads the route's chunks as modules on its addresses", () => {
    expect(run('/plans/abc123')).toEqual([
      { rel: 'modulepreload', href: '/assets/PlanPage.js', crossOrigin: '' },
    ]);
  });

  it('preloads nothing on other addresses', () => {
    expect(run('/')).toEqual([]);
    expect(run('/plans/abc123/projector')).toEqual([]);
  });
});
