// Per-request async context: the locale that error and validation messages are written in.
// Set around every HTTP request and every WebSocket operation (see http/server.ts).
import { AsyncLocalStorage } from 'node:async_hooks';

export type Locale = 'fr' | 'en';
export const DEFAULT_LOCALE: Locale = 'fr';

const storage = new AsyncLocalStorage<{ locale: Locale }>();

export function runWithLocale<T>(locale: Locale, fn: () => T): T {
  return storage.run({ locale }, fn);
}

export function currentLocale(): Locale {
  return storage.getStore()?.locale ?? DEFAULT_LOCALE;
}

/** Picks fr or en from an Accept-Language header (or a bare "fr"/"en"); French by default. */
export function localeFromHeader(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
