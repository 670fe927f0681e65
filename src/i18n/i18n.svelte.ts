import i18next, { type TOptions } from 'i18next';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';
import type { Locale } from './locales';

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * The current language as a rune: every `t()` call made while rendering reads it, so changing
 * the language re-renders every string. Formatting of dates and numbers follows the locale.
 */
class I18n {
  #locale = $state<Locale>('en');

  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    this.#locale = value;
    void instance.changeLanguage(value);
    document.documentElement.lang = value;
  }

  t = (key: string, options?: TOptions): string => {
    return instance.t(key, { ...options, lng: this.#locale });
  };

  date = (value: string | Date | null | undefined, style: 'date' | 'datetime' | 'time' = 'date'): string => {
    if (!value) return '';
    const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
    if (Number.isNaN(date.getTime())) return String(value);
    return this.#formatter(`date ${style}`, () => {
      const options: Intl.DateTimeFormatOptions =
        style === 'date' ? { dateStyle: 'medium' } : style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
      return new Intl.DateTimeFormat(this.#locale, options);
    }).format(date);
  };

  /** "Label: value" in running text, with the colon of the language (full-width in Chinese). */
  labelled = (label: string, value: string): string => this.t('common.labelled', { label, value });

  /** Items of a list in running text: "a, b" in English, "a、b" in Chinese. */
  list = (items: readonly string[]): string => items.join(this.t('common.listSeparator'));

  number = (value: number): string => this.#formatter('number', () => new Intl.NumberFormat(this.#locale)).format(value);

  /** Making an Intl formatter costs ~0.1 ms, and a list formats dates in every visible row on each render. */
  #formatters = new Map<string, { format(value: never): string }>();
  #formatter<F extends { format(value: never): string }>(kind: string, make: () => F): F {
    const key = `${this.#locale} ${kind}`;
    let formatter = this.#formatters.get(key) as F | undefined;
    if (!formatter) this.#formatters.set(key, (formatter = make()));
    return formatter;
  }

  bytes = (value: number): string => {
    const units = ['B', 'kB', 'MB', 'GB'];
    let n = value;
    let unit = 0;
    while (n >= 1024 && unit < units.length - 1) {
      n /= 1024;
      unit += 1;
    }
    return `${new Intl.NumberFormat(this.#locale, { maximumFractionDigits: unit ? 1 : 0 }).format(n)} ${units[unit]}`;
  };

  regionName = (code: string): string => {
    try {
      return new Intl.DisplayNames([this.#locale], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
}

export const i18n = new I18n();
export const t = i18n.t;
