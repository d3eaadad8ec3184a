import {
  type Actor,
  can,
  DEFAULT_SUGGESTING_POLICY,
  type Phase,
  type SuggestingPolicy,
  suggestsByDefault,
} from '@plenary/model';
import type { EditingMode } from '@plenary/suggestions';

/** The modes in the order the mode switch shows them. */
export const EDITING_MODES: readonly EditingMode[] = ['editing', 'suggesting'];

/** The mode a person's changes land in until they choose, as the plan's setting says. */
export function defaultEditingMode(
  actor: Actor,
  phase: Phase,
  policy: SuggestingPolicy = DEFAULT_SUGGESTING_POLICY,
): EditingMode {
  return suggestsByDefault(actor, phase, policy) ? 'suggesting' : 'editing';
}

/**
 * True when a person may choose between Editing and Suggesting: those who decide
 * suggestions. Members write only as the plan's setting says (proposals in Review).
 */
export function choosesEditingMode(actor: Actor, phase: Phase): boolean {
  return can(actor, 'decide-suggestions', { phase });
}

/** The mode a person's changes land in: their choice where they may choose, else the default. */
export function editingModeFor(
  actor: Actor,
  phase: Phase,
  chosen: EditingMode | null,
  policy: SuggestingPolicy = DEFAULT_SUGGESTING_POLICY,
): EditingMode {
  return choosesEditingMode(actor, phase) && chosen
    ? chosen
    : defaultEditingMode(actor, phase, policy);
}
