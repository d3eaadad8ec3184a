import type { Actor } from '@plenary/model';

/** Who a request or socket acts as, established from its token. */
export interface Principal {
  planId: string;
  actor: Actor;
  /** The invite link behind the token. */
  inviteId: string;
  /** The participant, when the token is a session token (after joining). */
  participantId: string | null;
  /** The participant's display name, when known. */
  name: string | null;
  /** When the link stops working, if ever. */
  expiresAt: Date | null;
  /** Whether the token is an invite link (join only) or a participant's session. */
  via: 'invite' | 'session';
}
