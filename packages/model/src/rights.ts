/**
 * Who may do what in a plan: one table, used by the server to enforce and by the web
 * app to shape its controls, so an honest user never meets a refusal.
 */
import type { Phase, SectionState } from './plan.ts';

/** The roles a link can grant. */
export type Role = 'facilitator' | 'focal-point' | 'member' | 'observer';

/** Every role, in the order the Share panel lists them. */
export const ROLES: readonly Role[] = ['facilitator', 'focal-point', 'member', 'observer'];

/** Someone acting in a plan: their role and, for members, their breakout group. */
export interface Actor {
  role: Role;
  groupId: string | null;
}

/** What an actor may attempt. */
export type Action =
  /** Change a section's text (in Suggesting mode or directly). */
  | 'write-section'
  /** Change the plan's structure: title, sections, groups. */
  | 'edit-structure'
  /** Move the plan between Drafting, Review and Final. */
  | 'set-phase'
  /** Create, show and revoke invite links; see participants. */
  | 'manage-links'
  /** Mark a section agreed (locked) or reopen it. */
  | 'approve-section'
  /** Accept or reject suggestions. */
  | 'decide-suggestions'
  /** Choose what the projectors show. */
  | 'present'
  /** Save a named version of the plan. */
  | 'save-version'
  /** Bring a section or the whole plan back to a saved version. */
  | 'restore-version'
  /** Start a comment thread or reply to one, in every phase, on any section. */
  | 'comment'
  /** Resolve or reopen anyone's comment thread (authors may always do their own). */
  | 'moderate-comments'
  /** Open and close consensus rounds. */
  | 'run-rounds'
  /** Answer the recommendations of an open consensus round. */
  | 'answer-rounds';

/** The plan state an action is judged against. */
export interface RightsContext {
  phase: Phase;
  /** The section acted on, for `write-section`. */
  section?: Pick<SectionState, 'groupId' | 'status'>;
}

const STEERING: readonly Action[] = [
  'approve-section',
  'decide-suggestions',
  'present',
  'save-version',
  'restore-version',
  'moderate-comments',
  'run-rounds',
];

/** What every participant but an observer may do, in every phase and section. */
const DISCUSSING: readonly Action[] = ['comment', 'answer-rounds'];

/** True when `actor` may perform `action` in the given plan state. */
export function can(actor: Actor, action: Action, context: RightsContext): boolean {
  switch (actor.role) {
    case 'facilitator':
      // The facilitator runs a round, and so does not answer it.
      return action !== 'answer-rounds';
    case 'focal-point':
      return action === 'write-section' || STEERING.includes(action) || DISCUSSING.includes(action);
    case 'observer':
      return false;
    case 'member': {
      if (DISCUSSING.includes(action)) return true;
      if (action !== 'write-section' || !context.section) return false;
      if (context.section.status === 'agreed') return false;
      if (context.phase === 'drafting') {
        return context.section.groupId !== null && context.section.groupId === actor.groupId;
      }
      return context.phase === 'review';
    }
  }
}
