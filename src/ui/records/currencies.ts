/** Currencies people here use most, first; then every other code the browser knows, by name. */
const common = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'JPY', 'GBP', 'SGD'];

export interface CurrencyOption {
  code: string;
  label: string;
}

export function currencyOptions(locale: string, current: string): CurrencyOption[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : common;
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'currency' });
  } catch {
    names = null;
  }
  const label = (code: string) => {
    const name = names?.of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  };
  const codes = [...new Set([...common, ...(current ? [current] : [])])];
  const rest = known.filter((c) => !codes.includes(c)).map((code) => ({ code, label: label(code) }));
  rest.sort((a, b) => a.label.localeCompare(b.label, locale));
  return [...codes.map((code) => ({ code, label: label(code) })), ...rest];
}
