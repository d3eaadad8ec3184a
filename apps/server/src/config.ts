import path from 'node:path';

/** Everything the server reads from its environment, checked once at start. */
export interface ServerConfig {
  /** Interface to listen on; all of them by default, so phones on the venue LAN can join. */
  host: string;
  port: number;
  /** Where the SQLite file (and later keys) live. */
  dataDir: string;
  /** The address people open, when it differs from what the server sees (a proxy, a LAN name). */
  publicUrl: string | null;
  /** Largest websocket frame accepted from a client, in bytes. */
  maxFrameBytes: number;
  /** Largest outline file (.docx or .md) accepted for import, in bytes. */
  maxImportBytes: number;
  /** Compact a plan's update log into one snapshot after this many updates. */
  compactAfterUpdates: number;
  /**
   * Save an automatic version when a plan is edited and its newest version is this many
   * minutes old (fractions allowed, so tests can use seconds); 0 turns them off.
   */
  autoVersionMinutes: number;
  logLevel: string;
  /** The built web app to serve, or null to serve the API alone. */
  webDistDir: string | null;
  /** When set, creating and listing plans need this bearer token. */
  adminToken: string | null;
}

/** A configuration value that cannot be used, with the variable's name. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function minutes(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new ConfigError(
      `${name} must be a number of minutes from 0 to ${max} (0 turns it off); got "${raw}".`,
    );
  }
  return value;
}

function publicUrl(env: NodeJS.ProcessEnv): string | null {
  const raw = env.PUBLIC_URL;
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be an http(s) address such as http://192.168.1.20:8080; got "${raw}".`,
    );
  }
}

/** Reads the server's configuration from environment variables. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServerConfig {
  return {
    host: env.HOST || '0.0.0.0',
    port: integer(env, 'PORT', 8080, 0, 65_535),
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    publicUrl: publicUrl(env),
    maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    maxImportBytes: integer(env, 'MAX_IMPORT_BYTES', 10 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    compactAfterUpdates: integer(env, 'COMPACT_AFTER_UPDATES', 500, 2, 1_000_000),
    autoVersionMinutes: minutes(env, 'AUTO_VERSION_MINUTES', 10, 7 * 24 * 60),
    logLevel: env.LOG_LEVEL || 'info',
    adminToken: adminToken(env),
    webDistDir:
      env.WEB_DIST_DIR === '' ? null : path.resolve(cwd, env.WEB_DIST_DIR || defaultWebDist()),
  };
}

function adminToken(env: NodeJS.ProcessEnv): string | null {
  const token = env.PLENARY_ADMIN_TOKEN;
  if (!token) return null;
  if (token.length < 16) {
    throw new ConfigError(
      'PLENARY_ADMIN_TOKEN must be at least 16 characters; a short one can be guessed.',
    );
  }
  return token;
}

function defaultWebDist(): string {
  return path.resolve(import.meta.dirname, '../../web/dist');
}
