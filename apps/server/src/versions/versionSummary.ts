/** How the API shows a saved version, and the words the server itself uses for one. */
import type { VersionSummary } from '@plenary/model';
import type { StoredVersion, VersionReason } from '@plenary/storage';
import type { Principal } from '../access/Principal.ts';

/** The API's view of a stored version. */
export function summaryOf(version: StoredVersion): VersionSummary {
  const { createdBy, createdByName } = version;
  return {
    id: version.id,
    name: version.name,
    reason: version.reason,
    createdAt: version.createdAt.toISOString(),
    createdBy:
      createdBy === null && createdByName === null
        ? null
        : { participantId: createdBy, name: createdByName ?? 'unknown' },
  };
}

/** Who saves a version, as the version store records it. */
export interface VersionAuthor {
  createdBy: string | null;
  createdByName: string | null;
}

/** The principal as a version's author: invite tokens have no participant, so their role names them. */
export const authorOf = (principal: Principal): VersionAuthor => ({
  createdBy: principal.participantId,
  createdByName: principal.name ?? principal.actor.role,
});

/** The server's automatic versions have no author. */
export const SERVER_AUTHOR: VersionAuthor = { createdBy: null, createdByName: null };

const REASON_WORDS: Record<VersionReason, string> = {
  named: 'version',
  phase: 'phase change',
  activity: 'automatic version',
  restore: 'version before a restore',
};

/**
 * A version's name, or for an unnamed one its reason and time (UTC, to the minute), for
 * text the server writes itself such as the safety version's name.
 */
export function versionLabel(version: StoredVersion): string {
  if (version.name !== null) return version.name;
  const minute = version.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  return `${REASON_WORDS[version.reason]} of ${minute} UTC`;
}
