/**
 * The response headers that limit what a page of Plenary may load and who may frame it,
 * for @fastify/helmet. The web app is built by Vite with no inline script, so scripts
 * come from this origin only; anything injected into a plan (a crafted link, a pasted
 * `<script>`) has nowhere to run from.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyHelmetOptions } from '@fastify/helmet';

// A Host header as browsers send it (name or address, optional port). Anything else is
// left out of the policy rather than written into a header.
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The websocket origins of the host the page was loaded from. CSP Level 3 lets `'self'`
 * cover ws:/wss: of the same host, but older Safari (phones at a venue) does not, so
 * they are also named; ws: for plain http on the venue LAN, wss: behind a TLS proxy.
 */
export function sameHostWebsockets(request: Pick<IncomingMessage, 'headers'>): string {
  const host = request.headers.host;
  return host && HOST.test(host) ? `ws://${host} wss://${host}` : '';
}

/** The Content-Security-Policy directives the built web app passes. */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    // TipTap adds its base stylesheet as a <style> element: without 'unsafe-inline' the
    // browser refuses it (the e2e policy check shows it is the only inline style). Styles
    // cannot run code, and nothing people type reaches the page as markup.
    styleSrc: ["'self'", "'unsafe-inline'"],
    // QR codes of invite links (SVG) and the page's icon (PNG) are data: URLs.
    imgSrc: ["'self'", 'data:'],
    // Noto Sans and Noto Sans Khmer are bundled files: no font comes from elsewhere.
    fontSrc: ["'self'"],
    connectSrc: ["'self'", sameHostWebsockets],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
} satisfies FastifyHelmetOptions['contentSecurityPolicy'];

/** What helmet sends with every response. */
export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  // frame-ancestors 'none' for browsers that read only the older header.
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Plain http on a LAN address is a supported setup, where browsers ignore HSTS anyway;
  // behind TLS the reverse proxy, which owns the certificate and the name, sets it.
  strictTransportSecurity: false,
};
