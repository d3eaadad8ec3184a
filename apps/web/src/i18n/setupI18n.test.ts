// @vitest-environment happy-dom
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { writeSetting } from '../localSettings.ts';
import { chooseLanguage, setupI18n } from './i18n.ts';
import { km } from './km.ts';

describe('setupI18n', () => {
  it('loads Khmer before the first render on a device that reads it, and English on demand', async () => {
    writeSetting('plenary.language', 'km');
    await setupI18n();
    expect(i18next.language).toBe('km');
    expect(i18next.t('save.saved')).toBe(km.save.saved);
    expect(document.documentElement.lang).toBe('km');

    chooseLanguage('en');
    await new Promise<void>((resolve) => i18next.on('languageChanged', () => resolve()));
    expect(document.documentElement.lang).toBe('en');
    expect(i18next.t('save.saved')).toBe('All changes saved');
  });
});
