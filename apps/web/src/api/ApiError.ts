/**
 * An error from the REST API, carrying the server's code and its human message
 * (`{statusCode, code, error, message}`), or `network` when the server was not reached.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    /** The server's machine-readable code, e.g. `plan-not-found`, or `network`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The code of an error that means the request never reached the server. */
export const NETWORK_ERROR = 'network';
