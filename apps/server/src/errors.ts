import { PlanStructureError } from '@plenary/model';
import { StorageFailure, UnknownPlanError } from '@plenary/relay';
import { StoreError } from '@plenary/storage';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AccessError } from './access/authenticate.ts';

/** The body of every API error: a stable code and a message a person can act on. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}

/** An error a route raises on purpose, with its HTTP status and code. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function classify(error: unknown): { statusCode: number; code: string; message: string } {
  if (error instanceof ApiError) return error;
  if (error instanceof AccessError) {
    return { statusCode: 401, code: error.problem, message: error.message };
  }
  if (
    error instanceof StorageFailure ||
    (error instanceof StoreError && error.code === 'unavailable')
  ) {
    return {
      statusCode: 503,
      code: 'storage-unavailable',
      message: 'The server cannot save right now. Try again in a few seconds.',
    };
  }
  if (error instanceof UnknownPlanError) {
    return { statusCode: 404, code: 'plan-not-found', message: error.message };
  }
  if (error instanceof PlanStructureError) {
    return {
      statusCode: error.code === 'bad-index' ? 400 : 404,
      code: error.code,
      message: error.message,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return {
      statusCode: 400,
      code: 'invalid-request',
      message: `Invalid request: ${fastifyError.message}`,
    };
  }
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return {
      statusCode: fastifyError.statusCode,
      code: String(fastifyError.code ?? 'bad-request').toLowerCase(),
      message: fastifyError.message ?? 'Bad request',
    };
  }
  return {
    statusCode: 500,
    code: 'internal',
    message: 'The server failed to handle this request. It has been logged.',
  };
}

/** Turns any thrown error into an `ApiErrorBody`; unexpected ones are logged in full. */
export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { statusCode, code, message } = classify(error);
  if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
  const body: ApiErrorBody = {
    statusCode,
    code,
    error: STATUS_TEXT[statusCode] ?? 'Error',
    message,
  };
  void reply.status(statusCode).send(body);
}
