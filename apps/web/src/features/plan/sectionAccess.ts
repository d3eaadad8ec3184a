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
  if (!connected) return { writable: false, reason: 'disconnected' };
  if (can(actor, 'write-section', { phase, section })) return { writable: true };
  if (actor.role === 'observer') return { writable: false, reason: 'observer' };
  if (section.status === 'agreed') return { writable: false, reason: 'agreed' };
  if (phase === 'final') return { writable: false, reason: 'final' };
  return { writable: false, reason: section.groupId === null ? 'plenary' : 'other-group' };
}
