/**
 * The AccessStore on PostgreSQL: invites, participants and sessions in the same database
 * as the plans they belong to.
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
import type { PostgresConnection, Sql } from './PostgresConnection.ts';
import { participantThrough } from './participantThrough.ts';
import { isUniqueViolation } from './postgresErrors.ts';
import { inviteNotFound, participantNotFound, planNotFound, tokenExists } from './storeErrors.ts';

const INVITE_COLUMNS = `id, plan_id AS "planId", role, group_id AS "groupId",
  token_hash AS "tokenHash", sealed_token AS "sealedToken", created_at AS "createdAt",
  expires_at AS "expiresAt", revoked_at AS "revokedAt", created_by AS "createdBy",
  person_name AS "personName"`;

const PARTICIPANT_COLUMNS = `p.id, p.plan_id AS "planId", p.invite_id AS "inviteId", p.name,
  p.role, p.group_id AS "groupId", p.created_at AS "createdAt", p.last_seen_at AS "lastSeenAt",
  p.removed_at AS "removedAt"`;

// position breaks ties in the same ms, so that "oldest first" is insertion order, as in memory.
const OLDEST_FIRST = 'ORDER BY created_at, position';

const inviteOf = (row: StoredInvite): StoredInvite => ({
  ...row,
  sealedToken: bytesOf(row.sealedToken),
});

/** The AccessStore on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresAccessStore implements AccessStore {
  constructor(private readonly connection: PostgresConnection) {}

  async createInvite(invite: NewInvite): Promise<StoredInvite> {
    const sealedToken = invite.sealedToken.slice();
    try {
      return await this.connection.transaction(async (sql) => {
        const plan = await sql('SELECT 1 FROM plans WHERE id = $1 FOR KEY SHARE', [invite.planId]);
        if (plan.length === 0) throw planNotFound(invite.planId);
        const taken = await sql('SELECT 1 FROM invites WHERE token_hash = $1', [invite.tokenHash]);
        if (taken.length > 0) throw tokenExists();
        const [row] = await sql<StoredInvite>(
          `INSERT INTO invites (id, plan_id, role, group_id, token_hash, sealed_token,
             created_at, expires_at, created_by, person_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           RETURNING ${INVITE_COLUMNS}`,
          [
            invite.id,
            invite.planId,
            invite.role,
            invite.groupId,
            invite.tokenHash,
            sealedToken,
            new Date(),
            invite.expiresAt,
            invite.createdBy,
            invite.personName ?? null,
          ],
        );
        if (!row) throw inviteNotFound(invite.planId, invite.id);
        return inviteOf(row);
      });
    } catch (error) {
      // Another process took the hash between the check and the insert.
      if (isUniqueViolation(error, 'invites_token_hash_key')) throw tokenExists();
      throw error;
    }
  }

  async listInvites(planId: string): Promise<InviteWithUsage[]> {
    const rows = await this.connection.query<StoredInvite & { participantCount: number }>(
      `SELECT ${INVITE_COLUMNS},
         (SELECT COUNT(*)::integer FROM participants AS p
          WHERE p.plan_id = invites.plan_id AND p.invite_id = invites.id) AS "participantCount"
       FROM invites WHERE plan_id = $1 ${OLDEST_FIRST}`,
      [planId],
    );
    return rows.map((row) => ({ ...inviteOf(row), participantCount: row.participantCount }));
  }

  async listOpenSharedInvites(roles: readonly Role[], now: Date): Promise<StoredInvite[]> {
    // The terms on revoked_at and person_name match the partial index invites_open_shared.
    const rows = await this.connection.query<StoredInvite>(
      `SELECT ${INVITE_COLUMNS} FROM invites
       WHERE revoked_at IS NULL AND person_name IS NULL AND role = ANY($1::text[])
         AND (expires_at IS NULL OR expires_at > $2) ${OLDEST_FIRST}`,
      [[...roles], now],
    );
    return rows.map(inviteOf);
  }

  async getInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    const [row] = await this.connection.query<StoredInvite>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE plan_id = $1 AND id = $2`,
      [planId, inviteId],
    );
    return row ? inviteOf(row) : null;
  }

  async revokeInvite(planId: string, inviteId: string): Promise<StoredInvite | null> {
    // Only an unrevoked invite is touched, so the first revocation time is the one kept.
    const [row] = await this.connection.query<StoredInvite>(
      `UPDATE invites SET revoked_at = COALESCE(revoked_at, $3)
       WHERE plan_id = $1 AND id = $2 RETURNING ${INVITE_COLUMNS}`,
      [planId, inviteId, new Date()],
    );
    return row ? inviteOf(row) : null;
  }

  async revokeInvitesOfGroup(planId: string, groupId: string): Promise<StoredInvite[]> {
    const rows = await this.connection.query<StoredInvite>(
      `WITH revoked AS (
         UPDATE invites SET revoked_at = $3
         WHERE plan_id = $1 AND group_id = $2 AND revoked_at IS NULL
         RETURNING *
       )
       SELECT ${INVITE_COLUMNS} FROM revoked ${OLDEST_FIRST}`,
      [planId, groupId, new Date()],
    );
    return rows.map(inviteOf);
  }

  async createParticipant(participant: {
    id: string;
    planId: string;
    inviteId: string;
    name: string;
  }): Promise<StoredParticipant> {
    return this.connection.transaction(async (sql) => {
      const invite = await this.lockedInvite(sql, participant.planId, participant.inviteId);
      if (!invite) throw inviteNotFound(participant.planId, participant.inviteId);
      const stored = participantThrough(invite, participant, new Date());
      await sql(
        `INSERT INTO participants (id, plan_id, invite_id, name, role, group_id, created_at,
           last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
        [
          stored.id,
          stored.planId,
          stored.inviteId,
          stored.name,
          stored.role,
          stored.groupId,
          stored.createdAt,
        ],
      );
      return stored;
    });
  }

  async removeParticipant(
    planId: string,
    participantId: string,
  ): Promise<StoredParticipant | null> {
    // The first removal time is the one kept.
    const [row] = await this.connection.query<StoredParticipant>(
      `UPDATE participants AS p SET removed_at = COALESCE(removed_at, $3)
       WHERE p.plan_id = $1 AND p.id = $2 RETURNING ${PARTICIPANT_COLUMNS}`,
      [planId, participantId, new Date()],
    );
    return row ?? null;
  }

  async getParticipant(planId: string, participantId: string): Promise<StoredParticipant | null> {
    const [row] = await this.connection.query<StoredParticipant>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p WHERE p.plan_id = $1 AND p.id = $2`,
      [planId, participantId],
    );
    return row ?? null;
  }

  async listParticipants(
    planId: string,
    filter: { inviteId?: string } = {},
  ): Promise<StoredParticipant[]> {
    return filter.inviteId === undefined
      ? this.connection.query<StoredParticipant>(
          `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p WHERE p.plan_id = $1 ${OLDEST_FIRST}`,
          [planId],
        )
      : this.connection.query<StoredParticipant>(
          `SELECT ${PARTICIPANT_COLUMNS} FROM participants AS p
           WHERE p.plan_id = $1 AND p.invite_id = $2 ${OLDEST_FIRST}`,
          [planId, filter.inviteId],
        );
  }

  async createSession(session: {
    tokenHash: string;
    planId: string;
    participantId: string;
  }): Promise<void> {
    try {
      await this.connection.transaction(async (sql) => {
        const participant = await sql(
          'SELECT 1 FROM participants WHERE plan_id = $1 AND id = $2 FOR KEY SHARE',
          [session.planId, session.participantId],
        );
        if (participant.length === 0) {
          throw participantNotFound(session.planId, session.participantId);
        }
        const taken = await sql('SELECT 1 FROM sessions WHERE token_hash = $1', [
          session.tokenHash,
        ]);
        if (taken.length > 0) throw tokenExists();
        await sql(
          `INSERT INTO sessions (token_hash, plan_id, participant_id, created_at)
           VALUES ($1, $2, $3, $4)`,
          [session.tokenHash, session.planId, session.participantId, new Date()],
        );
      });
    } catch (error) {
      if (isUniqueViolation(error, 'sessions_pkey')) throw tokenExists();
      throw error;
    }
  }

  async findCredential(tokenHash: string): Promise<Credential | null> {
    return this.connection.transaction(async (sql): Promise<Credential | null> => {
      // Finding a session marks its participant seen, in the same statement.
      const [participant] = await sql<StoredParticipant>(
        `UPDATE participants AS p SET last_seen_at = $2
         FROM sessions AS s
         WHERE s.token_hash = $1 AND p.plan_id = s.plan_id AND p.id = s.participant_id
         RETURNING ${PARTICIPANT_COLUMNS}`,
        [tokenHash, new Date()],
      );
      if (participant) {
        const invite = await this.lockedInvite(sql, participant.planId, participant.inviteId);
        if (!invite) throw inviteNotFound(participant.planId, participant.inviteId);
        return { kind: 'session', invite, participant };
      }
      const [invite] = await sql<StoredInvite>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = $1`,
        [tokenHash],
      );
      return invite ? { kind: 'invite', invite: inviteOf(invite) } : null;
    });
  }

  /** The invite, kept from being deleted until the transaction ends; null when there is none. */
  private async lockedInvite(
    sql: Sql,
    planId: string,
    inviteId: string,
  ): Promise<StoredInvite | null> {
    const [row] = await sql<StoredInvite>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE plan_id = $1 AND id = $2 FOR KEY SHARE`,
      [planId, inviteId],
    );
    return row ? inviteOf(row) : null;
  }
}
