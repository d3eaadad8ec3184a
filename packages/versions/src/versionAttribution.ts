import * as Y from 'yjs';
import type { VersionAttribution } from './versionCompare.ts';

/**
 * The attribution `compareVersions` needs, from what storage keeps: the participant behind
 * each Yjs client id, and per participant an update holding everything they deleted.
 */
export function versionAttribution(
  clients: readonly { clientId: number; participantId: string | null }[],
  deletions: readonly { participantId: string | null; deletions: Uint8Array }[],
): VersionAttribution {
  const byClient = new Map(clients.map((c) => [c.clientId, c.participantId]));
  const deleted = deletions.map((d) => ({
    participantId: d.participantId,
    ds: Y.decodeUpdate(d.deletions).ds,
  }));
  return {
    insertedBy: (clientId) => byClient.get(clientId) ?? null,
    deletedBy: ({ client, clock }) => {
      const id = Y.createID(client, clock);
      return deleted.find((d) => Y.isDeleted(d.ds, id))?.participantId ?? null;
    },
  };
}
