import path from 'node:path';
import { DEFAULT_FAIR_SHARE, type FairShareLimits, type RateBudget } from '@plenary/relay';
import { isLoopbackHost, lanAddresses } from './lanAddresses.ts';

/** Everything the server reads from its environment, checked once at start. */
export interface ServerConfig {
  /** Interface to listen on; all of them by default, so phones on the venue LAN can join. */
  host: string;
  port: number;
  /** Where the SQLite file and the token-sealing key live. */
  dataDir: string;
  /**
   * The scaled-out deployment, or null for the embedded SQLite default: PostgreSQL keeps
   * the plans and Redis carries changes between the processes that serve them.
   */
  scaleOut: ScaleOutConfig | null;
  /** The address people open, when it differs from what the server sees (a proxy, a LAN name). */
  publicUrl: string | null;
  /**
   * This machine's address on the venue network, for links made from a page opened on
   * `localhost` (which no phone can open); null when it has none or LAN_ADDRESS is empty.
   */
  lanAddress: string | null;
  /** Largest websocket frame accepted from a client, in bytes. */
  maxFrameBytes: number;
  /** REST requests a minute one bearer token may make before 429. */
  restRequestsPerMinute: number;
  /** What one socket and one participant may send (see the README's Configuration). */
  fairShare: FairShareLimits;
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

/** Where the processes of a scaled-out deployment share their state. */
export interface ScaleOutConfig {
  /** PostgreSQL connection URI (DATABASE_URL). */
  databaseUrl: string;
  /** Redis URL (REDIS_URL). */
  redisUrl: string;
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

// A host name or an IPv4 address; no scheme, port or path.
const HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

function lanAddress(env: NodeJS.ProcessEnv): string | null {
  const raw = env.LAN_ADDRESS;
  // A server listening on loopback alone cannot be reached at any venue address.
  if (raw === undefined)
    return isLoopbackHost(env.HOST || '0.0.0.0') ? null : (lanAddresses()[0] ?? null);
  if (raw === '') return null;
  if (!HOST_PATTERN.test(raw)) {
    throw new ConfigError(
      `LAN_ADDRESS must be this machine's address or name on the venue network, such as 192.168.1.20; got "${raw}".`,
    );
  }
  return raw;
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
    scaleOut: scaleOut(env),
    publicUrl: publicUrl(env),
    lanAddress: lanAddress(env),
    maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    fairShare: fairShare(env),
    restRequestsPerMinute: integer(env, 'REST_REQUESTS_PER_MINUTE', 600, 1, MAX_RATE),
    maxImportBytes: integer(env, 'MAX_IMPORT_BYTES', 10 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    compactAfterUpdates: integer(env, 'COMPACT_AFTER_UPDATES', 500, 2, 1_000_000),
    autoVersionMinutes: minutes(env, 'AUTO_VERSION_MINUTES', 10, 7 * 24 * 60),
    logLevel: env.LOG_LEVEL || 'info',
    adminToken: adminToken(env),
    webDistDir:
      env.WEB_DIST_DIR === '' ? null : path.resolve(cwd, env.WEB_DIST_DIR || defaultWebDist()),
  };
}

const MAX_RATE = 1_000_000_000;

function rateBudget(env: NodeJS.ProcessEnv, prefix: string, fallback: RateBudget): RateBudget {
  return {
    framesPerSecond: integer(
      env,
      `${prefix}_FRAMES_PER_SECOND`,
      fallback.framesPerSecond,
      1,
      MAX_RATE,
    ),
    frameBurst: integer(env, `${prefix}_FRAME_BURST`, fallback.frameBurst, 1, MAX_RATE),
    bytesPerSecond: integer(
      env,
      `${prefix}_BYTES_PER_SECOND`,
      fallback.bytesPerSecond,
      1024,
      MAX_RATE,
    ),
    byteBurst: integer(env, `${prefix}_BYTE_BURST`, fallback.byteBurst, 1024, MAX_RATE),
  };
}

function fairShare(env: NodeJS.ProcessEnv): FairShareLimits {
  const fallback = DEFAULT_FAIR_SHARE;
  return {
    socket: rateBudget(env, 'SOCKET', fallback.socket),
    participant: rateBudget(env, 'PARTICIPANT', fallback.participant),
    presencePerSecond: integer(env, 'PRESENCE_PER_SECOND', fallback.presencePerSecond, 1, MAX_RATE),
    presenceBurst: integer(env, 'PRESENCE_BURST', fallback.presenceBurst, 1, MAX_RATE),
    presenceQueriesPerMinute: integer(
      env,
      'PRESENCE_QUERIES_PER_MINUTE',
      fallback.presenceQueriesPerMinute,
      1,
      MAX_RATE,
    ),
    maxPresenceBytes: integer(
      env,
      'MAX_PRESENCE_BYTES',
      fallback.maxPresenceBytes,
      1024,
      1024 * 1024,
    ),
    maxSocketsPerParticipant: integer(
      env,
      'MAX_SOCKETS_PER_PARTICIPANT',
      fallback.maxSocketsPerParticipant,
      1,
      10_000,
    ),
    maxUnsentBytes: integer(env, 'MAX_UNSENT_BYTES', fallback.maxUnsentBytes, 64 * 1024, 1024 ** 3),
    refillBeforeReconnect:
      integer(
        env,
        'REFILL_BEFORE_RECONNECT_PERCENT',
        Math.round(fallback.refillBeforeReconnect * 100),
        0,
        100,
      ) / 100,
  };
}

function serviceUrl(
  env: NodeJS.ProcessEnv,
  name: string,
  protocols: readonly string[],
  example: string,
): string | null {
  const raw = env[name];
  if (!raw) return null;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = '';
  }
  if (!protocols.includes(protocol)) {
    throw new ConfigError(`${name} must be a URL such as ${example}; got "${redacted(raw)}".`);
  }
  return raw;
}

/** A URL as it may be printed: without its password. */
function redacted(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.replace(/:[^:@/]*@/, ':***@');
  }
}

/**
 * DATABASE_URL and REDIS_URL come together: several processes on one database need Redis
 * to hear each other's changes, and Redis without a shared database has nothing to share.
 */
function scaleOut(env: NodeJS.ProcessEnv): ScaleOutConfig | null {
  const databaseUrl = serviceUrl(
    env,
    'DATABASE_URL',
    ['postgres:', 'postgresql:'],
    'postgres://plenary@db:5432/plenary',
  );
  const redisUrl = serviceUrl(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://redis:6379');
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  if (databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is set but REDIS_URL is not. Processes sharing PostgreSQL need Redis to ' +
        'pass changes between them: set REDIS_URL (e.g. redis://redis:6379), or unset ' +
        'DATABASE_URL to keep the embedded SQLite database in DATA_DIR.',
    );
  }
  if (redisUrl) {
    throw new ConfigError(
      'REDIS_URL is set but DATABASE_URL is not. Processes joined through Redis must share ' +
        'one PostgreSQL database: set DATABASE_URL (e.g. postgres://plenary@db:5432/plenary), ' +
        'or unset REDIS_URL to keep the embedded SQLite database in DATA_DIR.',
    );
  }
  return null;
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
