import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { initialLanguage } from './i18n.ts';
import { km } from './km.ts';

describe('initialLanguage', () => {
  it('prefers the language chosen on this device', () => {
    expect(initialLanguage('km', ['en-US'])).toBe('km');
  });

  it('falls back to the first browser language Plenary speaks', () => {
    expect(initialLanguage(null, ['fr-FR', 'km-KH', 'en'])).toBe('km');
    expect(initialLanguage('xx', ['en-GB'])).toBe('en');
  });

  it('defaults to English', () => {
    expect(initialLanguage(null, ['th-TH'])).toBe('en');
  });
});

describe('Khmer strings', () => {
  // The type checks the keys; this catches a value left in English by copy and paste.
  it('translate every English sentence', () => {
    const pairs: [string, string][] = [];
    const walk = (a: object, b: object): void => {
      for (const [key, value] of Object.entries(a)) {
        const other = (b as Record<string, unknown>)[key];
        if (typeof value === 'string') pairs.push([value, String(other)]);
        else walk(value, other as object);
      }
    };
    walk(en, km);
    // A sentence has two words outside its placeholders; "{{level}} · {{tally}}" has none.
    const isSentence = (text: string): boolean =>
      /\p{L}+\s+\p{L}+/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));
    const untranslated = pairs.filter(
      ([english, khmer]) => english === khmer && isSentence(english),
    );
    expect(untranslated).toEqual([]);
  });
});
