/** The DecisionLog on PostgreSQL: the `decisions` table beside the plans it belongs to. */
import type { DecisionLog, NewDecision, StoredDecision } from './DecisionLog.ts';
import type { PostgresConnection } from './PostgresConnection.ts';
import { duplicateKeyOf } from './postgresErrors.ts';
import { decisionExists, planNotFound } from './storeErrors.ts';

const DECISION_COLUMNS = `id, plan_id AS "planId", section_id AS "sectionId",
  suggestion_id AS "suggestionId", action, kind, inserted_text AS "insertedText",
  deleted_text AS "deletedText", author_id AS "authorId", author_name AS "authorName",
  group_id AS "groupId", suggested_at AS "suggestedAt", decided_by AS "decidedBy",
  decided_by_name AS "decidedByName", decided_at AS "decidedAt"`;

// position breaks ties within one call (one decided_at), so the last appended comes first.
const NEWEST_FIRST = 'ORDER BY decided_at DESC, position DESC';

/** The DecisionLog on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresDecisionLog implements DecisionLog {
  constructor(private readonly connection: PostgresConnection) {}

  async appendDecisions(planId: string, decisions: NewDecision[]): Promise<StoredDecision[]> {
    const ids = decisions.map((decision) => decision.id);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    try {
      // One transaction: a refused entry rolls back the ones before it.
      return await this.connection.transaction(async (sql) => {
        const plan = await sql('SELECT 1 FROM plans WHERE id = $1 FOR KEY SHARE', [planId]);
        if (plan.length === 0) throw planNotFound(planId);
        const [taken] = await sql<{ id: string }>(
          'SELECT id FROM decisions WHERE id = ANY($1) ORDER BY array_position($1, id) LIMIT 1',
          [ids],
        );
        if (taken) throw decisionExists(taken.id);
        if (repeated !== undefined) throw decisionExists(repeated);
        const decidedAt = new Date();
        const stored: StoredDecision[] = [];
        for (const decision of decisions) {
          const row: StoredDecision = { ...decision, planId, decidedAt: new Date(decidedAt) };
          await sql(
            `INSERT INTO decisions (id, plan_id, section_id, suggestion_id, action, kind,
               inserted_text, deleted_text, author_id, author_name, group_id, suggested_at,
               decided_by, decided_by_name, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
            [
              row.id,
              row.planId,
              row.sectionId,
              row.suggestionId,
              row.action,
              row.kind,
              row.insertedText,
              row.deletedText,
              row.authorId,
              row.authorName,
              row.groupId,
              row.suggestedAt,
              row.decidedBy,
              row.decidedByName,
              row.decidedAt,
            ],
          );
          stored.push({ ...row, suggestedAt: row.suggestedAt && new Date(row.suggestedAt) });
        }
        return stored;
      });
    } catch (error) {
      // Another process logged one of these ids between the check and the insert.
      const taken = duplicateKeyOf(error, 'decisions_pkey');
      if (taken !== null) throw decisionExists(taken);
      throw error;
    }
  }

  async listDecisions(
    planId: string,
    filter: { sectionId?: string } = {},
  ): Promise<StoredDecision[]> {
    return filter.sectionId === undefined
      ? this.connection.query<StoredDecision>(
          `SELECT ${DECISION_COLUMNS} FROM decisions WHERE plan_id = $1 ${NEWEST_FIRST}`,
          [planId],
        )
      : this.connection.query<StoredDecision>(
          `SELECT ${DECISION_COLUMNS} FROM decisions WHERE plan_id = $1 AND section_id = $2
           ${NEWEST_FIRST}`,
          [planId, filter.sectionId],
        );
  }

  async withdrawDecisions(planId: string, ids: string[]): Promise<void> {
    await this.connection.query('DELETE FROM decisions WHERE plan_id = $1 AND id = ANY($2)', [
      planId,
      ids,
    ]);
  }

  async recordWhatDecisionsSaw(planId: string, saw: ReadonlyMap<string, string>): Promise<void> {
    if (saw.size === 0) return;
    await this.connection.query(
      `UPDATE decisions SET saw = given.saw
       FROM unnest($2::text[], $3::text[]) AS given (id, saw)
       WHERE decisions.plan_id = $1 AND decisions.id = given.id AND decisions.saw IS NULL`,
      [planId, [...saw.keys()], [...saw.values()]],
    );
  }

  async whatDecisionsSaw(planId: string): Promise<Map<string, string>> {
    const rows = await this.connection.query<{ id: string; saw: string }>(
      'SELECT id, saw FROM decisions WHERE plan_id = $1 AND saw IS NOT NULL',
      [planId],
    );
    return new Map(rows.map((row) => [row.id, row.saw]));
  }
}
