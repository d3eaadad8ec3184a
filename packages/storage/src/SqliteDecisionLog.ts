/** The DecisionLog on SQLite: the `decisions` table beside the plans it belongs to. */
import type { DecisionLog, NewDecision, StoredDecision } from './DecisionLog.ts';
import type { SqliteConnection, SqliteRow } from './SqliteConnection.ts';
import { decisionExists, planNotFound } from './storeErrors.ts';

type DecisionRow = SqliteRow<StoredDecision>;

const DECISION_COLUMNS = `id, plan_id AS planId, section_id AS sectionId,
  suggestion_id AS suggestionId, action, kind, inserted_text AS insertedText,
  deleted_text AS deletedText, author_id AS authorId, author_name AS authorName,
  group_id AS groupId, suggested_at AS suggestedAt, decided_by AS decidedBy,
  decided_by_name AS decidedByName, decided_at AS decidedAt`;

// rowid breaks ties within one call (one decided_at), so the last appended comes first.
const NEWEST_FIRST = 'ORDER BY decided_at DESC, rowid DESC';

function prepareStatements(db: SqliteConnection['db']) {
  return {
    selectPlanExists: db.prepare<[string], number>('SELECT 1 FROM plans WHERE id = ?').pluck(),
    selectIdTaken: db.prepare<[string], number>('SELECT 1 FROM decisions WHERE id = ?').pluck(),
    insert: db.prepare<DecisionRow>(
      `INSERT INTO decisions (id, plan_id, section_id, suggestion_id, action, kind,
         inserted_text, deleted_text, author_id, author_name, group_id, suggested_at,
         decided_by, decided_by_name, decided_at)
       VALUES (@id, @planId, @sectionId, @suggestionId, @action, @kind, @insertedText,
         @deletedText, @authorId, @authorName, @groupId, @suggestedAt, @decidedBy,
         @decidedByName, @decidedAt)`,
    ),
    selectOfPlan: db.prepare<[string], DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM decisions WHERE plan_id = ? ${NEWEST_FIRST}`,
    ),
    selectOfSection: db.prepare<[string, string], DecisionRow>(
      `SELECT ${DECISION_COLUMNS} FROM decisions WHERE plan_id = ? AND section_id = ?
       ${NEWEST_FIRST}`,
    ),
    delete: db.prepare<[string, string]>('DELETE FROM decisions WHERE plan_id = ? AND id = ?'),
    updateSaw: db.prepare<{ planId: string; id: string; saw: string }>(
      'UPDATE decisions SET saw = @saw WHERE plan_id = @planId AND id = @id AND saw IS NULL',
    ),
    selectSaw: db.prepare<[string], { id: string; saw: string }>(
      'SELECT id, saw FROM decisions WHERE plan_id = ? AND saw IS NOT NULL',
    ),
  };
}

const decisionOf = (row: DecisionRow): StoredDecision => ({
  ...row,
  suggestedAt: row.suggestedAt === null ? null : new Date(row.suggestedAt),
  decidedAt: new Date(row.decidedAt),
});

/** The DecisionLog on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteDecisionLog implements DecisionLog {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  async appendDecisions(planId: string, decisions: NewDecision[]): Promise<StoredDecision[]> {
    // One transaction: a refused entry rolls back the ones before it.
    return this.connection.write(() => {
      if (!this.statements.selectPlanExists.get(planId)) throw planNotFound(planId);
      const decidedAt = Date.now();
      return decisions.map((decision) => {
        if (this.statements.selectIdTaken.get(decision.id)) throw decisionExists(decision.id);
        const row: DecisionRow = {
          ...decision,
          planId,
          suggestedAt: decision.suggestedAt?.getTime() ?? null,
          decidedAt,
        };
        this.statements.insert.run(row);
        return decisionOf(row);
      });
    });
  }

  async listDecisions(
    planId: string,
    filter: { sectionId?: string } = {},
  ): Promise<StoredDecision[]> {
    return this.connection.run(() => {
      const rows =
        filter.sectionId === undefined
          ? this.statements.selectOfPlan.all(planId)
          : this.statements.selectOfSection.all(planId, filter.sectionId);
      return rows.map(decisionOf);
    });
  }

  async withdrawDecisions(planId: string, ids: string[]): Promise<void> {
    return this.connection.write(() => {
      for (const id of ids) this.statements.delete.run(planId, id);
    });
  }

  async recordWhatDecisionsSaw(planId: string, saw: ReadonlyMap<string, string>): Promise<void> {
    return this.connection.write(() => {
      for (const [id, record] of saw) this.statements.updateSaw.run({ planId, id, saw: record });
    });
  }

  async whatDecisionsSaw(planId: string): Promise<Map<string, string>> {
    return this.connection.run(
      () => new Map(this.statements.selectSaw.all(planId).map((row) => [row.id, row.saw])),
    );
  }
}
