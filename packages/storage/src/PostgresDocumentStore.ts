/**
 * The DocumentStore on PostgreSQL: plans and their Yjs logs when several Plenary processes
 * share one database. Each plan's `plan_snapshots` row is its lock: appends, claims and
 * compaction take it first, so processes writing to one plan take turns and number the
 * log without gaps or repeats.
 */

import { bytesOf } from './bytes.ts';
import { ownerOf } from './clientOwner.ts';
import { type LogPosition, shouldCompact } from './compactionRange.ts';
import type {
  AppendResult,
  ClientAttribution,
  ClientOwner,
  DocumentStore,
  LoadedDocument,
  ParticipantDeletions,
  StoredPlan,
  UpdateOrigin,
} from './DocumentStore.ts';
import {
  type AttributedUpdate,
  deletionList,
  foldDeletions,
  foldDeletionsInSteps,
} from './deletions.ts';
import { GroupCommit, type WriteOutcome } from './GroupCommit.ts';
import type { PostgresConnection, Sql } from './PostgresConnection.ts';
import { RefusedSenders } from './RefusedSenders.ts';
import { StoreError } from './StoreError.ts';
import { clientOwnedElsewhere, planExists, planNotFound, storageClosed } from './storeErrors.ts';

const PLAN_COLUMNS = 'id, title, created_at AS "createdAt", updated_at AS "updatedAt"';

interface AttributedUpdateRow {
  participantId: string | null;
  update: Uint8Array;
}

const attributedUpdateOf = (row: AttributedUpdateRow): AttributedUpdate => ({
  participantId: row.participantId,
  update: bytesOf(row.update),
});

/** Takes the plan's log lock; resolves with its position, or null when there is no such plan. */
async function lockLog(sql: Sql, planId: string): Promise<LogPosition | null> {
  const [row] = await sql<LogPosition>(
    `SELECT through_seq AS "throughSeq", last_seq AS "lastSeq" FROM plan_snapshots
     WHERE plan_id = $1 FOR UPDATE`,
    [planId],
  );
  return row ?? null;
}

/** Records the origin's client ids that the plan does not know yet; first claim wins. */
async function insertClients(
  sql: Sql,
  planId: string,
  origin: UpdateOrigin,
  now: Date,
): Promise<void> {
  if (origin.clientIds.length === 0) return;
  await sql(
    `INSERT INTO plan_clients (plan_id, client_id, participant_id, owner, first_seen_at)
     SELECT $1, c.id, $3, $4, $5 FROM unnest($2::bigint[]) WITH ORDINALITY AS c (id, n)
     ORDER BY c.n
     ON CONFLICT (plan_id, client_id) DO NOTHING`,
    [planId, origin.clientIds, origin.participantId, ownerOf(origin), now],
  );
}

/** One append waiting for its group to be committed. */
interface PendingAppend {
  planId: string;
  update: Uint8Array;
  origin: UpdateOrigin;
}

/**
 * Appends one update in one statement, under the plan's row lock taken before (see
 * `commitAppends`): the lock orders appends and claims from every process, and this
 * statement's snapshot, taken once the lock is held, sees every claim committed before.
 * The update, its client ids and the plan's time are written together, unless one of
 * its client ids belongs to someone else: then nothing is (no seq is taken either).
 * No row back means no such plan.
 */
async function appendOne(
  sql: Sql,
  { planId, update, origin }: PendingAppend,
  now: Date,
): Promise<WriteOutcome<AppendResult>> {
  const [log] = await sql<{
    throughSeq: number | null;
    lastSeq: number | null;
    taken: number[] | null;
  }>(
    `WITH taken AS (
       SELECT client_id FROM plan_clients
       WHERE plan_id = $1 AND client_id = ANY($4::bigint[]) AND owner IS DISTINCT FROM $5
     ), log AS (
       UPDATE plan_snapshots SET last_seq = last_seq + 1
       WHERE plan_id = $1 AND NOT EXISTS (SELECT 1 FROM taken)
       RETURNING through_seq, last_seq
     ), stored AS (
       INSERT INTO plan_updates (plan_id, seq, "update", participant_id, client_ids, created_at)
       SELECT $1, last_seq, $2, $3, $4, $6 FROM log
     ), clients AS (
       INSERT INTO plan_clients (plan_id, client_id, participant_id, owner, first_seen_at)
       SELECT $1, c.id, $3, $5, $6 FROM unnest($4::bigint[]) WITH ORDINALITY AS c (id, n)
       WHERE EXISTS (SELECT 1 FROM log)
       ORDER BY c.n
       ON CONFLICT (plan_id, client_id) DO NOTHING
     ), touched AS (
       UPDATE plans SET updated_at = $6 WHERE id = $1 AND EXISTS (SELECT 1 FROM log)
     )
     SELECT (SELECT through_seq FROM log) AS "throughSeq", (SELECT last_seq FROM log) AS "lastSeq",
       (SELECT json_agg(client_id ORDER BY client_id) FROM taken) AS taken`,
    [planId, update, origin.participantId, origin.clientIds, ownerOf(origin), now],
  );
  if (log?.taken) return { ok: false, error: clientOwnedElsewhere(planId, log.taken) };
  if (log?.throughSeq == null || log.lastSeq == null) {
    return { ok: false, error: planNotFound(planId) };
  }
  // Seqs are consecutive and compaction removes a prefix, so this is the row count.
  return { ok: true, value: { seq: log.lastSeq, logLength: log.lastSeq - log.throughSeq } };
}

