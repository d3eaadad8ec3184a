import { type Actor, can, type Phase, type SectionState } from '@plenary/model';

/** Why a section is read-only for this person, for the words under its title. */
export type ReadOnlyReason =
  /** Observers read along and never write. */
  | 'observer'
  /** The section is agreed (locked); only the focal point and facilitator change it. */
  | 'agreed'
  /** The plan is final; members and observers no longer write. */
  | 'final'
  /** In Drafting, another breakout group writes this section. */
  | 'other-group'
  /** In Drafting, the plenary's section is written by the facilitator and focal points. */
  | 'plenary'
  /** The connection was closed for good (withdrawn link, refused again): nothing is saved. */
  | 'disconnected';

/** Whether this person may write in a section now, and if not, why. */
export type SectionAccess = { writable: true } | { writable: false; reason: ReadOnlyReason };

// One object per answer, so a section's props stay the same while its access does and
// the section is not re-rendered.
const WRITABLE: SectionAccess = { writable: true };
const READ_ONLY = Object.fromEntries(
  (['observer', 'agreed', 'final', 'other-group', 'plenary', 'disconnected'] as const).map(
    (reason) => [reason, { writable: false, reason }],
  ),
) as Record<ReadOnlyReason, SectionAccess>;

/**
 * Turns the rights table into what a section editor does: editable or read-only with a
 * reason. The rule is `can()` itself, the one the server enforces, so an honest person
 * is never offered a change that the server would refuse.
 */
export function sectionAccess(
  actor: Actor,
  phase: Phase,
  section: Pick<SectionState, 'groupId' | 'status'>,
  connected = true,
): SectionAccess {
  if (!connected) return READ_ONLY.disconnected;
  if (can(actor, 'write-section', { phase, section })) return WRITABLE;
  if (actor.role === 'observer') return READ_ONLY.observer;
  if (section.status === 'agreed') return READ_ONLY.agreed;
  if (phase === 'final') return READ_ONLY.final;
  return section.groupId === null ? READ_ONLY.plenary : READ_ONLY['other-group'];
}
