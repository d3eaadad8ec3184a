/**
 * The AccessStore kept in Maps, beside an InMemoryDocumentStore: for server tests, and
 * as the reference for what the access contract asks without a database in the way.
 */
import type { Role } from '@plenary/model';
import type {
  AccessStore,
  Credential,
  InviteWithUsage,
  NewInvite,
  StoredInvite,
  StoredParticipant,
} from './AccessStore.ts';
import type { InMemoryDatabase } from './InMemoryDatabase.ts';
import { participantThrough } from './participantThrough.ts';
import { inviteNotFound, participantNotFound, planNotFound, tokenExists } from './storeErrors.ts';

interface SessionRecord {
  planId: string;
  participantId: string;
  createdAt: Date;
}

const copyDate = (date: Date | null): Date | null => date && new Date(date);

// Copies in and out, as a database would: callers may mutate what they passed in or got
// back without touching what is stored.
const copyInvite = (invite: StoredInvite): StoredInvite => ({
  id: invite.id,
  planId: invite.planId,
  role: invite.role,
  groupId: invite.groupId,
  tokenHash: invite.tokenHash,
  sealedToken: invite.sealedToken.slice(),
  createdAt: new Date(invite.createdAt),
  expiresAt: copyDate(invite.expiresAt),
  revokedAt: copyDate(invite.revokedAt),
  createdBy: invite.createdBy,
  personName: invite.personName,
});

const copyParticipant = (participant: StoredParticipant): StoredParticipant => ({
  ...participant,
  createdAt: new Date(participant.createdAt),
  lastSeenAt: new Date(participant.lastSeenAt),
  removedAt: copyDate(participant.removedAt),
});

// Array sort is stable and Maps iterate in insertion order, so rows created in the same
// ms keep the order they were created in, as SQLite's rowid tie-break does.
const oldestFirst = (a: { createdAt: Date }, b: { createdAt: Date }): number =>
  a.createdAt.getTime() - b.createdAt.getTime();

/** The AccessStore of an InMemoryStorage; its contents go when the process does. */
export class InMemoryAccessStore implements AccessStore {
  private readonly invites = new Map<string, StoredInvite>();
  private readonly inviteIdsByToken = new Map<string, string>();
  private readonly participants = new Map<string, StoredParticipant>();
  private readonly sessions = new Map<string, SessionRecord>();

  constructor(private readonly db: InMemoryDatabase) {}

  async createInvite(invite: NewInvite): Promise<StoredInvite> {
    this.db.assertOpen();
    if (!this.db.plans.has(invite.planId)) throw planNotFound(invite.planId);
    if (this.inviteIdsByToken.has(invite.tokenHash)) throw tokenExists();
    const stored = copyInvite({
      ...invite,
      personName: invite.personName ?? null,
      createdAt: new Date(),
      revokedAt: null,
    });
    this.invites.set(stored.id, stored);
    this.inviteIdsByToken.set(stored.tokenHash, stored.id);
    return copyInvite(stored);
  }

  async listInvites(planId: string): Promise<InviteWithUsage[]> {
    this.db.assertOpen();
    const participants = [...this.participants.values()];
    return this.invitesOf(planId).map((invite) => ({
      ...copyInvite(invite),
      participantCount: participants.filter((participant) => participant.inviteId === invite.id)
        .length,
    }));
  }

  async listOpenSharedInvites(roles: readonly Role[], now: Date): Promise<StoredInvite[]> {
    this.db.assertOpen();
    return [...this.invites.values()]
      .filter(
        (invite) =>
          roles.includes(invite.role) &&
          invite.revokedAt === null &&
          invite.personName === null &&
          (invite.expiresAt === null || invite.expiresAt > now),
      )
      .sort(oldestFirst)
      .map(copyInvite);
  }