/** The DocumentStore on a PostgresStorage's pool; that storage opens and closes it. */
export class PostgresDocumentStore implements DocumentStore {
  private readonly appends = new GroupCommit<PendingAppend, AppendResult>((group) =>
    this.commitAppends(group),
  );

  private readonly refusedSenders = new RefusedSenders();

  constructor(private readonly connection: PostgresConnection) {}

  async createPlan(plan: {
    id: string;
    title: string;
    initialState: Uint8Array;
  }): Promise<StoredPlan> {
    const initialState = plan.initialState.slice();
    await this.flushAppends();
    return this.connection.transaction(async (sql) => {
      const now = new Date();
      const inserted = await sql(
        `INSERT INTO plans (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [plan.id, plan.title, now],
      );
      if (inserted.length === 0) throw planExists(plan.id);
      // The initial state is the first snapshot (through seq 0), so the log starts empty.
      await sql(
        'INSERT INTO plan_snapshots (plan_id, state, through_seq, last_seq) VALUES ($1, $2, 0, 0)',
        [plan.id, initialState],
      );
      return { id: plan.id, title: plan.title, createdAt: now, updatedAt: now };
    });
  }

  async getPlan(planId: string): Promise<StoredPlan | null> {
    const [row] = await this.connection.query<StoredPlan>(
      `SELECT ${PLAN_COLUMNS} FROM plans WHERE id = $1`,
      [planId],
    );
    return row ?? null;
  }

  async listPlans(): Promise<StoredPlan[]> {
    // id breaks ties so that every adapter lists plans updated in the same ms alike.
    return this.connection.query<StoredPlan>(
      `SELECT ${PLAN_COLUMNS} FROM plans ORDER BY updated_at DESC, id`,
    );
  }

  async setPlanTitle(planId: string, title: string): Promise<void> {
    await this.flushAppends();
    const updated = await this.connection.query(
      'UPDATE plans SET title = $2 WHERE id = $1 RETURNING id',
      [planId, title],
    );
    if (updated.length === 0) throw planNotFound(planId);
  }

  /**
   * Durable once it resolves: committed in PostgreSQL. Appends arriving together (in one
   * pass of the event loop, or while the previous group commits) share one transaction
   * (see GroupCommit), so a burst of keystrokes costs one commit, and they are numbered in
   * the order they were made.
   */
  async appendUpdate(
    planId: string,
    update: Uint8Array,
    origin: UpdateOrigin,
  ): Promise<AppendResult> {
    if (this.connection.isClosed) throw storageClosed();
    // A copy: the caller may reuse its buffer before the group is written.
    return this.appends.submit({ planId, update: update.slice(), origin });
  }

  /**
   * Writes a group of appends in one transaction; a plan that is gone, or an update under
   * a client id someone else owns, refuses only its own append. The transaction first
   * locks its plans in id order, so that two processes committing groups over the same
   * plans in different orders cannot deadlock, and so that each append's ownership check
   * runs after every claim ordered before it has committed: in one statement alone, the
   * check would read a snapshot taken before waiting for the lock, and miss a claim made
   * meanwhile on another process.
   */
  private async commitAppends(
    appends: readonly PendingAppend[],
  ): Promise<WriteOutcome<AppendResult>[]> {
    const now = new Date();
    return this.connection.transaction(async (sql) => {
      const planIds = [...new Set(appends.map((append) => append.planId))].sort();
      await sql(
        'SELECT 1 FROM plan_snapshots WHERE plan_id = ANY($1) ORDER BY plan_id FOR UPDATE',
        [planIds],
      );
      const outcomes: WriteOutcome<AppendResult>[] = [];
      for (const append of appends) {
        const refused = this.refusedSenders.check(append.planId, append.origin);
        const outcome = refused
          ? { ok: false as const, error: refused }
          : await appendOne(sql, append, now);
        const ownedElsewhere =
          !outcome.ok &&
          outcome.error instanceof StoreError &&
          outcome.error.code === 'client-owned-elsewhere';
        if (!refused && ownedElsewhere) {
          this.refusedSenders.note(append.origin);
        }
        outcomes.push(outcome);
      }
      return outcomes;
    });
  }

  /**
   * Commits the appends still waiting, so that a write made next comes after them (every
   * other write of this store does this first) and nothing queued is lost at close.
   */
  async flushAppends(): Promise<void> {
    await this.appends.flush();
  }

  async claimClients(planId: string, origin: UpdateOrigin): Promise<ClientOwner[]> {
    await this.flushAppends();
    return this.connection.transaction(async (sql) => {
      // The plan's row lock orders claims from every process: the first one's owner stays.
      if (!(await lockLog(sql, planId))) throw planNotFound(planId);
      await insertClients(sql, planId, origin, new Date());
      const rows = await sql<ClientOwner>(
        `SELECT client_id AS "clientId", owner FROM plan_clients
         WHERE plan_id = $1 AND client_id = ANY($2::bigint[])`,
        [planId, origin.clientIds],
      );
      const owners = new Map(rows.map((row) => [row.clientId, row.owner]));
      return origin.clientIds.map((clientId) => ({
        clientId,
        owner: owners.get(clientId) ?? null,
      }));
    });
  }

  async loadDocument(planId: string): Promise<LoadedDocument | null> {
    return this.connection.transaction(async (sql) => {
      const [snapshot] = await sql<{ state: Uint8Array; throughSeq: number }>(
        'SELECT state, through_seq AS "throughSeq" FROM plan_snapshots WHERE plan_id = $1',
        [planId],
      );
      if (!snapshot) return null;
      const rows = await sql<{ seq: number; update: Uint8Array }>(
        'SELECT seq, "update" FROM plan_updates WHERE plan_id = $1 ORDER BY seq',
        [planId],
      );
      const clientOwners = await sql<ClientOwner>(
        `SELECT client_id AS "clientId", owner FROM plan_clients WHERE plan_id = $1
         ORDER BY position`,
        [planId],
      );
      return {
        updates: [bytesOf(snapshot.state), ...rows.map((row) => bytesOf(row.update))],
        lastSeq: rows.at(-1)?.seq ?? snapshot.throughSeq,
        logLength: rows.length,
        clientOwners,
      };
    }, 'read');
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const state = snapshot.slice();
    await this.flushAppends();
    return this.connection.transaction(async (sql) => {
      const log = await lockLog(sql, planId);
      if (!log) throw planNotFound(planId);
      if (!shouldCompact(planId, throughSeq, log)) return;
      // In the same transaction as the delete: a crash keeps either the rows or their
      // folded deletions, never neither nor both.
      await this.foldDeletionsThrough(sql, planId, throughSeq);
      await sql('UPDATE plan_snapshots SET state = $2, through_seq = $3 WHERE plan_id = $1', [
        planId,
        state,
        throughSeq,
      ]);
      await sql('DELETE FROM plan_updates WHERE plan_id = $1 AND seq <= $2', [planId, throughSeq]);
    });
  }

  async deletionAttribution(planId: string): Promise<ParticipantDeletions[]> {
    return this.connection.transaction(async (sql) => {
      await this.requirePlan(sql, planId);
      const live = await sql<AttributedUpdateRow>(
        `SELECT participant_id AS "participantId", "update" FROM plan_updates
         WHERE plan_id = $1 ORDER BY seq`,
        [planId],
      );
      const folded = await this.foldedDeletions(sql, planId);
      return deletionList(foldDeletions(folded, live.map(attributedUpdateOf)));
    }, 'read');
  }

  /** Adds what the updates through `throughSeq` deleted to their participants' rows. */
  private async foldDeletionsThrough(sql: Sql, planId: string, throughSeq: number): Promise<void> {
    const removed = await sql<AttributedUpdateRow>(
      `SELECT participant_id AS "participantId", "update" FROM plan_updates
       WHERE plan_id = $1 AND seq <= $2 ORDER BY seq`,
      [planId, throughSeq],
    );
    const before = await this.foldedDeletions(sql, planId);
    // In steps (the transaction waits; the event loop serves everyone else meanwhile).
    const folded = await foldDeletionsInSteps(before, removed.map(attributedUpdateOf));
    for (const [participantId, deletions] of folded) {
      await sql(
        before.has(participantId)
          ? `UPDATE plan_deletions SET deletions = $3
             WHERE plan_id = $1 AND participant_id IS NOT DISTINCT FROM $2`
          : 'INSERT INTO plan_deletions (plan_id, participant_id, deletions) VALUES ($1, $2, $3)',
        [planId, participantId, deletions],
      );
    }
  }

  /** The deletions already folded out of compacted updates, by participant, first seen first. */
  private async foldedDeletions(sql: Sql, planId: string): Promise<Map<string | null, Uint8Array>> {
    const rows = await sql<{ participantId: string | null; deletions: Uint8Array }>(
      `SELECT participant_id AS "participantId", deletions FROM plan_deletions
       WHERE plan_id = $1 ORDER BY position`,
      [planId],
    );
    return new Map(rows.map((row) => [row.participantId, bytesOf(row.deletions)]));
  }

  async clientAttribution(planId: string): Promise<ClientAttribution[]> {
    return this.connection.transaction(async (sql) => {
      await this.requirePlan(sql, planId);
      return sql<ClientAttribution>(
        `SELECT client_id AS "clientId", participant_id AS "participantId",
           first_seen_at AS "firstSeenAt"
         FROM plan_clients WHERE plan_id = $1 ORDER BY position`,
        [planId],
      );
    }, 'read');
  }

  private async requirePlan(sql: Sql, planId: string): Promise<void> {
    const found = await sql('SELECT 1 FROM plans WHERE id = $1', [planId]);
    if (found.length === 0) throw planNotFound(planId);
  }

  async ping(): Promise<void> {
    return this.connection.ping();
  }
}
