/** Telling PostgreSQL's refusals apart, for the stores that turn them into StoreErrors. */
import pg from 'pg';

/** SQLSTATE of a unique or primary key violation. */
const UNIQUE_VIOLATION = '23505';

/** Whether `error` is PostgreSQL refusing a row that would repeat the key of `constraint`. */
export const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  error instanceof pg.DatabaseError &&
  error.code === UNIQUE_VIOLATION &&
  error.constraint === constraint;

/**
 * The key value a unique violation of the one-column `constraint` repeated, from the
 * server's detail (`Key (id)=(d1) already exists.`), or null for any other error.
 */
export function duplicateKeyOf(error: unknown, constraint: string): string | null {
  if (!isUniqueViolation(error, constraint)) return null;
  const detail = (error as pg.DatabaseError).detail ?? '';
  return /^Key \([^)]*\)=\((.*)\) already exists/.exec(detail)?.[1] ?? '';
}
