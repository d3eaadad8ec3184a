/** The RoundStore on PostgreSQL: `rounds` and their `round_votes`. */
import type { PostgresConnection, Sql } from './PostgresConnection.ts';
import { duplicateKeyOf } from './postgresErrors.ts';
import type { NewRound, RoundStore, StoredRound, StoredVote } from './RoundStore.ts';
import { planNotFound, roundClosed, roundExists, roundNotFound } from './storeErrors.ts';

type RoundRow = Omit<StoredRound, 'status'>;

const ROUND_COLUMNS = `id, plan_id AS "planId", section_id AS "sectionId", items,
  opened_by AS "openedBy", opened_by_name AS "openedByName", opened_at AS "openedAt",
  closed_at AS "closedAt", eligible`;

const roundOf = (row: RoundRow): StoredRound => ({
  ...row,
  status: row.closedAt === null ? 'open' : 'closed',
});

async function readRound(
  sql: Sql,
  planId: string,
  roundId: string,
  lock = '',
): Promise<StoredRound | null> {
  const [row] = await sql<RoundRow>(
    `SELECT ${ROUND_COLUMNS} FROM rounds WHERE plan_id = $1 AND id = $2 ${lock}`,
    [planId, roundId],
  );
  return row ? roundOf(row) : null;
}

/** The RoundStore on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresRoundStore implements RoundStore {
  constructor(private readonly connection: PostgresConnection) {}

  async openRound(planId: string, round: NewRound): Promise<StoredRound> {
    try {
      return await this.connection.transaction(async (sql) => {
        const plan = await sql('SELECT 1 FROM plans WHERE id = $1 FOR KEY SHARE', [planId]);
        if (plan.length === 0) throw planNotFound(planId);
        const taken = await sql('SELECT 1 FROM rounds WHERE id = $1', [round.id]);
        if (taken.length > 0) throw roundExists(round.id);
        await sql(
          `INSERT INTO rounds (id, plan_id, section_id, items, opened_by, opened_by_name,
             opened_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            round.id,
            planId,
            round.sectionId,
            JSON.stringify(round.items.map(({ id, text }) => ({ id, text }))),
            round.openedBy,
            round.openedByName,
            new Date(),
          ],
        );
        return (await readRound(sql, planId, round.id)) as StoredRound;
      });
    } catch (error) {
      if (duplicateKeyOf(error, 'rounds_pkey') !== null) throw roundExists(round.id);
      throw error;
    }
  }

  async getRound(planId: string, roundId: string): Promise<StoredRound | null> {
    return this.connection.transaction((sql) => readRound(sql, planId, roundId), 'read');
  }

  async listRounds(planId: string): Promise<StoredRound[]> {
    const rows = await this.connection.query<RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM rounds WHERE plan_id = $1 ORDER BY opened_at, position`,
      [planId],
    );
    return rows.map(roundOf);
  }

  async closeRound(planId: string, roundId: string, eligible: number): Promise<StoredRound | null> {
    return this.connection.transaction(async (sql) => {
      await sql(
        `UPDATE rounds SET closed_at = $3, eligible = $4
         WHERE plan_id = $1 AND id = $2 AND closed_at IS NULL`,
        [planId, roundId, new Date(), eligible],
      );
      return readRound(sql, planId, roundId);
    });
  }

  async putVote(planId: string, vote: Omit<StoredVote, 'at'>): Promise<StoredVote> {
    return this.connection.transaction(async (sql) => {
      // FOR SHARE waits for a close in progress, and holds one off until this vote commits.
      const round = await readRound(sql, planId, vote.roundId, 'FOR SHARE');
      if (!round?.items.some((item) => item.id === vote.itemId)) {
        throw roundNotFound(planId, vote.roundId, vote.itemId);
      }
      if (round.status === 'closed') throw roundClosed(vote.roundId);
      const at = new Date();
      await sql(
        `INSERT INTO round_votes (plan_id, round_id, item_id, participant_id, choice, reason, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (round_id, item_id, participant_id)
         DO UPDATE SET choice = excluded.choice, reason = excluded.reason, at = excluded.at`,
        [planId, vote.roundId, vote.itemId, vote.participantId, vote.choice, vote.reason, at],
      );
      return { ...vote, at };
    });
  }

  async listVotes(planId: string, roundId: string): Promise<StoredVote[]> {
    return this.connection.query<StoredVote>(
      `SELECT round_id AS "roundId", item_id AS "itemId", participant_id AS "participantId",
         choice, reason, at
       FROM round_votes WHERE plan_id = $1 AND round_id = $2 ORDER BY at, position`,
      [planId, roundId],
    );
  }
}
