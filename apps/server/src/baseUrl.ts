import type { FastifyRequest } from 'fastify';

/** The address people use to reach this server: PUBLIC_URL, or what the request came to. */
export function baseUrl(request: FastifyRequest): string {
  const configured = request.server.config.publicUrl;
  if (configured) return configured;
  return `${request.protocol}://${request.host}`;
}
