import { describe, expect, it } from 'vitest';
import type { Phase, SectionStatus } from './plan.ts';
import { type Action, type Actor, can, ROLES } from './rights.ts';

const PHASES: Phase[] = ['drafting', 'review', 'final'];
const STATUSES: SectionStatus[] = ['drafting', 'in-review', 'agreed'];
const SECTION_KINDS = {
  own: 'g1',
  other: 'g2',
  plenary: null,
} as const;

const member: Actor = { role: 'member', groupId: 'g1' };

/** The rights table as the issue states it, written out independently of `can`. */
function expectedWrite(
  role: Actor['role'],
  phase: Phase,
  kind: keyof typeof SECTION_KINDS,
  status: SectionStatus,
): boolean {
  if (role === 'facilitator' || role === 'focal-point') return true;
  if (role === 'observer' || status === 'agreed' || phase === 'final') return false;
  if (phase === 'review') return true;
  return kind === 'own';
}

describe('can: write-section for every role x phase x section kind x status', () => {
  for (const role of ROLES) {
    for (const phase of PHASES) {
      for (const [kind, groupId] of Object.entries(SECTION_KINDS) as [
        keyof typeof SECTION_KINDS,
        string | null,
      ][]) {
        for (const status of STATUSES) {
          const expected = expectedWrite(role, phase, kind, status);
          it(`${role} ${expected ? 'may' : 'may not'} write a ${status} ${kind} section in ${phase}`, () => {
            const actor: Actor = { role, groupId: role === 'member' ? 'g1' : null };
            expect(can(actor, 'write-section', { phase, section: { groupId, status } })).toBe(
              expected,
            );
          });
        }
      }
    }
  }
});

describe('can: plan-level actions', () => {
  /** Who may take each action that needs no section, in every phase. */
  const whoMay: Record<Exclude<Action, 'write-section'>, Actor['role'][]> = {
    'edit-structure': ['facilitator'],
    'set-phase': ['facilitator'],
    'manage-links': ['facilitator'],
    'approve-section': ['facilitator', 'focal-point'],
    'decide-suggestions': ['facilitator', 'focal-point'],
    present: ['facilitator', 'focal-point'],
    'save-version': ['facilitator', 'focal-point'],
    'restore-version': ['facilitator', 'focal-point'],
    comment: ['facilitator', 'focal-point', 'member'],
    'moderate-comments': ['facilitator', 'focal-point'],
    'run-rounds': ['facilitator', 'focal-point'],
    'answer-rounds': ['focal-point', 'member'],
  };
  const all = Object.keys(whoMay) as (keyof typeof whoMay)[];
  for (const role of ROLES) {
    for (const phase of PHASES) {
      it(`${role} in ${phase}`, () => {
        const actor: Actor = { role, groupId: role === 'member' ? 'g1' : null };
        const allowed = all.filter((action) => can(actor, action, { phase }));
        expect(allowed).toEqual(all.filter((action) => whoMay[action].includes(role)));
      });
    }
  }

  it('a member without a section context writes nothing', () => {
    expect(can(member, 'write-section', { phase: 'review' })).toBe(false);
  });
});
