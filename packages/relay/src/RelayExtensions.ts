import type * as Events from './RelayEvents.ts';
import {
  DEFAULT_EXTENSION_PRIORITY,
  type PlanDocuments,
  type RelayExtension,
  type ReviewCheck,
  type UpdateCheck,
} from './RelayExtension.ts';

/**
 * The relay's extensions in the order their hooks run, and each extension point as one
 * call: the rooms ask this, never an extension directly, so the order and the way hooks
 * combine (first refusal wins, every second look runs) are decided here alone.
 */
export class RelayExtensions {
  /** In calling order: by priority, higher first, then in the order given. */
  readonly ordered: readonly RelayExtension[];

  constructor(
    extensions: readonly RelayExtension[],
    private readonly plans: PlanDocuments,
  ) {
    // Array#sort is stable, so equal priorities keep the order given.
    this.ordered = [...extensions].sort((a, b) => priorityOf(b) - priorityOf(a));
  }

  /** The first extension's reason for refusing the update before it is applied, or null. */
  beforeUpdate(update: UpdateCheck): string | null {
    for (const extension of this.ordered) {
      const refusal = extension.beforeUpdate?.(update) ?? null;
      if (refusal !== null) return refusal;
    }
    return null;
  }

  /**
   * Every extension's second look at the update, asked before it is applied, as one check
   * to run once it is: the first reason found, in order, or null. Null when no extension
   * wants a second look.
   */
  reviewUpdate(update: UpdateCheck): ReviewCheck | null {
    const checks = this.ordered.flatMap((extension) => extension.reviewUpdate?.(update) ?? []);
    if (checks.length === 0) return null;
    return async (pause) => {
      for (const check of checks) {
        const problem = await check(pause);
        if (problem !== null) return problem;
      }
      return null;
    };
  }

  /** Tells every extension that a client's update was stored. */
  onClientUpdate(event: Events.ClientUpdateEvent): void {
    const payload = { ...event, plans: this.plans };
    for (const extension of this.ordered) extension.onClientUpdate?.(payload);
  }

  /** Tells every extension of a participant's update that another process stored. */
  onOtherProcessUpdate(event: Events.OtherProcessUpdateEvent): void {
    const payload = { ...event, plans: this.plans };
    for (const extension of this.ordered) extension.onOtherProcessUpdate?.(payload);
  }

  /** Hands a note from another process to the extension of the name it was sent to. */
  onOtherProcessNote(extension: string, event: Events.OtherProcessNoteEvent): void {
    const payload = { ...event, plans: this.plans };
    for (const each of this.ordered)
      if (each.name === extension) each.onOtherProcessNote?.(payload);
  }

  /** Tells every extension that an update was stored and sent. */
  onUpdateStored(event: Events.UpdateStoredEvent): void {
    const payload = { ...event, plans: this.plans };
    for (const extension of this.ordered) extension.onUpdateStored?.(payload);
  }

  /** Tells every extension that a frame or a socket was refused. */
  onRefusal(event: Events.RefusalEvent): void {
    const payload = { ...event, plans: this.plans };
    for (const extension of this.ordered) extension.onRefusal?.(payload);
  }

  /** Runs every extension's `beforeClose`, one after the other, in order. */
  async beforeClose(): Promise<void> {
    for (const extension of this.ordered) await extension.beforeClose?.();
  }

  /** Runs every extension's `afterClose`, one after the other, in order. */
  async afterClose(): Promise<void> {
    for (const extension of this.ordered) await extension.afterClose?.();
  }
}

function priorityOf(extension: RelayExtension): number {
  return extension.priority ?? DEFAULT_EXTENSION_PRIORITY;
}
