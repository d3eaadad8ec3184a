import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Serves the built web app, and `index.html` for any other page address (the app
 * routes in the browser). Without a build it says how to make one. The static file
 * server (@fastify/static with glob, send and mime, some 2 MB of heap) is loaded only
 * when there is a build to serve.
 */
export const webRoutes: FastifyPluginAsync<{ distDir: string | null }> = async (
  app,
  { distDir },
) => {
  const index = distDir ? path.join(distDir, 'index.html') : null;
  if (distDir && index && existsSync(index)) {
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: distDir, wildcard: false, index: false });
    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === 'GET' && !/^\/(api|sync)(\/|$)/.test(request.url);
      if (isPage) return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({
        statusCode: 404,
        code: 'not-found',
        error: 'Not Found',
        message: `Nothing here: ${request.method} ${request.url.split('?')[0]}`,
      });
    });
    return;
  }
  app.get('/', async (_request, reply) =>
    reply
      .type('text/plain')
      .send(
        'The Plenary web app is not built. Run `npm start` from the repository, or `pnpm build`.',
      ),
  );
};
