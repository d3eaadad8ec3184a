import type { FastifyRequest } from 'fastify';
import { isLoopbackHost } from './lanAddresses.ts';

/** Where the addresses in links and QR codes come from, so the page can explain them. */
export type LinkSource = 'public-url' | 'lan' | 'page';

/** The address links are built from, and why that one. */
export function linkBase(request: FastifyRequest): {
  url: string;
  source: LinkSource;
  /** The page was opened at a name only this machine reaches (`localhost`). */
  pageOnLoopback: boolean;
} {
  const { publicUrl, lanAddress } = request.server.config;
  const pageOnLoopback = isLoopbackHost(request.hostname);
  if (publicUrl) return { url: publicUrl, source: 'public-url', pageOnLoopback };
  const page = `${request.protocol}://${request.host}`;
  // A page opened on localhost would hand out links no phone can open: the machine's
  // venue address is used instead, on the same port.
  if (!lanAddress || !pageOnLoopback) return { url: page, source: 'page', pageOnLoopback };
  const port = request.port ? `:${request.port}` : '';
  return { url: `${request.protocol}://${lanAddress}${port}`, source: 'lan', pageOnLoopback };
}

/** The address people use to reach this server, for the links it makes. */
export function baseUrl(request: FastifyRequest): string {
  return linkBase(request).url;
}
