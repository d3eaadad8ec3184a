import type { FastifyServerOptions } from 'fastify';

const SECRET_PARAMS = /([?&](?:token|access_token)=)[^&#]*/gi;

/** A URL with any token in its query string replaced, so that logs never hold one. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Where log lines go when not to stdout (tests collect them). */
export interface LogDestination {
  write(line: string): void;
}

/**
 * Logger options for Fastify's pino: request URLs lose their tokens and the
 * Authorization header is never written. Tests use the same options with their own
 * destination, so what they check is what production writes.
 */
export function loggerOptions(
  level: string,
  destination?: LogDestination,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(destination ? { stream: destination } : {}),
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
