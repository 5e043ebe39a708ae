import { useI18n } from 'vue-i18n';
import { intlTag, isLocale } from '../i18n';

/** Locale-aware date formatting for templates. */
export function useFormat() {
  const { locale } = useI18n();
  const tag = () => intlTag(isLocale(locale.value) ? locale.value : 'fr');

  function parse(value: string | Date): Date | null {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  return {
    formatDate(value: string | Date): string {
      const date = parse(value);
      return date ? new Intl.DateTimeFormat(tag(), { dateStyle: 'long' }).format(date) : String(value);
    },
    formatDateTime(value: string | Date): string {
      const date = parse(value);
      return date
        ? new Intl.DateTimeFormat(tag(), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date)
        : String(value);
    },
    /** "mardi 8 décembre 2026" */
    formatDay(value: string | Date): string {
      const date = parse(value);
      return date ? new Intl.DateTimeFormat(tag(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date) : String(value);
    },
    formatTime(value: string | Date): string {
      const date = parse(value);
      return date ? new Intl.DateTimeFormat(tag(), { hour: '2-digit', minute: '2-digit' }).format(date) : String(value);
    },
    formatNumber(value: number): string {
      return new Intl.NumberFormat(tag(), { maximumFractionDigits: 2 }).format(value);
    },
    /** A rate from 0 to 1 as a percentage: "66,7 %". */
    formatPercent(rate: number): string {
      return new Intl.NumberFormat(tag(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
    },
  };
}
