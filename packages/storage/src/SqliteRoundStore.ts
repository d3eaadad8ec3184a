/** The RoundStore on SQLite: `rounds` and their `round_votes`. */
import type { NewRound, RoundStore, StoredRound, StoredVote } from './RoundStore.ts';
import type { SqliteConnection, SqliteRow } from './SqliteConnection.ts';
import { planNotFound, roundClosed, roundExists, roundNotFound } from './storeErrors.ts';

type RoundRow = Omit<SqliteRow<StoredRound>, 'items' | 'status'> & { items: string };
type VoteRow = SqliteRow<StoredVote>;

const ROUND_COLUMNS = `id, plan_id AS planId, section_id AS sectionId, items,
  opened_by AS openedBy, opened_by_name AS openedByName, opened_at AS openedAt,
  closed_at AS closedAt, eligible`;

function prepareStatements(db: SqliteConnection['db']) {
  return {
    selectPlanExists: db.prepare<[string], number>('SELECT 1 FROM plans WHERE id = ?').pluck(),
    selectIdTaken: db.prepare<[string], number>('SELECT 1 FROM rounds WHERE id = ?').pluck(),
    insert: db.prepare<RoundRow>(
      `INSERT INTO rounds (id, plan_id, section_id, items, opened_by, opened_by_name,
         opened_at, closed_at)
       VALUES (@id, @planId, @sectionId, @items, @openedBy, @openedByName, @openedAt, NULL)`,
    ),
    selectRound: db.prepare<[string, string], RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM rounds WHERE plan_id = ? AND id = ?`,
    ),
    selectRounds: db.prepare<[string], RoundRow>(
      `SELECT ${ROUND_COLUMNS} FROM rounds WHERE plan_id = ? ORDER BY opened_at, rowid`,
    ),
    close: db.prepare<[number, number, string, string]>(
      `UPDATE rounds SET closed_at = ?, eligible = ?
       WHERE plan_id = ? AND id = ? AND closed_at IS NULL`,
    ),
    upsertVote: db.prepare<VoteRow & { planId: string }>(
      `INSERT INTO round_votes (plan_id, round_id, item_id, participant_id, choice, reason, at)
       VALUES (@planId, @roundId, @itemId, @participantId, @choice, @reason, @at)
       ON CONFLICT (round_id, item_id, participant_id)
       DO UPDATE SET choice = excluded.choice, reason = excluded.reason, at = excluded.at`,
    ),
    selectVotes: db.prepare<[string, string], VoteRow>(
      `SELECT round_id AS roundId, item_id AS itemId, participant_id AS participantId, choice,
         reason, at
       FROM round_votes WHERE plan_id = ? AND round_id = ? ORDER BY at, rowid`,
    ),
  };
}

const roundOf = (row: RoundRow): StoredRound => ({
  ...row,
  items: JSON.parse(row.items) as StoredRound['items'],
  status: row.closedAt === null ? 'open' : 'closed',
  openedAt: new Date(row.openedAt),
  closedAt: row.closedAt === null ? null : new Date(row.closedAt),
});

/** The RoundStore on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteRoundStore implements RoundStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  private readRound(planId: string, roundId: string): StoredRound | null {
    const row = this.statements.selectRound.get(planId, roundId);
    return row ? roundOf(row) : null;
  }

  async openRound(planId: string, round: NewRound): Promise<StoredRound> {
    return this.connection.write(() => {
      if (!this.statements.selectPlanExists.get(planId)) throw planNotFound(planId);
      if (this.statements.selectIdTaken.get(round.id)) throw roundExists(round.id);
      this.statements.insert.run({
        ...round,
        planId,
        items: JSON.stringify(round.items.map(({ id, text }) => ({ id, text }))),
        openedAt: Date.now(),
        closedAt: null,
        eligible: null,
      });
      return this.readRound(planId, round.id) as StoredRound;
    });
  }

  async getRound(planId: string, roundId: string): Promise<StoredRound | null> {
    return this.connection.run(() => this.readRound(planId, roundId));
  }

  async listRounds(planId: string): Promise<StoredRound[]> {
    return this.connection.run(() => this.statements.selectRounds.all(planId).map(roundOf));
  }

  async closeRound(planId: string, roundId: string, eligible: number): Promise<StoredRound | null> {
    return this.connection.write(() => {
      this.statements.close.run(Date.now(), eligible, planId, roundId);
      return this.readRound(planId, roundId);
    });
  }

  async putVote(planId: string, vote: Omit<StoredVote, 'at'>): Promise<StoredVote> {
    // One write transaction: the round's state is read under the lock that a close takes.
    return this.connection.write(() => {
      const round = this.readRound(planId, vote.roundId);
      if (!round?.items.some((item) => item.id === vote.itemId)) {
        throw roundNotFound(planId, vote.roundId, vote.itemId);
      }
      if (round.status === 'closed') throw roundClosed(vote.roundId);
      const at = Date.now();
      this.statements.upsertVote.run({ ...vote, planId, at });
      return { ...vote, at: new Date(at) };
    });
  }

  async listVotes(planId: string, roundId: string): Promise<StoredVote[]> {
    return this.connection.run(() =>
      this.statements.selectVotes.all(planId, roundId).map((row) => ({
        ...row,
        at: new Date(row.at),
      })),
    );
  }
}
