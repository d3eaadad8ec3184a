/**
 * Who may open a plan: invite links, the participants who came in through them, and the
 * sessions those participants hold. Participants have no accounts, so these rows are all
 * the identity there is.
 *
 * Tokens never reach storage in the clear: the server hashes each one (SHA-256 hex) for
 * lookup and seals invite tokens so a link can be shown again. Storage keeps those
 * opaque values and never judges them: revoked and expired rows are returned as stored,
 * and the server decides what they allow. Every adapter passes `accessStoreContract.ts`.
 */
import type { Role } from '@plenary/model';

/** An invite link as stored: the role (and group) it grants, and how to find and show it. */
export interface StoredInvite {
  id: string;
  planId: string;
  role: Role;
  /** The breakout group its participants join, or null for the whole plan. */
  groupId: string | null;
  /** The server's hash of the link's token, the key it is looked up by. */
  tokenHash: string;
  /** The token encrypted by the server, so the facilitator can copy the link again. */
  sealedToken: Uint8Array;
  createdAt: Date;
  /** When the link stops admitting new participants, or null for never. */
  expiresAt: Date | null;
  /** When a facilitator revoked it, or null while it stands. */
  revokedAt: Date | null;
  /** The participant who created it, or null when the server did. */
  createdBy: string | null;
  /**
   * Whom a per-person link is for, or null for a link shared by a group or the room. A
   * per-person link admits one participant: opening it again continues as them.
   */
  personName: string | null;
}

/** What `createInvite` stores: an invite without its creation and revocation times. */
export type NewInvite = Omit<StoredInvite, 'revokedAt' | 'createdAt' | 'personName'> & {
  personName?: string | null;
};

/** An invite with how many participants have come in through it, for the Share panel. */
export interface InviteWithUsage extends StoredInvite {
  participantCount: number;
}

/** Someone who opened an invite and gave a name; their role and group come from it. */
export interface StoredParticipant {
  id: string;
  planId: string;
  inviteId: string;
  /** The display name they typed. */
  name: string;
  role: Role;
  groupId: string | null;
  createdAt: Date;
  /** The last time one of their sessions was looked up. */
  lastSeenAt: Date;
  /** When the facilitator removed them (their sessions ended then), or null. */
  removedAt: Date | null;
}

/** What a token hash stands for: an invite link, or a participant's session. */
export type Credential =
  | { kind: 'invite'; invite: StoredInvite }
  | { kind: 'session'; invite: StoredInvite; participant: StoredParticipant };

/** The storage port for invites, participants and sessions. */
export interface AccessStore {
  /**
   * Stores a new invite, created now and not revoked. Fails with `plan-not-found` for a
   * plan the store does not hold and `token-exists` when another invite has the hash.
   */
  createInvite(invite: NewInvite): Promise<StoredInvite>;
  /** The plan's invites, oldest first, revoked ones included; none for an unknown plan. */
  listInvites(planId: string): Promise<InviteWithUsage[]>;
  /**
   * Across every plan, the invites with one of `roles` that stand at `now` (not revoked,
   * not expired) and are shared (not one person's own link), oldest first: what a short
   * join code may stand for. One query on an index of such invites, however many plans.
   */
  listOpenSharedInvites(roles: readonly Role[], now: Date): Promise<StoredInvite[]>;
  /** The invite, or null when the plan has no invite with that id. */
  getInvite(planId: string, inviteId: string): Promise<StoredInvite | null>;
  /**
   * Revokes the invite now, or keeps the time it was first revoked; resolves to the invite
   * as stored after that, or null when the plan has no invite with that id.
   */
  revokeInvite(planId: string, inviteId: string): Promise<StoredInvite | null>;
  /** Revokes the plan's unrevoked invites into `groupId`; resolves to those it revoked, oldest first. */
  revokeInvitesOfGroup(planId: string, groupId: string): Promise<StoredInvite[]>;
  /**
   * Stores a participant with the role and group of their invite. Fails with
   * `invite-not-found` unless the invite belongs to the plan; revoked or expired invites
   * are the server's to refuse.
   */
  createParticipant(participant: {
    id: string;
    planId: string;
    inviteId: string;
    name: string;
  }): Promise<StoredParticipant>;
  /**
   * Marks the participant removed from the plan, keeping the first time; the server then
   * refuses their sessions (found as stored, like revoked invites). The row stays, as
   * their name is on what they wrote. Resolves to the participant as stored after that,
   * or null when the plan has none.
   */
  removeParticipant(planId: string, participantId: string): Promise<StoredParticipant | null>;
  /** The participant, or null when the plan has no participant with that id. */
  getParticipant(planId: string, participantId: string): Promise<StoredParticipant | null>;
  /** The plan's participants (only those of one invite, if given), oldest first. */
  listParticipants(planId: string, filter?: { inviteId?: string }): Promise<StoredParticipant[]>;
  /**
   * Stores a session for the participant. Fails with `participant-not-found` unless the
   * participant belongs to the plan, and with `token-exists` when the hash is taken.
   */
  createSession(session: {
    tokenHash: string;
    planId: string;
    participantId: string;
  }): Promise<void>;
  /**
   * What the token hash stands for, sessions first, then invites; null when nothing.
   * Rows come back as stored, revoked or expired too. Finding a session marks its
   * participant seen now.
   */
  findCredential(tokenHash: string): Promise<Credential | null>;
}
