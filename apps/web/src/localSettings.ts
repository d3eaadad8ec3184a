/**
 * Small per-device settings (display name, caret colour, language) in localStorage.
 * Storage can be unavailable (private browsing, blocked by policy); the app then
 * still works and only forgets the setting on reload.
 */

/** The keys Plenary stores on the device. */
export type SettingKey =
  | 'plenary.name'
  | 'plenary.color'
  | 'plenary.language'
  /** The plans this device has joined, with their tokens (see `access/planAccess.ts`). */
  | 'plenary.plans'
  /** Who each stored session is, so a plan opens offline (see `access/keptSignIn.ts`). */
  | 'plenary.signedIn'
  /** The server's administrator token, when it asks for one to create and list plans. */
  | 'plenary.adminToken';

/** Reads a stored setting, or null when it is unset or storage is unavailable. */
export function readSetting(key: SettingKey): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Forgets a setting. */
export function removeSetting(key: SettingKey): void {
  try {
    globalThis.localStorage?.removeItem(key);
  } catch {
    // Nothing stored that could be forgotten.
  }
}

/** Stores a setting; returns false when storage refused it. */
export function writeSetting(key: SettingKey, value: string): boolean {
  try {
    globalThis.localStorage?.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
