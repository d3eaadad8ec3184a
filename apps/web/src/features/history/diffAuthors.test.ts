import type { GroupState } from '@plenary/model';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { PLENARY_COLOR } from '../../collab/authorColors.ts';
import { en } from '../../i18n/en.ts';
import { changeColor, changeTitle, diffAuthors, legendOrder } from './diffAuthors.ts';

const groups: GroupState[] = [
  { id: 'g1', name: 'Group 1', color: '#1565c0', archived: false },
  { id: 'g2', name: 'Group 2', color: '#c62828', archived: true },
];
const authors = diffAuthors(
  [
    { participantId: 'p-sokha', name: 'Sokha', groupId: 'g2' },
    { participantId: 'p-alice', name: 'Alice', groupId: null },
    { participantId: 'p-dara', name: 'Dara', groupId: 'g1' },
    { participantId: 'p-bora', name: 'Bora', groupId: 'g1' },
    { participantId: 'p-gone', name: 'Vanna', groupId: 'g-deleted' },
  ],
  groups,
);

describe('changeColor', () => {
  it('colours a change in its author’s group colour, a removed group’s too', () => {
    expect(changeColor('p-dara', authors)).toBe('#1565c0');
    expect(changeColor('p-sokha', authors)).toBe('#c62828');
  });

  it('uses the plenary’s colour for the plenary and for anyone unknown', () => {
    expect(changeColor('p-alice', authors)).toBe(PLENARY_COLOR);
    expect(changeColor('p-gone', authors)).toBe(PLENARY_COLOR);
    expect(changeColor('p-nobody', authors)).toBe(PLENARY_COLOR);
    expect(changeColor(null, authors)).toBe(PLENARY_COLOR);
  });
});

describe('legendOrder', () => {
  it('lists people by group in the plan’s order, the plenary last, names sorted within', () => {
    expect(legendOrder(authors, groups).map((author) => author.name)).toEqual([
      'Bora',
      'Dara',
      'Sokha',
      'Alice',
      'Vanna',
    ]);
  });
});

describe('changeTitle', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false });
  const t = i18n.getFixedT('en');

  it('names the author and their group, or the plenary', () => {
    expect(changeTitle('inserted', authors.get('p-dara'), t)).toBe('Added by Dara (Group 1)');
    expect(changeTitle('deleted', authors.get('p-alice'), t)).toBe('Removed by Alice (Plenary)');
  });

  it('says only what happened when the author is unknown', () => {
    expect(changeTitle('deleted', undefined, t)).toBe('Removed');
  });
});
