import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { linkBase } from '../baseUrl.ts';

/** `GET /api/health` (200 when the store answers) and `GET /api/config` for the web app. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', async (request, reply) => {
    try {
      await app.store.ping();
      // Without Redis this process still serves its own sockets, so it stays in service;
      // the other processes' changes reach them again once the link is back.
      const redis = app.fanOut?.state;
      return {
        status: redis === 'unreachable' ? 'degraded' : 'ok',
        ...(redis ? { redis } : {}),
        openPlans: app.relay.openRoomCount,
        refusals: app.relayRefusals.snapshot(),
      };
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      return reply.status(503).send({
        statusCode: 503,
        code: 'storage-unavailable',
        error: 'Service Unavailable',
        message: 'The server cannot reach its storage.',
      });
    }
  });

  app.get('/config', async (request) => ({
    maxUpdateBytes: app.config.maxFrameBytes,
    maxImportBytes: app.config.maxImportBytes,
    // The page explains links that do not point where it is open (e.g. on localhost).
    links: linkBase(request),
  }));
};
