/**
 * The DocumentStore on SQLite: plans and their Yjs logs in the single-machine deployment.
 */

import { bytesOf } from './bytes.ts';
import { idsOwnedElsewhere, ownerOf } from './clientOwner.ts';
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
import { RefusedSenders } from './RefusedSenders.ts';
import type { SqliteConnection, SqliteRow } from './SqliteConnection.ts';
import { clientOwnedElsewhere, planExists, planNotFound, storageClosed } from './storeErrors.ts';

type PlanRow = SqliteRow<StoredPlan>;

interface SnapshotRow {
  state: Buffer;
  throughSeq: number;
}

interface UpdateRow {
  seq: number;
  update: Buffer;
}

type ClientRow = SqliteRow<ClientAttribution>;

interface DeletionsRow {
  participantId: string | null;
  deletions: Buffer;
}

interface AttributedUpdateRow {
  participantId: string | null;
  update: Buffer;
}

interface PendingAppend {
  planId: string;
  update: Uint8Array;
  origin: UpdateOrigin;
}

// A plan's last change is its newest logged update's time, else (a new plan, or every update
// folded into the snapshot) the plans row's: an append then writes only its own row, not
// the plans row and its index as well (three pages of the WAL, and of each fsync, to one).
const PLAN_COLUMNS = `id, title, created_at AS createdAt,
  MAX(updated_at, COALESCE((SELECT created_at FROM plan_updates AS u
    WHERE u.plan_id = plans.id ORDER BY seq DESC LIMIT 1), updated_at)) AS updatedAt`;

