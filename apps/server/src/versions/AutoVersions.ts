/**
 * The versions nobody asks for: one after every phase change, and one when a plan is
 * edited and its newest version is older than the configured interval (10 minutes by
 * default), so a long session always has recent points to compare with and go back to.
 */
import { readPlan } from '@plenary/model';
import type {
  PlanDocuments,
  RelayExtension,
  RelayLogger,
  UpdateStoredEvent,
  WithPlans,
} from '@plenary/relay';
import type { DocumentStore, VersionStore } from '@plenary/storage';
import * as Y from 'yjs';
import { saveVersion } from './saveVersion.ts';
import { SERVER_AUTHOR, type VersionAuthor } from './versionSummary.ts';

/** What AutoVersions works with. */
export interface AutoVersionsOptions {
  /** Where versions go. */
  versions: VersionStore;
  /** For a plan's creation time, the reference before its first version. */
  documents: Pick<DocumentStore, 'getPlan'>;
  logger: Pick<RelayLogger, 'warn'>;
  /** Minutes from the newest version to the next activity version; 0 turns them off. */
  intervalMinutes: number;
  /**
   * Among processes serving one plan, takes the right to save its activity version for
   * `ttlMs` (true for one of them); absent when this process serves every plan.
   */
  claim?: (key: string, ttlMs: number) => Promise<boolean>;
}

const MS_PER_MINUTE = 60_000;

/**
 * Saves a plan's automatic versions. A relay extension: `onUpdateStored` starts the
 * activity checks, and the relay waits for them (`afterClose`) before storage closes.
 */
export class AutoVersions implements RelayExtension {
  readonly name = 'auto-versions';
  private readonly intervalMs: number;
  /**
   * Per plan, a time before which no activity version can be due: the newest version's
   * time plus the interval, as last read. Versions saved since only push the true time
   * later, so this bound stays safe without every save having to report here; it spares
   * the storage a query on every keystroke.
   */
  private readonly notDueBefore = new Map<string, number>();
  /** Activity checks under way, by plan: one at a time per plan is enough. */
  private readonly checking = new Map<string, Promise<void>>();
  /** Plans whose phase is changing: their phase version will hold the new state. */
  private readonly phaseChanges = new Map<string, number>();

  constructor(private readonly options: AutoVersionsOptions) {
    this.intervalMs = options.intervalMinutes * MS_PER_MINUTE;
  }

  /** Called for every update stored: starts an activity check when one may be due. */
  onUpdateStored({ planId, plans }: WithPlans<UpdateStoredEvent>): void {
    if (this.intervalMs === 0 || this.checking.has(planId) || this.phaseChanges.has(planId)) {
      return;
    }
    if (Date.now() < (this.notDueBefore.get(planId) ?? 0)) return;
    // Not awaited: the relay calls this from its room's queue, which the check reads through.
    const check = this.saveActivityVersionIfDue(plans, planId)
      .catch((error: unknown) => {
        this.options.logger.warn({ err: error, planId }, 'could not save an activity version');
      })
      .finally(() => this.checking.delete(planId));
    this.checking.set(planId, check);
  }

  /** Resolves once the activity checks under way are done, so storage can close after them. */
  async idle(): Promise<void> {
    await Promise.all(this.checking.values());
  }

  /** The relay has written its plans back: the checks still reading them finish first. */
  afterClose(): Promise<void> {
    return this.idle();
  }

  /**
   * Runs `change` (a phase change through the relay) and then, if the phase did change,
   * saves a 'phase' version of the plan as it now is, on behalf of `author`. Activity
   * checks stand aside meanwhile, so the two never save the same state twice. A version
   * that cannot be saved is logged, not thrown: the phase change itself has happened.
   */
  async versionPhaseChange<T>(
    plans: Pick<PlanDocuments, 'read'>,
    planId: string,
    author: VersionAuthor,
    change: () => Promise<T>,
  ): Promise<T> {
    this.phaseChanges.set(planId, (this.phaseChanges.get(planId) ?? 0) + 1);
    try {
      const before = await plans.read(planId, (doc) => readPlan(doc).phase);
      const result = await change();
      const after = await plans.read(planId, (doc) => readPlan(doc).phase);
      if (after !== before) {
        const services = { relay: plans, versions: this.options.versions };
        await saveVersion(services, planId, { name: null, reason: 'phase', ...author }).catch(
          (error: unknown) => {
            this.options.logger.warn({ err: error, planId }, 'could not save a phase version');
          },
        );
      }
      return result;
    } finally {
      const count = (this.phaseChanges.get(planId) ?? 1) - 1;
      if (count === 0) this.phaseChanges.delete(planId);
      else this.phaseChanges.set(planId, count);
    }
  }

  private async saveActivityVersionIfDue(
    plans: Pick<PlanDocuments, 'read'>,
    planId: string,
  ): Promise<void> {
    const { versions, documents } = this.options;
    const [newest] = await versions.listVersions(planId);
    const since = newest?.createdAt ?? (await documents.getPlan(planId))?.createdAt;
    if (!since) return;
    const dueAt = since.getTime() + this.intervalMs;
    this.notDueBefore.set(planId, dueAt);
    if (Date.now() < dueAt) return;
    if (newest) {
      const [saved, live] = await Promise.all([
        versions.versionState(planId, newest.id),
        plans.read(planId, (doc) => Y.snapshot(doc)),
      ]);
      // Same state vector and delete set: nothing happened since that version.
      if (saved && Y.equalSnapshots(snapshotOf(saved), live)) return;
    }
    const { claim } = this.options;
    // Another process saw the same stretch of editing: one version is enough.
    if (claim && !(await claim(`activity-version:${planId}`, this.intervalMs))) return;
    const version = await saveVersion({ relay: plans, versions }, planId, {
      name: null,
      reason: 'activity',
      ...SERVER_AUTHOR,
    });
    this.notDueBefore.set(planId, version.createdAt.getTime() + this.intervalMs);
  }
}

/** The state vector and delete set of a saved state. */
function snapshotOf(state: Uint8Array): Y.Snapshot {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const snapshot = Y.snapshot(doc);
  doc.destroy();
  return snapshot;
}
