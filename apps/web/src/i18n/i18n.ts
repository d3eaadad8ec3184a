import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readSetting, writeSetting } from '../localSettings.ts';
import { en } from './en.ts';
import { km } from './km.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** The UI languages, each named in itself so people can find their own. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'km', name: 'ខ្មែរ' },
] as const;

/** A UI language code. */
export type Language = (typeof LANGUAGES)[number]['code'];

const isLanguage = (value: string): value is Language =>
  LANGUAGES.some((language) => language.code === value);

/** The language to start in: the one chosen on this device, else the browser's, else English. */
export function initialLanguage(
  stored: string | null,
  browserLanguages: readonly string[],
): Language {
  if (stored && isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Starts i18next with both languages and keeps `<html lang>` in step with the choice. */
export function setupI18n(): void {
  const language = initialLanguage(readSetting('plenary.language'), navigator.languages ?? []);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, km: { translation: km } },
    lng: language,
    fallbackLng: 'en',
    // Resources are bundled, so the first render can already translate.
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
}

/** Switches the UI language and remembers it on this device. */
export function chooseLanguage(language: Language): void {
  writeSetting('plenary.language', language);
  void i18next.changeLanguage(language);
}
