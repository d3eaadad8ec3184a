/**
 * Who owns a Yjs client id, as the relay's ports and its ownership rules
 * (`clientOwnership.ts`) both speak of it; apart, so the ports need not import the rules.
 */

/** The owner of a client id: a socket's key (see `ownerKeyOf`), or null for the server. */
export type ClientOwnerKey = string | null;

/** A stored client id and its owner, as the persistence port loads them. */
export interface OwnedClient {
  clientId: number;
  owner: ClientOwnerKey;
}
