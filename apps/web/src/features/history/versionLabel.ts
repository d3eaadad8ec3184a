import { formatMoment } from '@plenary/model';
import type { TFunction } from 'i18next';
import type { VersionSummary } from '../../api/versionTypes.ts';

/**
 * A version's name in the history: the name it was saved under, or for an automatic one
 * why it was made ("Phase changed", "Automatic, while editing"). Versions saved
 * before a restore carry the name the server gave them ("Before restoring “…”").
 */
export function versionLabel(version: Pick<VersionSummary, 'name' | 'reason'>, t: TFunction) {
  return version.name ?? t(`history.reasons.${version.reason}`);
}

/** When a version was saved, in the reader's language: date and time of day. */
export function versionTime(createdAt: string, language: string): string {
  return formatMoment(createdAt, language);
}
