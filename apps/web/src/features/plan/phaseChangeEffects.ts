import type { Phase, SuggestingPolicy } from '@plenary/model';

/** One line of what a phase change does, as an i18n key under `phaseChange`. */
export type PhaseEffect =
  | 'membersOwnGroup'
  | 'membersOwnGroupSuggest'
  | 'membersEverySection'
  | 'membersEverySectionSuggest'
  | 'membersReadOnly'
  | 'focalPointsSuggest'
  | 'focalPointsDirect'
  | 'observers'
  | 'version';

/**
 * What moving the plan into phase `to` changes for whom, from the same rules the server
 * enforces (`can`) and the plan's suggesting setting, so that the question the facilitator
 * answers says what will happen. Lines follow the roles: members, focal points,
 * observers, and the version saved with every phase change.
 */
export function phaseChangeEffects(to: Phase, policy: SuggestingPolicy): PhaseEffect[] {
  const memberSuggests = policy.member.includes(to);
  const members: PhaseEffect =
    to === 'final'
      ? 'membersReadOnly'
      : to === 'drafting'
        ? memberSuggests
          ? 'membersOwnGroupSuggest'
          : 'membersOwnGroup'
        : memberSuggests
          ? 'membersEverySectionSuggest'
          : 'membersEverySection';
  const focalPoints: PhaseEffect = policy['focal-point'].includes(to)
    ? 'focalPointsSuggest'
    : 'focalPointsDirect';
  return [members, focalPoints, 'observers', 'version'];
}
