/** The VersionStore on SQLite: the `plan_versions` table beside the plans it belongs to. */
import { bytesOf } from './bytes.ts';
import type { SqliteConnection, SqliteRow } from './SqliteConnection.ts';
import { planNotFound, versionExists } from './storeErrors.ts';
import type { NewVersion, StoredVersion, VersionStore } from './VersionStore.ts';

type VersionRow = SqliteRow<StoredVersion>;

const VERSION_COLUMNS = `id, plan_id AS planId, name, reason, created_at AS createdAt,
  created_by AS createdBy, created_by_name AS createdByName`;

function prepareStatements(db: SqliteConnection['db']) {
  return {
    selectPlanExists: db.prepare<[string], number>('SELECT 1 FROM plans WHERE id = ?').pluck(),
    selectIdTaken: db.prepare<[string], number>('SELECT 1 FROM plan_versions WHERE id = ?').pluck(),
    insert: db.prepare<VersionRow & { state: Uint8Array }>(
      `INSERT INTO plan_versions (id, plan_id, name, reason, state, created_at, created_by,
         created_by_name)
       VALUES (@id, @planId, @name, @reason, @state, @createdAt, @createdBy, @createdByName)`,
    ),
    // rowid breaks ties within one moment, so the last saved comes first.
    selectOfPlan: db.prepare<[string], VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE plan_id = ?
       ORDER BY created_at DESC, rowid DESC`,
    ),
    selectState: db
      .prepare<[string, string], Buffer>(
        'SELECT state FROM plan_versions WHERE plan_id = ? AND id = ?',
      )
      .pluck(),
  };
}

const versionOf = (row: VersionRow): StoredVersion => ({
  ...row,
  createdAt: new Date(row.createdAt),
});

/** The VersionStore on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteVersionStore implements VersionStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  async createVersion(version: NewVersion): Promise<StoredVersion> {
    return this.connection.write(() => {
      if (!this.statements.selectPlanExists.get(version.planId)) {
        throw planNotFound(version.planId);
      }
      if (this.statements.selectIdTaken.get(version.id)) throw versionExists(version.id);
      const row: VersionRow = {
        id: version.id,
        planId: version.planId,
        name: version.name,
        reason: version.reason,
        createdAt: (version.createdAt ?? new Date()).getTime(),
        createdBy: version.createdBy,
        createdByName: version.createdByName,
      };
      this.statements.insert.run({ ...row, state: version.state });
      return versionOf(row);
    });
  }

  async listVersions(planId: string): Promise<StoredVersion[]> {
    return this.connection.run(() => this.statements.selectOfPlan.all(planId).map(versionOf));
  }

  async versionState(planId: string, versionId: string): Promise<Uint8Array | null> {
    return this.connection.run(() => {
      const state = this.statements.selectState.get(planId, versionId);
      return state === undefined ? null : bytesOf(state);
    });
  }
}