  async getInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    this.db.assertOpen();
    const invite = this.inviteIn(planId, inviteId);
    return invite ? copyInvite(invite) : null;
  }

  async revokeInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    this.db.assertOpen();
    const invite = this.inviteIn(planId, inviteId);
    if (!invite) return null;
    invite.revokedAt ??= new Date();
    return copyInvite(invite);
  }

  async revokeInvitesOfGroup(planId: string, groupId: string): Promise<StoredInvite[]> {
    this.db.assertOpen();
    const now = new Date();
    return this.invitesOf(planId)
      .filter((invite) => invite.groupId === groupId && invite.revokedAt === null)
      .map((invite) => {
        invite.revokedAt = now;
        return copyInvite(invite);
      });
  }

  async createParticipant(participant: {
    id: string;
    planId: string;
    inviteId: string;
    name: string;
  }): Promise<StoredParticipant> {
    this.db.assertOpen();
    const invite = this.inviteIn(participant.planId, participant.inviteId);
    if (!invite) throw inviteNotFound(participant.planId, participant.inviteId);
    const stored = participantThrough(invite, participant, new Date());
    this.participants.set(stored.id, stored);
    return copyParticipant(stored);
  }

  async removeParticipant(
    planId: string,
    participantId: string,
  ): Promise<StoredParticipant | null> {
    this.db.assertOpen();
    const participant = this.participantIn(planId, participantId);
    if (!participant) return null;
    participant.removedAt ??= new Date();
    return copyParticipant(participant);
  }

  async getParticipant(planId: string, participantId: string): Promise<StoredParticipant | null> {
    this.db.assertOpen();
    const participant = this.participantIn(planId, participantId);
    return participant ? copyParticipant(participant) : null;
  }

  async listParticipants(
    planId: string,
    filter: { inviteId?: string } = {},
  ): Promise<StoredParticipant[]> {
    this.db.assertOpen();
    return [...this.participants.values()]
      .filter(
        (participant) =>
          participant.planId === planId &&
          (filter.inviteId === undefined || participant.inviteId === filter.inviteId),
      )
      .sort(oldestFirst)
      .map(copyParticipant);
  }

  async createSession(session: {
    tokenHash: string;
    planId: string;
    participantId: string;
  }): Promise<void> {
    this.db.assertOpen();
    if (!this.participantIn(session.planId, session.participantId)) {
      throw participantNotFound(session.planId, session.participantId);
    }
    if (this.sessions.has(session.tokenHash)) throw tokenExists();
    this.sessions.set(session.tokenHash, {
      planId: session.planId,
      participantId: session.participantId,
      createdAt: new Date(),
    });
  }

  async findCredential(tokenHash: string): Promise<Credential | null> {
    this.db.assertOpen();
    const session = this.sessions.get(tokenHash);
    if (session) {
      // createSession checked the participant, and participant rows are never deleted.
      const participant = this.participantIn(session.planId, session.participantId);
      const invite = participant && this.inviteIn(participant.planId, participant.inviteId);
      if (participant && invite) {
        participant.lastSeenAt = new Date();
        return {
          kind: 'session',
          invite: copyInvite(invite),
          participant: copyParticipant(participant),
        };
      }
    }
    const inviteId = this.inviteIdsByToken.get(tokenHash);
    const invite = inviteId === undefined ? undefined : this.invites.get(inviteId);
    return invite ? { kind: 'invite', invite: copyInvite(invite) } : null;
  }

  /** The plan's invites, oldest first (the stored records: copy before handing out). */
  private invitesOf(planId: string): StoredInvite[] {
    return [...this.invites.values()]
      .filter((invite) => invite.planId === planId)
      .sort(oldestFirst);
  }

  /** The invite if it belongs to the plan: ids of another plan's rows are not found. */
  private inviteIn(planId: string, inviteId: string): StoredInvite | undefined {
    const invite = this.invites.get(inviteId);
    return invite?.planId === planId ? invite : undefined;
  }

  /** The participant if it belongs to the plan. */
  private participantIn(planId: string, participantId: string): StoredParticipant | undefined {
    const participant = this.participants.get(participantId);
    return participant?.planId === planId ? participant : undefined;
  }
}
