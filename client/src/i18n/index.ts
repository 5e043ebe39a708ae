import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import { LOCALES, type Locale } from '../graphql/types';
import en from './en';
import fr, { type MessageSchema } from './fr';

export const LOCALE_STORAGE_KEY = 'certijury.locale';
export const DEFAULT_LOCALE: Locale = 'fr';
export { LOCALES };
export type { Locale };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale the user chose explicitly (persisted), or null when they never chose. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  globalInjection: true,
  locale: storedLocale() ?? DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { fr, en },
});

/** The current UI locale (reactive). */
export function currentLocale(): Locale {
  return i18n.global.locale.value;
}

/** Switch the UI language; `persist` records it as the user's explicit choice. */
export function setLocale(locale: Locale, persist = true): void {
  i18n.global.locale.value = locale;
  if (!persist) return;
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    /* ignore storage failures */
  }
}

/** BCP 47 tag used for Intl formatting. */
export function intlTag(locale: Locale = currentLocale()): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

// Keep <html lang> in step with the UI language (screen readers, hyphenation, spell-check).
watch(
  () => i18n.global.locale.value,
  (locale) => {
    document.documentElement.lang = locale;
  },
  { immediate: true },
);
