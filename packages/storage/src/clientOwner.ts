import type { UpdateOrigin } from './DocumentStore.ts';

/** Who an update's new client ids belong to: its stated owner, else its participant. */
export const ownerOf = (origin: UpdateOrigin): string | null =>
  origin.owner === undefined ? origin.participantId : origin.owner;
