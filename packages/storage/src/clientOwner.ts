import type { UpdateOrigin } from './DocumentStore.ts';

/** Who an update's new client ids belong to: its stated owner, else its participant. */
export const ownerOf = (origin: UpdateOrigin): string | null =>
  origin.owner === undefined ? origin.participantId : origin.owner;

/**
 * The origin's client ids that already belong to someone other than its owner, given who
 * holds each (undefined: no one yet). An append that carries any is refused.
 */
export function idsOwnedElsewhere(
  origin: UpdateOrigin,
  holderOf: (clientId: number) => string | null | undefined,
): number[] {
  const owner = ownerOf(origin);
  return origin.clientIds.filter((clientId) => {
    const holder = holderOf(clientId);
    return holder !== undefined && holder !== owner;
  });
}
