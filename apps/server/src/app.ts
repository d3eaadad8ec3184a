import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { RelayExtension } from '@plenary/relay';
import type { Storage } from '@plenary/storage';
import Fastify, { type FastifyInstance } from 'fastify';
import { vaultPlugin } from './access/vaultPlugin.ts';
import type { ServerConfig } from './config.ts';
import { handleError } from './errors.ts';
import { lazyValidatorFactory } from './lazyValidation.ts';
import { type LogDestination, loggerOptions } from './logging.ts';
import { restRateLimitOptions } from './plugins/restRateLimit.ts';
import { servicesPlugin } from './plugins/services.ts';
import { accessRoutes } from './routes/accessRoutes.ts';
import { commentRoutes } from './routes/commentRoutes.ts';
import { decisionRoutes } from './routes/decisionRoutes.ts';
import { exportRoutes } from './routes/exportRoutes.ts';
import { groupRoutes } from './routes/groupRoutes.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { importRoutes } from './routes/importRoutes.ts';
import { joinCodeRoutes } from './routes/joinCodeRoutes.ts';
import { planRoutes } from './routes/planRoutes.ts';
import { presentationRoutes } from './routes/presentationRoutes.ts';
import { roundRoutes } from './routes/roundRoutes.ts';
import { syncRoutes } from './routes/syncRoutes.ts';
import { versionRoutes } from './routes/versionRoutes.ts';
import { webRoutes } from './routes/webRoutes.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';

/** What `buildApp` needs; tests pass their own storage and log destination. */
export interface AppOptions {
  config: ServerConfig;
  storage: Storage;
  /** Where log lines go instead of stdout. */
  logDestination?: LogDestination;
  /** Relay extensions run after the server's own, e.g. to count refusals in a benchmark. */
  relayExtensions?: readonly RelayExtension[];
}

/** Builds the Fastify app without listening, so tests can `inject` or listen on port 0. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logDestination),
    bodyLimit: 1024 * 1024,
    // Validation errors list every problem, not just the first.
    ajv: { customOptions: { allErrors: true } },
    // Each route's validators are compiled on its first request (see lazyValidation.ts).
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(handleError);
  // First, so that every route below (the API, the sync upgrade, the web app) sends them,
  // a 429 included.
  await app.register(helmet, SECURITY_HEADERS);
  await app.register(rateLimit, restRateLimitOptions(config.restRequestsPerMinute));
  await app.register(servicesPlugin, {
    config,
    storage: options.storage,
    ...(options.relayExtensions ? { relayExtensions: options.relayExtensions } : {}),
  });
  // Frames up to twice the relay's limit reach the relay, which closes with a named
  // code (4413); anything larger is cut off by ws itself (1009) before it is buffered.
  await app.register(websocket, { options: { maxPayload: config.maxFrameBytes * 2 } });
  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(vaultPlugin);
  await app.register(planRoutes, { prefix: '/api' });
  await app.register(importRoutes, { prefix: '/api' });
  await app.register(accessRoutes, { prefix: '/api' });
  await app.register(joinCodeRoutes, { prefix: '/api' });
  await app.register(groupRoutes, { prefix: '/api' });
  await app.register(presentationRoutes, { prefix: '/api' });
  await app.register(exportRoutes, { prefix: '/api' });
  await app.register(decisionRoutes, { prefix: '/api' });
  await app.register(versionRoutes, { prefix: '/api' });
  await app.register(commentRoutes, { prefix: '/api' });
  await app.register(roundRoutes, { prefix: '/api' });
  await app.register(syncRoutes);
  await app.register(webRoutes, { distDir: config.webDistDir });
  return app as unknown as FastifyInstance;
}
