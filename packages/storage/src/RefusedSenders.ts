import type { UpdateOrigin } from './DocumentStore.ts';
import type { StoreError } from './StoreError.ts';
import { senderRefused } from './storeErrors.ts';

/**
 * The senders (the relay's sockets) that had an append refused for carrying a client id
 * someone else owns. Every later append of theirs is refused as well, before it is
 * written: the relay checked it against a document that held the refused update, so it
 * may build on that update, e.g. delete the clocks it wrote, which in storage are the
 * rightful owner's text. Kept weakly: a sender that is gone is forgotten.
 */
export class RefusedSenders {
  private readonly refused = new WeakSet<object>();

  /** The error to refuse an append with when its sender had one refused before, else null. */
  check(planId: string, origin: UpdateOrigin): StoreError | null {
    return origin.sender && this.refused.has(origin.sender) ? senderRefused(planId) : null;
  }

  /** Notes that an append of this origin's sender was refused as someone else's. */
  note(origin: UpdateOrigin): void {
    if (origin.sender) this.refused.add(origin.sender);
  }
}