function prepareStatements(db: SqliteConnection['db']) {
  return {
    insertPlan: db.prepare<{ id: string; title: string; now: number }>(
      'INSERT OR IGNORE INTO plans (id, title, created_at, updated_at) VALUES (@id, @title, @now, @now)',
    ),
    insertSnapshot: db.prepare<{ planId: string; state: Uint8Array }>(
      'INSERT INTO plan_snapshots (plan_id, state, through_seq) VALUES (@planId, @state, 0)',
    ),
    selectPlan: db.prepare<[string], PlanRow>(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`),
    // id breaks ties so that every adapter lists plans updated in the same ms alike.
    selectPlans: db.prepare<[], PlanRow>(
      `SELECT ${PLAN_COLUMNS} FROM plans ORDER BY updatedAt DESC, id`,
    ),
    updateTitle: db.prepare<{ planId: string; title: string }>(
      'UPDATE plans SET title = @title WHERE id = @planId',
    ),
    // Before compaction deletes logged updates, the plans row takes the newest one's time.
    keepUpdatedAt: db.prepare<{ planId: string; throughSeq: number }>(
      `UPDATE plans SET updated_at = MAX(updated_at, COALESCE((SELECT MAX(created_at)
         FROM plan_updates WHERE plan_id = @planId AND seq <= @throughSeq), updated_at))
       WHERE id = @planId`,
    ),
    // Every plan has a snapshot row from createPlan on, so no row means no plan.
    selectLogPosition: db.prepare<[string], LogPosition>(
      `SELECT through_seq AS throughSeq,
         COALESCE((SELECT MAX(seq) FROM plan_updates WHERE plan_id = s.plan_id), through_seq) AS lastSeq
       FROM plan_snapshots AS s WHERE plan_id = ?`,
    ),
    insertUpdate: db.prepare<{
      planId: string;
      seq: number;
      update: Uint8Array;
      participantId: string | null;
      clientIds: string;
      now: number;
    }>(
      `INSERT INTO plan_updates (plan_id, seq, "update", participant_id, client_ids, created_at)
       VALUES (@planId, @seq, @update, @participantId, @clientIds, @now)`,
    ),
    // First writer wins: a client id keeps the participant it arrived with.
    insertClient: db.prepare<{
      planId: string;
      clientId: number;
      participantId: string | null;
      owner: string | null;
      now: number;
    }>(
      `INSERT OR IGNORE INTO plan_clients (plan_id, client_id, participant_id, owner, first_seen_at)
       VALUES (@planId, @clientId, @participantId, @owner, @now)`,
    ),
    selectSnapshot: db.prepare<[string], SnapshotRow>(
      'SELECT state, through_seq AS throughSeq FROM plan_snapshots WHERE plan_id = ?',
    ),
    selectUpdates: db.prepare<[string], UpdateRow>(
      'SELECT seq, "update" FROM plan_updates WHERE plan_id = ? ORDER BY seq',
    ),
    replaceSnapshot: db.prepare<{ planId: string; state: Uint8Array; throughSeq: number }>(
      'UPDATE plan_snapshots SET state = @state, through_seq = @throughSeq WHERE plan_id = @planId',
    ),
    deleteUpdatesThrough: db.prepare<{ planId: string; throughSeq: number }>(
      'DELETE FROM plan_updates WHERE plan_id = @planId AND seq <= @throughSeq',
    ),
    selectUpdatesThrough: db.prepare<{ planId: string; throughSeq: number }, AttributedUpdateRow>(
      `SELECT participant_id AS participantId, "update" FROM plan_updates
       WHERE plan_id = @planId AND seq <= @throughSeq ORDER BY seq`,
    ),
    selectAttributedUpdates: db.prepare<[string], AttributedUpdateRow>(
      'SELECT participant_id AS participantId, "update" FROM plan_updates WHERE plan_id = ? ORDER BY seq',
    ),
    // Rows are inserted once per participant and then only updated, so rowid order is
    // first-seen order.
    selectDeletions: db.prepare<[string], DeletionsRow>(
      `SELECT participant_id AS participantId, deletions FROM plan_deletions
       WHERE plan_id = ? ORDER BY rowid`,
    ),
    updateDeletions: db.prepare<{
      planId: string;
      participantId: string | null;
      deletions: Uint8Array;
    }>(
      `UPDATE plan_deletions SET deletions = @deletions
       WHERE plan_id = @planId AND participant_id IS @participantId`,
    ),
    insertDeletions: db.prepare<{
      planId: string;
      participantId: string | null;
      deletions: Uint8Array;
    }>(
      `INSERT INTO plan_deletions (plan_id, participant_id, deletions)
       VALUES (@planId, @participantId, @deletions)`,
    ),
    // Rows are only ever inserted, never deleted, so rowid order is first-seen order.
    selectClients: db.prepare<[string], ClientRow>(
      `SELECT client_id AS clientId, participant_id AS participantId, first_seen_at AS firstSeenAt
       FROM plan_clients WHERE plan_id = ? ORDER BY rowid`,
    ),
    selectClientOwner: db.prepare<{ planId: string; clientId: number }, { owner: string | null }>(
      'SELECT owner FROM plan_clients WHERE plan_id = @planId AND client_id = @clientId',
    ),
    selectClientOwners: db.prepare<[string], ClientOwner>(
      `SELECT client_id AS clientId, owner FROM plan_clients WHERE plan_id = ? ORDER BY rowid`,
    ),
  };
}

const attributedUpdateOf = (row: AttributedUpdateRow): AttributedUpdate => ({
  participantId: row.participantId,
  update: bytesOf(row.update),
});

const planOf = (row: PlanRow): StoredPlan => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.createdAt),
  updatedAt: new Date(row.updatedAt),
});

/** The DocumentStore on a SqliteStorage's database; that storage opens and closes it. */
export class SqliteDocumentStore implements DocumentStore {
  private readonly statements: ReturnType<typeof prepareStatements>;

  private readonly appends = new GroupCommit<PendingAppend, AppendResult>((group) =>
    this.commitAppends(group),
  );

  private readonly refusedSenders = new RefusedSenders();

  /** Owners of client ids this store has committed, by plan (see `holderOf`). */
  private readonly owners = new Map<string, Map<number, string | null>>();

  constructor(private readonly connection: SqliteConnection) {
    this.statements = prepareStatements(connection.db);
  }

  async createPlan(plan: {
    id: string;
    title: string;
    initialState: Uint8Array;
  }): Promise<StoredPlan> {
    await this.flushAppends();
    return this.connection.write(() => {
      const now = Date.now();
      if (this.statements.insertPlan.run({ id: plan.id, title: plan.title, now }).changes === 0) {
        throw planExists(plan.id);
      }
      // The initial state is the first snapshot (through seq 0), so the log starts empty
      // and logLength counts only what participants wrote.
      this.statements.insertSnapshot.run({ planId: plan.id, state: plan.initialState });
      return { id: plan.id, title: plan.title, createdAt: new Date(now), updatedAt: new Date(now) };
    });
  }

  async getPlan(planId: string): Promise<StoredPlan | null> {
    return this.connection.run(() => {
      const row = this.statements.selectPlan.get(planId);
      return row ? planOf(row) : null;
    });
  }

  async listPlans(): Promise<StoredPlan[]> {
    return this.connection.run(() => this.statements.selectPlans.all().map(planOf));
  }

  async setPlanTitle(planId: string, title: string): Promise<void> {
    await this.flushAppends();
    return this.connection.write(() => {
      if (this.statements.updateTitle.run({ planId, title }).changes === 0) {
        throw planNotFound(planId);
      }
    });
  }

  /**
   * Durable once it resolves. Appends wait for the end of the event loop's pass, or for
   * the group whose fsync is in flight, and are then committed together (see GroupCommit):
   * one transaction and one fsync for every update that arrived meanwhile.
   */
  async appendUpdate(
    planId: string,
    update: Uint8Array,
    origin: UpdateOrigin,
  ): Promise<AppendResult> {
    if (!this.connection.db.open) throw storageClosed();
    // A copy: the caller may reuse its buffer before the group is written.
    return this.appends.submit({ planId, update: update.slice(), origin });
  }

  /**
   * Writes a group of appends in one transaction and waits for it to be on disk; a plan
   * that is gone refuses only its own append.
   */
  private async commitAppends(
    appends: readonly PendingAppend[],
  ): Promise<WriteOutcome<AppendResult>[]> {
    // Owners this transaction inserts, kept only once it has committed.
    const learned: Array<{ planId: string; owner: string | null; clientIds: number[] }> = [];
    const outcomes = await this.connection.write(() => {
      const now = Date.now();
      // Each plan's log is read once a group: a group commit under load holds many updates
      // of one plan.
      const logs = new Map<string, LogPosition | undefined>();
      return appends.map(({ planId, update, origin }): WriteOutcome<AppendResult> => {
        let log = logs.get(planId);
        if (!logs.has(planId)) {
          log = this.statements.selectLogPosition.get(planId);
          logs.set(planId, log);
        }
        if (!log) return { ok: false, error: planNotFound(planId) };
        const refused = this.refusedSenders.check(planId, origin);
        if (refused) return { ok: false, error: refused };
        const taken = idsOwnedElsewhere(origin, (clientId) => this.holderOf(planId, clientId));
        if (taken.length > 0) {
          this.refusedSenders.note(origin);
          return { ok: false, error: clientOwnedElsewhere(planId, taken) };
        }
        const seq = log.lastSeq + 1;
        log.lastSeq = seq;
        const { participantId, clientIds } = origin;
        this.statements.insertUpdate.run({
          planId,
          seq,
          update,
          participantId,
          clientIds: JSON.stringify(clientIds),
          now,
        });
        const inserted = this.insertClients(planId, origin, now, this.owners.get(planId));
        learned.push({ planId, owner: ownerOf(origin), clientIds: inserted });
        // Seqs are consecutive and compaction removes a prefix, so this is the row count.
        return { ok: true, value: { seq, logLength: seq - log.throughSeq } };
      });
    });
    for (const { planId, owner, clientIds } of learned) {
      for (const clientId of clientIds) this.rememberOwner(planId, clientId, owner);
    }
    return outcomes;
  }

  /**
   * Who holds a plan's client id (undefined: no one yet). Rows of plan_clients are only
   * ever inserted, first claim wins, so an owner this store has committed stays true and is
   * kept in memory (`rememberOwner`): an update of a known id then neither looks it up nor
   * inserts it again. What is read here is not kept: it may be this transaction's own
   * insert, which a failed commit takes back.
   */
  private holderOf(planId: string, clientId: number): string | null | undefined {
    const known = this.owners.get(planId)?.get(clientId);
    if (known !== undefined) return known;
    const stored = this.statements.selectClientOwner.get({ planId, clientId });
    return stored?.owner;
  }

  private rememberOwner(planId: string, clientId: number, owner: string | null): void {
    let plan = this.owners.get(planId);
    if (!plan) {
      plan = new Map();
      this.owners.set(planId, plan);
    }
    plan.set(clientId, owner);
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
    return this.connection.write(() => {
      if (!this.statements.selectPlan.get(planId)) throw planNotFound(planId);
      this.insertClients(planId, origin, Date.now());
      return origin.clientIds.map((clientId) => ({
        clientId,
        owner: this.statements.selectClientOwner.get({ planId, clientId })?.owner ?? null,
      }));
    });
  }

  /**
   * Records the origin's client ids that the plan does not know yet, first claim wins,
   * leaving out those `known` holds (owners already committed); returns the ids it wrote.
   */
  private insertClients(
    planId: string,
    origin: UpdateOrigin,
    now: number,
    known?: ReadonlyMap<number, string | null>,
  ): number[] {
    const { participantId } = origin;
    const owner = ownerOf(origin);
    const written: number[] = [];
    for (const clientId of origin.clientIds) {
      if (known?.has(clientId)) continue;
      this.statements.insertClient.run({ planId, clientId, participantId, owner, now });
      written.push(clientId);
    }
    return written;
  }

  async loadDocument(planId: string): Promise<LoadedDocument | null> {
    return this.connection.read(() => {
      const snapshot = this.statements.selectSnapshot.get(planId);
      if (!snapshot) return null;
      const rows = this.statements.selectUpdates.all(planId);
      return {
        updates: [bytesOf(snapshot.state), ...rows.map((row) => bytesOf(row.update))],
        lastSeq: rows.at(-1)?.seq ?? snapshot.throughSeq,
        logLength: rows.length,
        clientOwners: this.statements.selectClientOwners.all(planId),
      };
    });
  }

  async compact(planId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.flushAppends();
    // Who deleted what in the updates to fold is worked out first, a few dozen updates at
    // a time with a pass of the event loop between: in the write's transaction, reading
    // hundreds of updates held every other plan (30 ms at 500 updates).
    const read = await this.connection.read(() => {
      const log = this.statements.selectLogPosition.get(planId);
      if (!log) throw planNotFound(planId);
      const removed = this.statements.selectUpdatesThrough.all({ planId, throughSeq });
      return {
        log,
        removed: removed.map(attributedUpdateOf),
        before: this.foldedDeletions(planId),
      };
    });
    const folded = shouldCompact(planId, throughSeq, read.log)
      ? await foldDeletionsInSteps(read.before, read.removed)
      : null;
    return this.connection.write(() => {
      const log = this.statements.selectLogPosition.get(planId);
      if (!log) throw planNotFound(planId);
      if (!shouldCompact(planId, throughSeq, log)) return;
      // In the same transaction as the delete: a crash keeps either the rows or their
      // folded deletions, never neither nor both. Folded above from the same rows unless
      // another compaction came in between (then again, here).
      if (folded && log.throughSeq === read.log.throughSeq) {
        this.writeDeletions(planId, read.before, folded);
      } else {
        this.foldDeletionsThrough(planId, throughSeq);
      }
      this.statements.replaceSnapshot.run({ planId, state: snapshot, throughSeq });
      this.statements.keepUpdatedAt.run({ planId, throughSeq });
      this.statements.deleteUpdatesThrough.run({ planId, throughSeq });
    });
  }

  async deletionAttribution(planId: string): Promise<ParticipantDeletions[]> {
    return this.connection.read(() => {
      if (!this.statements.selectPlan.get(planId)) throw planNotFound(planId);
      const live = this.statements.selectAttributedUpdates.all(planId).map(attributedUpdateOf);
      return deletionList(foldDeletions(this.foldedDeletions(planId), live));
    });
  }

  /** Adds what the updates through `throughSeq` deleted to their participants' rows. */
  private foldDeletionsThrough(planId: string, throughSeq: number): void {
    const removed = this.statements.selectUpdatesThrough
      .all({ planId, throughSeq })
      .map(attributedUpdateOf);
    const before = this.foldedDeletions(planId);
    this.writeDeletions(planId, before, foldDeletions(before, removed));
  }

  /** Writes each participant's folded deletions over what they had (`before`). */
  private writeDeletions(
    planId: string,
    before: ReadonlyMap<string | null, Uint8Array>,
    folded: ReadonlyMap<string | null, Uint8Array>,
  ): void {
    for (const [participantId, deletions] of folded) {
      const row = { planId, participantId, deletions };
      if (before.has(participantId)) this.statements.updateDeletions.run(row);
      else this.statements.insertDeletions.run(row);
    }
  }

  /** The deletions already folded out of compacted updates, by participant. */
  private foldedDeletions(planId: string): Map<string | null, Uint8Array> {
    return new Map(
      this.statements.selectDeletions
        .all(planId)
        .map((row) => [row.participantId, bytesOf(row.deletions)]),
    );
  }

  async clientAttribution(planId: string): Promise<ClientAttribution[]> {
    return this.connection.read(() => {
      if (!this.statements.selectPlan.get(planId)) throw planNotFound(planId);
      return this.statements.selectClients.all(planId).map((row) => ({
        clientId: row.clientId,
        participantId: row.participantId,
        firstSeenAt: new Date(row.firstSeenAt),
      }));
    });
  }

  async ping(): Promise<void> {
    return this.connection.ping();
  }
}
