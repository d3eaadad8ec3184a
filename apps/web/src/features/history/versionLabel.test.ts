import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { km } from '../../i18n/km.ts';
import { versionLabel, versionTime } from './versionLabel.ts';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, km: { translation: km } },
  initAsync: false,
});
const t = i18n.getFixedT('en');

describe('versionLabel', () => {
  it('names a named version by its name', () => {
    expect(versionLabel({ name: 'End of day 1', reason: 'named' }, t)).toBe('End of day 1');
  });

  it('names an automatic version by why it was made', () => {
    expect(versionLabel({ name: null, reason: 'phase' }, t)).toBe('Phase changed');
    expect(versionLabel({ name: null, reason: 'activity' }, t)).toBe('Automatic, while editing');
  });

  it('keeps the name the server gave a version saved before a restore', () => {
    const name = 'Before restoring “End of day 1”';
    expect(versionLabel({ name, reason: 'restore' }, t)).toBe(name);
    expect(versionLabel({ name: null, reason: 'restore' }, t)).toBe('Before a restore');
  });

  it('speaks Khmer', () => {
    expect(versionLabel({ name: null, reason: 'phase' }, i18n.getFixedT('km'))).toBe(
      'បានប្ដូរដំណាក់កាល',
    );
  });
});

describe('versionTime', () => {
  // Mid-month and mid-day, so the machine's time zone cannot move it to another date.
  const at = '2025-03-14T12:00:00.000Z';

  it('gives the date and the time of day in the reader’s language', () => {
    const english = versionTime(at, 'en');
    expect(english).toContain('Mar');
    expect(english).toContain('2025');
    expect(versionTime(at, 'km')).not.toBe(english);
  });
});
