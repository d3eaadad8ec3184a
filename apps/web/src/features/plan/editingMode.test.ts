import type { Actor, Phase } from '@plenary/model';
import { describe, expect, it } from 'vitest';
import { choosesEditingMode, defaultEditingMode, editingModeFor } from './editingMode.ts';

const member: Actor = { role: 'member', groupId: 'g1' };
const focalPoint: Actor = { role: 'focal-point', groupId: null };
const facilitator: Actor = { role: 'facilitator', groupId: null };
const PHASES: Phase[] = ['drafting', 'review', 'final'];

describe('defaultEditingMode', () => {
  it('makes members suggest in Review and edit otherwise', () => {
    expect(PHASES.map((phase) => defaultEditingMode(member, phase))).toEqual([
      'editing',
      'suggesting',
      'editing',
    ]);
  });

  it('lets the focal point and facilitator edit directly in every phase', () => {
    for (const phase of PHASES) {
      expect(defaultEditingMode(focalPoint, phase)).toBe('editing');
      expect(defaultEditingMode(facilitator, phase)).toBe('editing');
    }
  });
});

describe('editingModeFor', () => {
  it('follows the choice of those who decide suggestions', () => {
    expect(choosesEditingMode(focalPoint, 'review')).toBe(true);
    expect(editingModeFor(focalPoint, 'review', 'suggesting')).toBe('suggesting');
    expect(editingModeFor(facilitator, 'drafting', 'suggesting')).toBe('suggesting');
    expect(editingModeFor(facilitator, 'drafting', null)).toBe('editing');
  });

  it('follows the plan setting for who suggests when', () => {
    const policy = {
      member: ['drafting' as const],
      'focal-point': ['review' as const],
      facilitator: [],
    };
    expect(PHASES.map((phase) => defaultEditingMode(member, phase, policy))).toEqual([
      'suggesting',
      'editing',
      'editing',
    ]);
    expect(editingModeFor(focalPoint, 'review', null, policy)).toBe('suggesting');
    expect(editingModeFor(focalPoint, 'review', 'editing', policy)).toBe('editing');
    expect(editingModeFor(member, 'drafting', 'editing', policy)).toBe('suggesting');
  });

  it('keeps members in Review suggesting whatever was chosen', () => {
    expect(choosesEditingMode(member, 'review')).toBe(false);
    expect(editingModeFor(member, 'review', 'editing')).toBe('suggesting');
    expect(editingModeFor(member, 'drafting', 'suggesting')).toBe('editing');
  });
});
