import { readSetting, removeSetting, writeSetting } from '../localSettings.ts';

/** The server's administrator token as stored on this device, or null. */
export const storedAdminToken = (): string | null =>
  readSetting('plenary.adminToken')?.trim() || null;

/** Remembers the administrator token on this device, or forgets it with null. */
export function storeAdminToken(token: string | null): void {
  if (token?.trim()) writeSetting('plenary.adminToken', token.trim());
  else removeSetting('plenary.adminToken');
}
