/**
 * Who suggests by default: a plan setting per role and phase (members in Review, unless the
 * facilitator decides otherwise). It lives in the `plan` map, so every client switches its
 * people's editors live when it changes, and only the server (for the facilitator) writes it.
 *
 * The setting shapes the editor, and the server holds those who must suggest to it: their
 * changes are accepted only as their own suggestions (see the README, "Enforcement").
 */
import type * as Y from 'yjs';
import { type Phase, PLAN_ROOT } from './plan.ts';
import { type Actor, can, type Role } from './rights.ts';

/** The roles that write, and so may be asked to suggest rather than edit. */
export type WritingRole = Exclude<Role, 'observer'>;

export const WRITING_ROLES: readonly WritingRole[] = ['member', 'focal-point', 'facilitator'];

/** For each role that writes, the phases in which its changes are suggestions by default. */
export type SuggestingPolicy = Record<WritingRole, Phase[]>;

/** Breakout groups draft directly; in Review their changes are proposals for the plenary. */
export const DEFAULT_SUGGESTING_POLICY: SuggestingPolicy = {
  member: ['review'],
  'focal-point': [],
  facilitator: [],
};

const PHASE_ORDER: readonly Phase[] = ['drafting', 'review', 'final'];

// Each role's phases once, in the order the dialogue goes through them.
const tidy = (phases: readonly unknown[]): Phase[] =>
  PHASE_ORDER.filter((phase) => phases.includes(phase));

/** The policy as stored, with the default for anything never set (or unreadable). */
export function readSuggestingPolicy(doc: Y.Doc): SuggestingPolicy {
  const stored = doc.getMap<unknown>(PLAN_ROOT).get('suggesting');
  const policy = { ...DEFAULT_SUGGESTING_POLICY };
  if (stored && typeof stored === 'object') {
    for (const role of WRITING_ROLES) {
      const phases = (stored as Partial<Record<WritingRole, unknown>>)[role];
      if (Array.isArray(phases)) policy[role] = tidy(phases);
    }
  }
  return policy;
}

/** Changes the phases of the roles given; the others keep theirs. */
export function setSuggestingPolicy(
  doc: Y.Doc,
  change: Partial<SuggestingPolicy>,
): SuggestingPolicy {
  const next = { ...readSuggestingPolicy(doc) };
  for (const role of WRITING_ROLES) {
    const phases = change[role];
    if (phases) next[role] = tidy(phases);
  }
  doc.getMap<unknown>(PLAN_ROOT).set('suggesting', next);
  return next;
}

/** True when the actor's changes should be suggestions unless they choose otherwise. */
export function suggestsByDefault(
  actor: Actor,
  phase: Phase,
  policy: SuggestingPolicy = DEFAULT_SUGGESTING_POLICY,
): boolean {
  return actor.role !== 'observer' && policy[actor.role].includes(phase);
}

/**
 * True when the actor's changes must be suggestions: they suggest by default and may not
 * choose otherwise (only those who decide suggestions choose their mode, as the web app's
 * mode switch does). The server refuses their changes that are not their own suggestions.
 */
export function mustSuggest(
  actor: Actor,
  phase: Phase,
  policy: SuggestingPolicy = DEFAULT_SUGGESTING_POLICY,
): boolean {
  return suggestsByDefault(actor, phase, policy) && !can(actor, 'decide-suggestions', { phase });
}
