/**
 * Who may write new structs under each Yjs client id of a plan.
 *
 * Yjs credits every struct to the client id it carries and lets anyone write under any
 * id. A struct at someone else's next clock takes that clock from them: their own next
 * (or offline) change under it no longer applies, and text written under their id reads
 * as theirs. So the server fixes an id's owner at its first use, stores it with the update
 * that claimed it (or on its own, for an id first shown in presence), and refuses new
 * structs (items and GC structs alike) under an id that belongs to someone else. Deletions carry no client id of their own: who may delete what
 * is the rights table's business.
 *
 * Each new client id also costs every later client a state-vector entry and a struct
 * block in its first sync, so how many one update and one owner may claim is capped.
 */
import * as decoding from 'lib0/decoding';
import * as random from 'lib0/random';
import * as Y from 'yjs';
import type { ClientOwnerKey, OwnedClient } from './clientOwner.ts';
import type { ConnectionContext } from './types.ts';

/**
 * Most client ids one update may claim. An honest client claims one, or a few when it
 * reloaded offline and its saved copy holds earlier sessions that never reached the server.
 */
export const MAX_NEW_CLIENTS_PER_UPDATE = 16;

/**
 * Most client ids one participant may hold in a plan: a new one per page load that wrote
 * something, which is far more than days of honest use come to.
 */
export const MAX_CLIENTS_PER_OWNER = 1_000;

/**
 * Highest clock a client id may reach (a signed 32-bit integer). A GC struct is a length
 * alone, so a few bytes move one's own clock anywhere. Up to here that costs no one
 * anything (12 bytes stored, two more in the state vector every client gets), but past
 * 2^53 Yjs no longer counts exactly: every later change under that id is taken for one
 * the server has and dropped, while its sender is told it is saved. No page session
 * types two billion characters, so an update that goes further is refused.
 */
export const MAX_CLOCK = 2 ** 31 - 1;

/** Why an update that takes a client id past `MAX_CLOCK` is refused, or null. */
export function clockRefusal(highestClock: number): string | null {
  return highestClock > MAX_CLOCK
    ? `the update takes a client id to clock ${highestClock}; at most ${MAX_CLOCK}`
    : null;
}

/** How many client ids an update and an owner may claim. */
export interface OwnershipLimits {
  maxNewClientsPerUpdate: number;
  maxClientsPerOwner: number;
}

/** What checking an update found: why it is refused, else the ids it claims for its sender. */
export interface OwnershipCheck {
  refusal: string | null;
  claims: number[];
}

const refused = (refusal: string): OwnershipCheck => ({ refusal, claims: [] });

/** Owner key of a socket that came in without participant or link (relay tests). */
const ANONYMOUS_OWNER = 'anonymous';

/**
 * The key a socket's client ids are owned under: its participant, so they hold across
 * reconnects and devices of that person; else the link it came in with.
 */
export function ownerKeyOf(context: ConnectionContext): string {
  if (context.participantId !== null) return context.participantId;
  return context.inviteId === null ? ANONYMOUS_OWNER : `invite:${context.inviteId}`;
}

/** The owners of one plan's client ids, loaded with the plan and kept while its room lives. */
export class ClientOwnership {
  /** Stored owners, the claims being stored, and the server's ids of this room's life. */
  private readonly owners = new Map<number, ClientOwnerKey>();
  /** How many ids each owner holds. */
  private readonly held = new Map<string, number>();

  constructor(
    stored: readonly OwnedClient[],
    private readonly limits: OwnershipLimits,
  ) {
    for (const { clientId, owner } of stored) this.own(clientId, owner);
  }

  /**
   * Refuses, from its first bytes alone, an update that lists more clients than the
   * server knows plus the new ones one update may claim, before decoding it whole: a
   * 1.6 MB frame of 200,000 client ids takes seconds to decode.
   */
  crowdedUpdate(update: Uint8Array, doc: Y.Doc): string | null {
    let listed: number;
    try {
      listed = decoding.readVarUint(decoding.createDecoder(update));
    } catch {
      return null; // undecodable: the update check says why
    }
    const known = doc.store.clients.size;
    const limit = this.limits.maxNewClientsPerUpdate;
    return listed > known + limit
      ? `the update lists ${listed} clients; at most ${limit} may be new at once`
      : null;
  }

