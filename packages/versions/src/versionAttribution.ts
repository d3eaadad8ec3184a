import * as Y from 'yjs';

/** Who did what, as storage knows it. */
export interface VersionAttribution {
  /** Participant behind a Yjs client id (storage's clientAttribution), null when unknown/server. */
  insertedBy(clientId: number): string | null;
  /** Participant who deleted the Yjs item with this id, null when unknown. */
  deletedBy(id: { client: number; clock: number }): string | null;
}

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
