import { z } from 'zod';

const emailCheck = z.email();

/** Trimmed and lower-cased, or null when it is not a plausible address. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (!value) return null;
  return emailCheck.safeParse(value).success ? value : null;
}
