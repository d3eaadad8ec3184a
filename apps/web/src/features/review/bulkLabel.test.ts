import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { km } from '../../i18n/km.ts';
import { bulkLabel, type FilterNames } from './bulkLabel.ts';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, km: { translation: km } },
  initAsync: false,
});

const names: FilterNames = {
  group: (groupId) => (groupId === null ? 'Plenary' : `Group ${groupId}`),
  author: (authorId) => (authorId === 'a1' ? 'Dara' : authorId),
  section: (sectionId) => (sectionId === 's4' ? 'Roadmap' : sectionId),
};

describe('bulkLabel', () => {
  const t = i18n.getFixedT('en');

  it('says how many and from which group', () => {
    expect(bulkLabel(t, 'accept', 12, { groupId: '2' }, names)).toBe('Accept 12 from Group 2');
    expect(bulkLabel(t, 'reject', 1, { groupId: null }, names)).toBe('Reject 1 from Plenary');
  });

  it('names the author rather than the group when both are filtered', () => {
    expect(bulkLabel(t, 'reject', 3, { groupId: '2', authorId: 'a1' }, names)).toBe(
      'Reject 3 from Dara',
    );
  });

  it('names the section when it is filtered', () => {
    expect(bulkLabel(t, 'accept', 4, { groupId: '2', sectionId: 's4' }, names)).toBe(
      'Accept 4 from Group 2 in “Roadmap”',
    );
    expect(bulkLabel(t, 'reject', 5, { sectionId: 's4' }, names)).toBe('Reject 5 in “Roadmap”');
  });

  it('says "all" without a filter', () => {
    expect(bulkLabel(t, 'accept', 20, {}, names)).toBe('Accept all 20');
  });

  it('is translated into Khmer', () => {
    expect(bulkLabel(i18n.getFixedT('km'), 'accept', 12, { groupId: '2' }, names)).toBe(
      'ទទួលយក 12 ពី Group 2',
    );
  });
});
