import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Phase } from './plan.ts';
import type { Actor } from './rights.ts';
import {
  DEFAULT_SUGGESTING_POLICY,
  mustSuggest,
  readSuggestingPolicy,
  setSuggestingPolicy,
  suggestsByDefault,
} from './suggestingPolicy.ts';

const PHASES: Phase[] = ['drafting', 'review', 'final'];
const member: Actor = { role: 'member', groupId: 'g1' };
const focalPoint: Actor = { role: 'focal-point', groupId: null };

describe('who suggests by default', () => {
  it('is members in Review until the plan says otherwise', () => {
    const doc = new Y.Doc();
    const policy = readSuggestingPolicy(doc);
    expect(policy).toEqual(DEFAULT_SUGGESTING_POLICY);
    expect(PHASES.filter((phase) => suggestsByDefault(member, phase, policy))).toEqual(['review']);
    expect(suggestsByDefault(focalPoint, 'review', policy)).toBe(false);
    expect(suggestsByDefault({ role: 'observer', groupId: null }, 'review', policy)).toBe(false);
  });

  it('follows the plan setting for each role, live in every copy of the doc', () => {
    const [facilitator, participant] = [new Y.Doc(), new Y.Doc()];
    facilitator.on('update', (update: Uint8Array) => Y.applyUpdate(participant, update));
    setSuggestingPolicy(facilitator, { member: ['final', 'drafting', 'final', 'review'] });
    setSuggestingPolicy(facilitator, { 'focal-point': ['review'] });
    const policy = readSuggestingPolicy(participant);
    expect(policy).toEqual({
      member: ['drafting', 'review', 'final'],
      'focal-point': ['review'],
      facilitator: [],
    });
    expect(suggestsByDefault(member, 'drafting', policy)).toBe(true);
    expect(suggestsByDefault(focalPoint, 'review', policy)).toBe(true);
  });

  it('reads a damaged setting as the default for what it cannot read', () => {
    const doc = new Y.Doc();
    doc.getMap('plan').set('suggesting', { member: 'review', facilitator: ['drafting', 'later'] });
    expect(readSuggestingPolicy(doc)).toEqual({
      ...DEFAULT_SUGGESTING_POLICY,
      facilitator: ['drafting'],
    });
  });

  it('holds to it those who may not choose: members, not those who decide suggestions', () => {
    const policy = { ...DEFAULT_SUGGESTING_POLICY, 'focal-point': ['review' as Phase] };
    expect(PHASES.filter((phase) => mustSuggest(member, phase, policy))).toEqual(['review']);
    expect(mustSuggest(focalPoint, 'review', policy)).toBe(false);
    expect(mustSuggest(member, 'drafting', { ...policy, member: ['drafting'] })).toBe(true);
  });
});
