/**
 * The addresses of a plan's pages, as patterns over `location.pathname`: read by the app
 * as it starts (`preloadPage`) and by the build (`routePreload` in vite.config.ts), so the
 * two cannot disagree. Plan ids are lower-case letters and digits (isPlanId); anything
 * else is not a plan. The routes themselves are App's.
 */
export const PLAN_PAGE = /^\/plans\/([a-z0-9]+)\/?$/;
export const PROJECTOR_PAGE = /^\/plans\/([a-z0-9]+)\/projector\/?$/;
