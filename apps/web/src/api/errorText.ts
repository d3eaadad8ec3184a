import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from './ApiError.ts';

/** The words to show a person for a failed request. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === NETWORK_ERROR) return t('errors.network');
  // The server's messages are written for people already; anything else is a bug
  // worth reporting with its own words.
  return error instanceof Error ? error.message : String(error);
}
