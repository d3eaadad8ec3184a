import type { Actor, Phase, SectionStatus } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { sectionAccess } from './sectionAccess.ts';

const member: Actor = { role: 'member', groupId: 'g1' };
const facilitator: Actor = { role: 'facilitator', groupId: null };
const focalPoint: Actor = { role: 'focal-point', groupId: null };
const observer: Actor = { role: 'observer', groupId: null };

const section = (groupId: string | null, status: SectionStatus = 'drafting') => ({
  groupId,
  status,
});

const writable = (actor: Actor, phase: Phase, groupId: string | null, status?: SectionStatus) =>
  sectionAccess(actor, phase, section(groupId, status));

describe('sectionAccess', () => {
  it('lets a member write only in their own group’s sections while drafting', () => {
    expect(writable(member, 'drafting', 'g1')).toEqual({ writable: true });
    expect(writable(member, 'drafting', 'g2')).toEqual({ writable: false, reason: 'other-group' });
    expect(writable(member, 'drafting', null)).toEqual({ writable: false, reason: 'plenary' });
  });

  it('lets a member write in every section that is not agreed during review', () => {
    expect(writable(member, 'review', 'g2')).toEqual({ writable: true });
    expect(writable(member, 'review', null, 'in-review')).toEqual({ writable: true });
    expect(writable(member, 'review', 'g1', 'agreed')).toEqual({
      writable: false,
      reason: 'agreed',
    });
  });

  it('makes everything read-only for members once the plan is final', () => {
    expect(writable(member, 'final', 'g1')).toEqual({ writable: false, reason: 'final' });
    expect(writable(member, 'final', 'g1', 'agreed')).toEqual({
      writable: false,
      reason: 'agreed',
    });
  });

  it('never lets an observer write', () => {
    for (const phase of ['drafting', 'review', 'final'] as const) {
      expect(writable(observer, phase, null)).toEqual({ writable: false, reason: 'observer' });
    }
  });

  it('lets the facilitator and focal points write everywhere, agreed and final included', () => {
    for (const actor of [facilitator, focalPoint]) {
      expect(writable(actor, 'final', 'g2', 'agreed')).toEqual({ writable: true });
      expect(writable(actor, 'drafting', null)).toEqual({ writable: true });
    }
  });

  it('makes everything read-only once the connection has ended', () => {
    expect(sectionAccess(facilitator, 'drafting', section(null), false)).toEqual({
      writable: false,
      reason: 'disconnected',
    });
  });
});
