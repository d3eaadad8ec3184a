/** Saving a version of a plan's live document, the one way every kind of version is made. */
import { randomUUID } from 'node:crypto';
import type { PlanDocuments } from '@plenary/relay';
import type { StoredVersion, VersionReason, VersionStore } from '@plenary/storage';
import * as Y from 'yjs';
import type { VersionAuthor } from './versionSummary.ts';

/** What saving a version needs: the live documents and where versions go. */
export interface VersionServices {
  relay: Pick<PlanDocuments, 'read'>;
  versions: VersionStore;
}

/** Saves the plan's current state as a new version (fresh id, so concurrent saves never collide). */
export async function saveVersion(
  { relay, versions }: VersionServices,
  planId: string,
  version: { name: string | null; reason: VersionReason } & VersionAuthor,
): Promise<StoredVersion> {
  const state = await relay.read(planId, (doc) => Y.encodeStateAsUpdate(doc));
  return versions.createVersion({ id: randomUUID(), planId, ...version, state });
}
