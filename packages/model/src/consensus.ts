/**
 * How much support a recommendation had in a closed consensus round, in words the plan
 * and the report show beside it. Abstentions count as answers but neither for nor against.
 */

/** A recommendation's answers, counted. */
export interface Tally {
  agree: number;
  disagree: number;
  abstain: number;
}

/** The level of support a tally shows, from the strongest. */
export type SupportLevel = 'consensus' | 'broad' | 'majority' | 'divided' | 'opposed' | 'none';

/**
 * Consensus: agreed, nobody disagreeing; broad: at least three in four of those who took
 * a side agree; majority: more than half; divided: exactly half; opposed: fewer; none:
 * nobody took a side.
 */
export function supportLevel({ agree, disagree }: Tally): SupportLevel {
  const sided = agree + disagree;
  if (sided === 0) return 'none';
  if (disagree === 0) return 'consensus';
  const share = agree / sided;
  if (share >= 0.75) return 'broad';
  if (share > 0.5) return 'majority';
  return share === 0.5 ? 'divided' : 'opposed';
}

/** The level's name in English, for the report. */
export const SUPPORT_LABELS: Record<SupportLevel, string> = {
  consensus: 'Consensus',
  broad: 'Broad support',
  majority: 'Majority support',
  divided: 'Divided',
  opposed: 'Not supported',
  none: 'No position taken',
};
