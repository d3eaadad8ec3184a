export type { AppOptions } from './app.ts';
export { buildApp } from './app.ts';
export type { ServerConfig } from './config.ts';
export { ConfigError, loadConfig } from './config.ts';
export { redactUrl } from './logging.ts';