  /**
   * Checks that `owner` may write new structs under `clientIds` (the ids the update
   * carries beyond the server's state) and returns the ones it would claim.
   */
  check(owner: string, clientIds: readonly number[], doc: Y.Doc): OwnershipCheck {
    const claims: number[] = [];
    for (const clientId of clientIds) {
      const holder = this.holderOf(clientId, doc);
      if (holder === owner) continue;
      if (holder === null) return refused(`client id ${clientId} belongs to the server`);
      if (holder !== undefined) {
        return refused(`client id ${clientId} belongs to another participant`);
      }
      claims.push(clientId);
    }
    const { maxNewClientsPerUpdate, maxClientsPerOwner } = this.limits;
    if (claims.length > maxNewClientsPerUpdate) {
      return refused(
        `the update claims ${claims.length} new client ids; at most ${maxNewClientsPerUpdate} at once`,
      );
    }
    if ((this.held.get(owner) ?? 0) + claims.length > maxClientsPerOwner) {
      return refused(`this participant already holds ${maxClientsPerOwner} client ids`);
    }
    return { refusal: null, claims };
  }

  /** Records the claims of an update that is being stored. */
  record(owner: string, claims: readonly number[]): void {
    for (const clientId of claims) this.own(clientId, owner);
  }

  /**
   * Records owners that another process recorded: of the ids no one holds here yet. Asked
   * before its update is applied, while an id's structs still tell nothing.
   */
  learn(owner: ClientOwnerKey, clientIds: readonly number[], doc: Y.Doc): void {
    for (const clientId of clientIds) {
      if (this.holderOf(clientId, doc) === undefined) this.own(clientId, owner);
    }
  }

  /**
   * Whether a socket of `owner` may show presence under `clientId`: not under an id that
   * belongs to someone else. An id no one holds yet becomes `owner`'s ('claimed', for the
   * caller to store): a person whose wifi drops before their first save keeps the id they
   * type under offline, although everyone saw it in their presence.
   */
  bindPresence(owner: string, clientId: number, doc: Y.Doc): 'claimed' | 'held' | 'refused' {
    const holder = this.holderOf(clientId, doc);
    if (holder !== undefined) return holder === owner ? 'held' : 'refused';
    if ((this.held.get(owner) ?? 0) >= this.limits.maxClientsPerOwner) return 'refused';
    this.own(clientId, owner);
    return 'claimed';
  }

  /**
   * Takes the owner storage holds for `clientId` over the one this room recorded: a claim
   * that another process stored first.
   */
  settle(clientId: number, owner: ClientOwnerKey): void {
    const previous = this.owners.get(clientId);
    if (previous === owner) return;
    if (previous) this.held.set(previous, (this.held.get(previous) ?? 1) - 1);
    this.own(clientId, owner);
  }

  /** A client id for the server's own changes: one no socket holds, and none can claim. */
  newServerClient(doc: Y.Doc): number {
    let clientId: number;
    do clientId = random.uint32();
    while (this.holderOf(clientId, doc) !== undefined);
    this.owners.set(clientId, null);
    return clientId;
  }

  /**
   * Who holds `clientId`, or undefined when no one does. Structs the server has under an
   * id no one owns (the plan's first text, written before ownership was recorded) are the
   * server's: claiming that id would credit them to the claimant.
   */
  private holderOf(clientId: number, doc: Y.Doc): ClientOwnerKey | undefined {
    const owner = this.owners.get(clientId);
    if (owner !== undefined) return owner;
    return Y.getState(doc.store, clientId) > 0 ? null : undefined;
  }

  private own(clientId: number, owner: ClientOwnerKey): void {
    this.owners.set(clientId, owner);
    if (owner !== null) this.held.set(owner, (this.held.get(owner) ?? 0) + 1);
  }
}
