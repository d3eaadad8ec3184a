import { sectionIdOfRoot } from '@plenary/model';
import type { ClientUpdateEvent, OtherProcessUpdateEvent, RelayExtension } from '@plenary/relay';

/** Who last changed a section, and when. */
export interface SectionEdit {
  sectionId: string;
  participantId: string;
  at: Date;
}

/**
 * Remembers, per plan and section, the participant whose update last changed it, however
 * they changed it: typing, deleting, formatting or suggesting. The document cannot say
 * this itself (a deletion carries no author), but the relay knows which socket, and so
 * which participant, sent each update. A relay extension: `onClientUpdate` records the
 * updates of this process's sockets, `onOtherProcessUpdate` those that the other processes
 * serving the plan took (scaled out), so every process answers alike.
 *
 * Kept in memory: after a restart the console falls back to the author of each section's
 * last words until someone writes again.
 */
export class SectionEdits implements RelayExtension {
  readonly name = 'section-edits';
  readonly #plans = new Map<string, Map<string, SectionEdit>>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  onClientUpdate({ planId, touchedRoots, participantId }: ClientUpdateEvent): void {
    if (participantId !== null) this.#record(planId, touchedRoots, participantId);
  }

  onOtherProcessUpdate({ planId, touchedRoots, participantId }: OtherProcessUpdateEvent): void {
    this.#record(planId, touchedRoots, participantId);
  }

  /** The plan's sections that someone changed since this process started, with who and when. */
  of(planId: string): SectionEdit[] {
    return [...(this.#plans.get(planId)?.values() ?? [])];
  }

  #record(planId: string, touchedRoots: ReadonlySet<string>, participantId: string): void {
    let sections = this.#plans.get(planId);
    for (const root of touchedRoots) {
      const sectionId = sectionIdOfRoot(root);
      if (sectionId === null) continue;
      if (!sections) {
        sections = new Map();
        this.#plans.set(planId, sections);
      }
      sections.set(sectionId, { sectionId, participantId, at: this.now() });
    }
  }
}
