/**
 * The connection pool behind a PostgresStorage, and how every store runs its statements on
 * it: in transactions on one pooled connection, with a closed pool and a lost or refused
 * server turned into StoreErrors.
 */
import pg from 'pg';
import { migrate } from './postgresMigrations.ts';
import { StoreError } from './StoreError.ts';
import { storageClosed } from './storeErrors.ts';

/** Where the PostgreSQL storage lives. */
export interface PostgresOptions {
  /** A libpq connection URI, e.g. `postgres://plenary@db:5432/plenary` (DATABASE_URL). */
  connectionString: string;
  /** The schema to keep the tables in (created if missing); the server's search_path otherwise. */
  schema?: string;
}

/** Runs one statement and resolves with its rows. */
export type Sql = <R extends object>(text: string, values?: readonly unknown[]) => Promise<R[]>;

/** How long opening a connection may take before the storage counts as unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connections one process keeps open: appends are one statement each, so a few in flight
 * at once serve many sockets; ten processes stay within PostgreSQL's default 100.
 */
const MAX_CONNECTIONS = 8;

const INT8_OID = 20;

/** SQLSTATE classes that mean "the server cannot serve now", not "this statement is wrong". */
const UNAVAILABLE_SQLSTATES = ['08', '53', '57P', '58'];

/** Socket errors from the driver that mean the server is unreachable. */
const UNAVAILABLE_SOCKET_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
];

/** bigint columns (seqs, client ids) as numbers; all of them stay below 2^53. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} does not fit a JS number`);
  return value;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Whether `error` says the server is gone or refusing work, rather than what was asked. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError) {
    return typeof code === 'string' && UNAVAILABLE_SQLSTATES.some((c) => code.startsWith(c));
  }
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.includes(code)) return true;
  // The driver's own words when a connection drops or cannot be made in time.
  return /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(
    error.message,
  );
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** An open, migrated PostgreSQL pool; every commit is durable once it returns. */
export class PostgresConnection {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
  ) {}

  /** Connects, creates the schema if asked and missing, and migrates it. */
  static async open(options: PostgresOptions): Promise<PostgresConnection> {
    const { schema } = options;
    if (schema !== undefined) checkSchemaName(schema);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: MAX_CONNECTIONS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      types,
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // An idle connection that the server drops emits here; without a listener that would
    // end the process. The next statement on the pool opens a new connection or fails.
    pool.on('error', () => undefined);
    const connection = new PostgresConnection(pool, describe(options.connectionString));
    try {
      const client = await pool.connect();
      // A drop during the migration then fails it as a StoreError, not the whole process.
      client.on('error', () => undefined);
      try {
        await migrate(client, schema);
      } finally {
        client.release();
      }
      return connection;
    } catch (error) {
      await pool.end();
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'unavailable',
        `Cannot open the plan database at ${connection.where} (${messageOf(error)}); check ` +
          'DATABASE_URL, that PostgreSQL is running, and that the user may create tables.',
      );
    }
  }

  /** True once `close` was called: every call then rejects as unavailable. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Runs one statement on any pooled connection, outside a transaction of its own. */
  query: Sql = (text, values) => this.withClient((client) => rowsOf(client, text, values));

  /**
   * Runs `body` in one transaction and commits it; `read` takes one snapshot for every
   * statement (REPEATABLE READ, read only), `write` sees each statement's latest commits.
   */
  transaction<T>(body: (sql: Sql) => Promise<T>, mode: 'write' | 'read' = 'write'): Promise<T> {
    return this.withClient(async (client) => {
      await client.query(
        mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN',
      );
      try {
        const result = await body((text, values) => rowsOf(client, text, values));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** Resolves when the database answers a query. */
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** Closes the pool; closing again does nothing, any other call then rejects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Lends a pooled connection to `body`, turning a closed pool and a lost server into StoreErrors. */
  private async withClient<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw storageClosed();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.unavailable(error);
    }
    // A connection that drops while lent out also emits 'error' (its statement fails
    // too, which is what the caller hears); unheard, that event would end the process.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      const result = await body(client);
      client.off('error', ignore);
      client.release();
      return result;
    } catch (error) {
      client.off('error', ignore);
      const lost = isUnavailable(error);
      // A connection that failed under us is not handed to the next caller.
      client.release(lost);
      if (lost) throw this.unavailable(error);
      throw error;
    }
  }

  private unavailable(error: unknown): StoreError {
    if (this.closed) return storageClosed();
    return new StoreError(
      'unavailable',
      `The plan database at ${this.where} cannot be used right now (${messageOf(error)}); ` +
        'check that PostgreSQL is running and reachable, then retry.',
    );
  }
}

/** Refuses a schema name that would need quoting (it is spliced into SQL). */
function checkSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`schema "${schema}" must be lower-case letters, digits and underscores`);
  }
}

/** Drops a schema and every table in it: a trial run's, or a test's once it is done. */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  checkSchemaName(schema);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function rowsOf<R extends object>(
  client: pg.PoolClient,
  text: string,
  values?: readonly unknown[],
): Promise<R[]> {
  const result = await client.query<R>(text, values as unknown[] | undefined);
  return result.rows;
}

/** The connection string without its password, for messages and logs. */
function describe(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    url.password = '';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
