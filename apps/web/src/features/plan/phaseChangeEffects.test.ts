import { can, DEFAULT_SUGGESTING_POLICY } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { phaseChangeEffects } from './phaseChangeEffects.ts';

const member = { role: 'member', groupId: 'g1' } as const;

describe('phaseChangeEffects', () => {
  it('says what the rights table says members may do in each phase', () => {
    const own = { groupId: 'g1', status: 'drafting' } as const;
    const other = { groupId: 'g2', status: 'drafting' } as const;
    // The words follow the rules: checked against can() so that they cannot drift apart.
    expect(can(member, 'write-section', { phase: 'drafting', section: other })).toBe(false);
    expect(phaseChangeEffects('drafting', DEFAULT_SUGGESTING_POLICY)[0]).toBe('membersOwnGroup');
    expect(can(member, 'write-section', { phase: 'review', section: other })).toBe(true);
    expect(phaseChangeEffects('review', DEFAULT_SUGGESTING_POLICY)[0]).toBe(
      'membersEverySectionSuggest',
    );
    expect(can(member, 'write-section', { phase: 'final', section: own })).toBe(false);
    expect(phaseChangeEffects('final', DEFAULT_SUGGESTING_POLICY)[0]).toBe('membersReadOnly');
  });

  it('follows the plan’s suggesting setting', () => {
    const policy = {
      member: ['drafting' as const],
      'focal-point': ['review' as const],
      facilitator: [],
    };
    expect(phaseChangeEffects('drafting', policy)).toEqual([
      'membersOwnGroupSuggest',
      'focalPointsDirect',
      'observers',
      'version',
    ]);
    expect(phaseChangeEffects('review', policy).slice(0, 2)).toEqual([
      'membersEverySection',
      'focalPointsSuggest',
    ]);
  });
});
