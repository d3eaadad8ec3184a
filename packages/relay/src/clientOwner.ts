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

/**
 * The code with which the persistence port refuses an update under a client id that
 * someone else owns (scaled out: claimed on another process first).
 */
export const CLIENT_OWNED_ELSEWHERE = 'client-owned-elsewhere';

/** Whether storage refused an append because one of its client ids is someone else's. */
export const isClientOwnedElsewhere = (error: unknown): error is Error =>
  error instanceof Error && (error as { code?: unknown }).code === CLIENT_OWNED_ELSEWHERE;
