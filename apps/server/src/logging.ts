import type { FastifyServerOptions } from 'fastify';

// Written out, as a client may send it. Kept as a second pass: it also catches a token
// smuggled into another parameter's value (`?a=1?token=…`), which no key check sees.
const SECRET_PARAMS = /([?&](?:token|access_token)=)[^&#]*/gi;

/**
 * Whether a query key names a secret once decoded as the server's query parser decodes it
 * (`%74oken` and `t%6Fken` are `token`). A key that does not decode is treated as secret:
 * the log loses a value it did not need rather than keep one it must not hold.
 */
function isSecretKey(rawKey: string): boolean {
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase().includes('token');
  } catch {
    return true;
  }
}

/** A URL with any token in its query string replaced, so that logs never hold one. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const fragmentStart = url.indexOf('#', queryStart);
  const queryEnd = fragmentStart === -1 ? url.length : fragmentStart;
  const query = url
    .slice(queryStart + 1, queryEnd)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals === -1 || !isSecretKey(pair.slice(0, equals))) return pair;
      return `${pair.slice(0, equals)}=[redacted]`;
    })
    .join('&');
  const keyed = `${url.slice(0, queryStart + 1)}${query}${url.slice(queryEnd)}`;
  return keyed.replace(SECRET_PARAMS, '$1[redacted]');
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
