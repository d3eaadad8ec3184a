import { createHash } from 'node:crypto';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../access/requestAccess.ts';
import { ApiError } from '../errors.ts';

// Keyed by the token, never by the address: fifty people at a venue share one. Hashed, so
// the limiter's memory holds no usable token.
function tokenKey(request: FastifyRequest): string | null {
  const token = bearerToken(request);
  return token ? createHash('sha256').update(token).digest('base64url') : null;
}

/**
 * `@fastify/rate-limit` options for the REST API: at most `perMinute` requests a minute
 * per bearer token, answered beyond that with 429, a `Retry-After` header and the API's
 * error body. Requests without a token (health, the web app's files) are not counted, and
 * neither are sockets, which have their own budgets in the relay.
 */
export function restRateLimitOptions(perMinute: number): RateLimitPluginOptions {
  return {
    global: true,
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request) => tokenKey(request) === null,
    keyGenerator: (request) => tokenKey(request) ?? '',
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'rate-limited',
        `More than ${context.max} requests a minute with this link; try again in ${context.after}.`,
      ),
  };
}
