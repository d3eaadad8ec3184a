import type { FastifyServerOptions } from 'fastify';

const SECRET_PARAMS = /([?&](?:token|access_token)=)[^&#]*/gi;

/** A URL with any token in its query string replaced, so that logs never hold one. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/**
 * Logger options for Fastify's pino: request URLs lose their tokens and the
 * Authorization header is never written.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string }) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          host: request.hostname,
          remoteAddress: request.ip,
        };
      },
    },
  };
}
