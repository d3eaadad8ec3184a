import type { TFunction } from 'i18next';
import type { en } from '../i18n/en.ts';
import { ApiError, NETWORK_ERROR } from './ApiError.ts';

type AccessCode = keyof typeof en.access;

// Refusals people meet in ordinary use get words in their own language; the rest keep
// the server's English, which is written for people too.
const TRANSLATED: ReadonlySet<string> = new Set<AccessCode>([
  'missing-token',
  'malformed-token',
  'unknown-token',
  'revoked',
  'expired',
  'forbidden',
  'admin-token-required',
  'join-code-unknown',
  'too-many-guesses',
]);

const isTranslated = (code: string): code is AccessCode => TRANSLATED.has(code);

/** The words for a refused link or request: ours for the known codes, else the server's. */
export const accessText = (code: string, message: string, t: TFunction): string =>
  isTranslated(code) ? t(`access.${code}`) : message;

/** The words to show a person for a failed request. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === NETWORK_ERROR) return t('errors.network');
  if (error instanceof ApiError) return accessText(error.code, error.message, t);
  // Anything else is a bug worth reporting with its own words.
  return error instanceof Error ? error.message : String(error);
}
