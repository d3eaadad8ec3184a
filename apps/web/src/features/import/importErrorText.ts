import type { TFunction } from 'i18next';
import { ApiError } from '../../api/ApiError.ts';
import { errorText } from '../../api/errorText.ts';
import { en } from '../../i18n/en.ts';

type ImportErrorCode = keyof typeof en.import.errors;

const isImportError = (code: string): code is ImportErrorCode =>
  Object.hasOwn(en.import.errors, code);

/**
 * Why an import was refused, in the reader's language: ours for the refusals an import
 * has, else what `errorText` says. `limit` is the server's size limit in words, when known.
 */
export function importErrorText(error: unknown, t: TFunction, limit: string | null): string {
  if (error instanceof ApiError && isImportError(error.code)) {
    // Without the limit our sentence would have a hole; the server's names it.
    if (error.code === 'too-large' && limit === null) return error.message;
    return t(`import.errors.${error.code}`, { limit: limit ?? '' });
  }
  return errorText(error, t);
}
