/**
 * The PostgreSQL adapter, apart from the package's index: its driver is loaded only by
 * what imports this (openStorage does when DATABASE_URL is set).
 */
export type { PostgresOptions } from './PostgresConnection.ts';
export { PostgresStorage } from './PostgresStorage.ts';
