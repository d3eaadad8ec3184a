import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readSetting, writeSetting } from '../localSettings.ts';
import { en } from './en.ts';

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

// Khmer is fetched only by those who read it: most devices never need its strings.
const loadKhmer = async (): Promise<void> => {
  if (i18next.hasResourceBundle('km', 'translation')) return;
  const { km } = await import('./km.ts');
  i18next.addResourceBundle('km', 'translation', km);
};

/**
 * Starts i18next in this device's language and keeps `<html lang>` in step with the
 * choice. English is bundled; Khmer is loaded first when it is the language to start in,
 * so the first render already reads in it.
 */
export async function setupI18n(): Promise<void> {
  const language = initialLanguage(readSetting('plenary.language'), navigator.languages ?? []);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    initAsync: false,
    // React escapes text itself.
    interpolation: { escapeValue: false },
  });
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
  });
  document.documentElement.lang = 'en';
  if (language !== 'en') {
    try {
      await loadKhmer();
      await i18next.changeLanguage(language);
    } catch {
      // Offline before the Khmer strings were ever cached: English until they can load.
    }
  }
}

/** Switches the UI language (loading its strings first) and remembers it on this device. */
export function chooseLanguage(language: Language): void {
  writeSetting('plenary.language', language);
  void (language === 'km' ? loadKhmer() : Promise.resolve()).then(() =>
    i18next.changeLanguage(language),
  );
}
