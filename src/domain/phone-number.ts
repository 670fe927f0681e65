import { parsePhoneNumberFromString, getCountries, type CountryCode } from 'libphonenumber-js';

export type PhoneRegion = CountryCode;

const regions = new Set<string>(getCountries());

export function isPhoneRegion(value: string): value is PhoneRegion {
  return regions.has(value);
}

export function phoneRegions(): PhoneRegion[] {
  return getCountries();
}

/** Normalises what a person typed to E.164 (+8613800138000), or null when it is not a valid number. */
export function normalisePhone(raw: string, defaultRegion: PhoneRegion): string | null {
  const text = raw.trim();
  if (!text) return null;
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  return parsed?.isValid() ? parsed.number : null;
}

/** E.164 is what we store; anything else in the doc came from a buggy or hostile peer. */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(value);
}

const FORMATTED_LIMIT = 5000;
const formattedPhones = new Map<string, string>();

/**
 * National format for numbers of the workspace's region, international for the others,
 * so a Chinese shop sees 138 0013 8000 but a US customer is still unambiguous.
 */
export function formatPhone(e164: string, displayRegion: PhoneRegion): string {
  const key = `${displayRegion} ${e164}`;
  let formatted = formattedPhones.get(key);
  if (formatted === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    formatted = !parsed ? e164 : parsed.country === displayRegion ? parsed.formatNational() : parsed.formatInternational();
    // Parsing costs ~0.1 ms and a scrolling list formats every visible row on each render.
    if (formattedPhones.size >= FORMATTED_LIMIT) formattedPhones.clear();
    formattedPhones.set(key, formatted);
  }
  return formatted;
}

/** Digits only, for matching fragments later (search). */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}
