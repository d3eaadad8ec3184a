/**
 * The AccessStore on SQLite: invites, participants and sessions in the same database as
 * the plans they belong to.
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
import { bytesOf } from './bytes.ts';
import { participantThrough } from './participantThrough.ts';
import type { SqliteConnection, SqliteRow } from './SqliteConnection.ts';
import { inviteNotFound, participantNotFound, planNotFound, tokenExists } from './storeErrors.ts';

type InviteRow = SqliteRow<StoredInvite>;
type ParticipantRow = SqliteRow<StoredParticipant>;

const INVITE_COLUMNS = `id, plan_id AS planId, role, group_id AS groupId,
  token_hash AS tokenHash, sealed_token AS sealedToken, created_at AS createdAt,
  expires_at AS expiresAt, revoked_at AS revokedAt, created_by AS createdBy,
  person_name AS personName`;

const PARTICIPANT_COLUMNS = `p.id, p.plan_id AS planId, p.invite_id AS inviteId, p.name,
  p.role, p.group_id AS groupId, p.created_at AS createdAt, p.last_seen_at AS lastSeenAt,
  p.removed_at AS removedAt`;

// rowid breaks ties in the same ms, so that "oldest first" is insertion order, as in memory.
const OLDEST_FIRST = 'ORDER BY created_at, rowid';

function prepareStatements(db: SqliteConnection['db']) {
  return {
    selectPlanExists: db.prepare<[string], number>('SELECT 1 FROM plans WHERE id = ?').pluck(),
    selectInviteTokenTaken: db
      .prepare<[string], number>('SELECT 1 FROM invites WHERE token_hash = ?')
      .pluck(),
    insertInvite: db.prepare<Omit<InviteRow, 'revokedAt'>>(
      `INSERT INTO invites (id, plan_id, role, group_id, token_hash, sealed_token, created_at,
         expires_at, created_by, person_name)
       VALUES (@id, @planId, @role, @groupId, @tokenHash, @sealedToken, @createdAt,
         @expiresAt, @createdBy, @personName)`,
    ),
    selectInvite: db.prepare<[string, string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE plan_id = ? AND id = ?`,
    ),
    selectInviteByToken: db.prepare<[string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = ?`,
    ),
    selectInvites: db.prepare<[string], InviteRow & { participantCount: number }>(
      `SELECT ${INVITE_COLUMNS},
         (SELECT COUNT(*) FROM participants AS p
          WHERE p.plan_id = invites.plan_id AND p.invite_id = invites.id) AS participantCount
       FROM invites WHERE plan_id = ? ${OLDEST_FIRST}`,
    ),
    // The terms on revoked_at and person_name are those of the partial index
    // invites_open_shared, so SQLite reads that index rather than every plan's invites.
    selectOpenSharedInvites: db.prepare<{ roles: string; now: number }, InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites
       WHERE revoked_at IS NULL AND person_name IS NULL
         AND role IN (SELECT value FROM json_each(@roles))
         AND (expires_at IS NULL OR expires_at > @now) ${OLDEST_FIRST}`,
    ),
    selectUnrevokedInvitesOfGroup: db.prepare<[string, string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites
       WHERE plan_id = ? AND group_id = ? AND revoked_at IS NULL ${OLDEST_FIRST}`,
    ),
    // Only an unrevoked invite is touched, so the first revocation time is the one kept.
    revokeInvite: db.prepare<{ planId: string; inviteId: string; now: number }>(
      `UPDATE invites SET revoked_at = @now
       WHERE plan_id = @planId AND id = @inviteId AND revoked_at IS NULL`,
    ),
    insertParticipant: db.prepare<
      Omit<ParticipantRow, 'createdAt' | 'lastSeenAt' | 'removedAt'> & { now: number }
    >(
      `INSERT INTO participants (id, plan_id, invite_id, name, role, group_id, created_at,
         last_seen_at)
       VALUES (@id, @planId, @inviteId, @name, @role, @groupId, @now, @now)`,
    ),
    selectParticipant: db.prepare<[string, string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p WHERE p.plan_id = ? AND p.id = ?`,
    ),
    selectParticipants: db.prepare<[string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p WHERE p.plan_id = ? ${OLDEST_FIRST}`,
    ),
    selectParticipantsOfInvite: db.prepare<[string, string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p
       WHERE p.plan_id = ? AND p.invite_id = ? ${OLDEST_FIRST}`,
    ),
    selectSessionTokenTaken: db
      .prepare<[string], number>('SELECT 1 FROM sessions WHERE token_hash = ?')
      .pluck(),
    insertSession: db.prepare<{
      tokenHash: string;
      planId: string;
      participantId: string;
      now: number;
    }>(
      `INSERT INTO sessions (token_hash, plan_id, participant_id, created_at)
       VALUES (@tokenHash, @planId, @participantId, @now)`,
    ),
    selectSessionParticipant: db.prepare<[string], ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM sessions AS s
       JOIN participants AS p ON p.plan_id = s.plan_id AND p.id = s.participant_id
       WHERE s.token_hash = ?`,
    ),
    // Only a participant still in is touched, so the first removal time is the one kept.
    markParticipantRemoved: db.prepare<{ planId: string; participantId: string; now: number }>(
      `UPDATE participants SET removed_at = @now
       WHERE plan_id = @planId AND id = @participantId AND removed_at IS NULL`,
    ),
    touchParticipant: db.prepare<{ participantId: string; now: number }>(
      'UPDATE participants SET last_seen_at = @now WHERE id = @participantId',
    ),
  };
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

const inviteOf = (row: InviteRow): StoredInvite => ({
  id: row.id,
  planId: row.planId,
  role: row.role,
  groupId: row.groupId,
  tokenHash: row.tokenHash,
  sealedToken: bytesOf(row.sealedToken),
  createdAt: new Date(row.createdAt),
  expiresAt: dateOrNull(row.expiresAt),
  revokedAt: dateOrNull(row.revokedAt),
  createdBy: row.createdBy,
  personName: row.personName,
});

const participantOf = (row: ParticipantRow): StoredParticipant => ({
  ...row,
  createdAt: new Date(row.createdAt),
  lastSeenAt: new Date(row.lastSeenAt),
  removedAt: dateOrNull(row.removedAt),
});

/** The AccessStore on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteAccessStore implements AccessStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  async createInvite(invite: NewInvite): Promise<StoredInvite> {
    return this.connection.write(() => {
      if (!this.statements.selectPlanExists.get(invite.planId)) throw planNotFound(invite.planId);
      if (this.statements.selectInviteTokenTaken.get(invite.tokenHash)) throw tokenExists();
      const now = Date.now();
      this.statements.insertInvite.run({
        id: invite.id,
        planId: invite.planId,
        role: invite.role,
        groupId: invite.groupId,
        tokenHash: invite.tokenHash,
        sealedToken: invite.sealedToken,
        createdAt: now,
        expiresAt: invite.expiresAt?.getTime() ?? null,
        createdBy: invite.createdBy,
        personName: invite.personName ?? null,
      });
      return this.invite(invite.planId, invite.id);
    });
  }

  async listInvites(planId: string): Promise<InviteWithUsage[]> {
    return this.connection.run(() =>
      this.statements.selectInvites.all(planId).map(({ participantCount, ...row }) => ({
        ...inviteOf(row),
        participantCount,
      })),
    );
  }

  async listOpenSharedInvites(roles: readonly Role[], now: Date): Promise<StoredInvite[]> {
    return this.connection.run(() =>
      this.statements.selectOpenSharedInvites
        .all({ roles: JSON.stringify(roles), now: now.getTime() })
        .map(inviteOf),
    );
  }

  async getInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    return this.connection.run(() => {
      const row = this.statements.selectInvite.get(planId, inviteId);
      return row ? inviteOf(row) : null;
    });
  }

  async revokeInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    return this.connection.write(() => {
      this.statements.revokeInvite.run({ planId, inviteId, now: Date.now() });
      const row = this.statements.selectInvite.get(planId, inviteId);
      return row ? inviteOf(row) : null;
    });
  }

  async revokeInvitesOfGroup(planId: string, groupId: string): Promise<StoredInvite[]> {
    return this.connection.write(() => {
      const now = Date.now();
      return this.statements.selectUnrevokedInvitesOfGroup.all(planId, groupId).map((row) => {
        this.statements.revokeInvite.run({ planId, inviteId: row.id, now });
        return inviteOf({ ...row, revokedAt: now });
      });
    });
  }

  async createParticipant(participant: {
    id: string;
    planId: string;
    inviteId: string;
    name: string;
  }): Promise<StoredParticipant> {
    return this.connection.write(() => {
      const invite = this.statements.selectInvite.get(participant.planId, participant.inviteId);
      if (!invite) throw inviteNotFound(participant.planId, participant.inviteId);
      const stored = participantThrough(inviteOf(invite), participant, new Date());
      const { removedAt: _, ...row } = stored;
      this.statements.insertParticipant.run({ ...row, now: stored.createdAt.getTime() });
      return stored;
    });
  }

  async removeParticipant(
    planId: string,
    participantId: string,
  ): Promise<StoredParticipant | null> {
    return this.connection.write(() => {
      this.statements.markParticipantRemoved.run({ planId, participantId, now: Date.now() });
      const row = this.statements.selectParticipant.get(planId, participantId);
      return row ? participantOf(row) : null;
    });
  }

  async getParticipant(planId: string, participantId: string): Promise<StoredParticipant | null> {
    return this.connection.run(() => {
      const row = this.statements.selectParticipant.get(planId, participantId);
      return row ? participantOf(row) : null;
    });
  }

  async listParticipants(
    planId: string,
    filter: { inviteId?: string } = {},
  ): Promise<StoredParticipant[]> {
    return this.connection.run(() => {
      const rows =
        filter.inviteId === undefined
          ? this.statements.selectParticipants.all(planId)
          : this.statements.selectParticipantsOfInvite.all(planId, filter.inviteId);
      return rows.map(participantOf);
    });
  }

  async createSession(session: {
    tokenHash: string;
    planId: string;
    participantId: string;
  }): Promise<void> {
    return this.connection.write(() => {
      if (!this.statements.selectParticipant.get(session.planId, session.participantId)) {
        throw participantNotFound(session.planId, session.participantId);
      }
      if (this.statements.selectSessionTokenTaken.get(session.tokenHash)) throw tokenExists();
      this.statements.insertSession.run({ ...session, now: Date.now() });
    });
  }

  async findCredential(tokenHash: string): Promise<Credential | null> {
    // A write transaction, since finding a session also marks its participant seen.
    return this.connection.write((): Credential | null => {
      const participant = this.statements.selectSessionParticipant.get(tokenHash);
      if (participant) {
        const now = Date.now();
        this.statements.touchParticipant.run({ participantId: participant.id, now });
        return {
          kind: 'session',
          invite: this.invite(participant.planId, participant.inviteId),
          participant: participantOf({ ...participant, lastSeenAt: now }),
        };
      }
      const invite = this.statements.selectInviteByToken.get(tokenHash);
      return invite ? { kind: 'invite', invite: inviteOf(invite) } : null;
    });
  }

  /** An invite that the schema guarantees exists (a row just written, or a foreign key). */
  private invite(planId: string, inviteId: string): StoredInvite {
    const row = this.statements.selectInvite.get(planId, inviteId);
    if (!row) throw inviteNotFound(planId, inviteId);
    return inviteOf(row);
  }
}
