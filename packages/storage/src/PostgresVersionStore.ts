/** The VersionStore on PostgreSQL: the `plan_versions` table beside the plans it belongs to. */
import { bytesOf } from './bytes.ts';
import type { PostgresConnection } from './PostgresConnection.ts';
import { isUniqueViolation } from './postgresErrors.ts';
import { planNotFound, versionExists } from './storeErrors.ts';
import type { NewVersion, StoredVersion, VersionStore } from './VersionStore.ts';

const VERSION_COLUMNS = `id, plan_id AS "planId", name, reason, created_at AS "createdAt",
  created_by AS "createdBy", created_by_name AS "createdByName"`;

/** The VersionStore on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresVersionStore implements VersionStore {
  constructor(private readonly connection: PostgresConnection) {}

  async createVersion(version: NewVersion): Promise<StoredVersion> {
    const state = version.state.slice();
    try {
      return await this.connection.transaction(async (sql) => {
        const plan = await sql('SELECT 1 FROM plans WHERE id = $1 FOR KEY SHARE', [version.planId]);
        if (plan.length === 0) throw planNotFound(version.planId);
        const taken = await sql('SELECT 1 FROM plan_versions WHERE id = $1', [version.id]);
        if (taken.length > 0) throw versionExists(version.id);
        const [row] = await sql<StoredVersion>(
          `INSERT INTO plan_versions (id, plan_id, name, reason, state, created_at, created_by,
             created_by_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           RETURNING ${VERSION_COLUMNS}`,
          [
            version.id,
            version.planId,
            version.name,
            version.reason,
            state,
            version.createdAt ?? new Date(),
            version.createdBy,
            version.createdByName,
          ],
        );
        if (!row) throw versionExists(version.id);
        return row;
      });
    } catch (error) {
      // Another process saved a version with this id between the check and the insert.
      if (isUniqueViolation(error, 'plan_versions_pkey')) throw versionExists(version.id);
      throw error;
    }
  }

  async listVersions(planId: string): Promise<StoredVersion[]> {
    // position breaks ties within one moment, so the last saved comes first.
    return this.connection.query<StoredVersion>(
      `SELECT ${VERSION_COLUMNS} FROM plan_versions WHERE plan_id = $1
       ORDER BY created_at DESC, position DESC`,
      [planId],
    );
  }

  async versionState(planId: string, versionId: string): Promise<Uint8Array | null> {
    const [row] = await this.connection.query<{ state: Uint8Array }>(
      'SELECT state FROM plan_versions WHERE plan_id = $1 AND id = $2',
      [planId, versionId],
    );
    return row ? bytesOf(row.state) : null;
  }
}
