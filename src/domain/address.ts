import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';
import { TEXT_LIMITS } from './text-limits';

export interface Address {
  street: string;
  city: string;
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 (CN, US), or '' when unknown. */
  country: string;
}

export const emptyAddress: Address = { street: '', city: '', region: '', postalCode: '', country: '' };

const part = (max: number) => z.string().transform(cleanText).pipe(z.string().max(max, ErrorCode.tooLong));
const country = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => s === '' || /^[A-Z]{2}$/.test(s), ErrorCode.countryInvalid);

export const addressDraftSchema = z.object({
  street: part(TEXT_LIMITS.street),
  city: part(TEXT_LIMITS.city),
  region: part(TEXT_LIMITS.region),
  postalCode: part(TEXT_LIMITS.postalCode),
  country,
});

export const addressSchema = z.object({
  street: part(TEXT_LIMITS.street).default(''),
  city: part(TEXT_LIMITS.city).default(''),
  region: part(TEXT_LIMITS.region).default(''),
  postalCode: part(TEXT_LIMITS.postalCode).default(''),
  country: country.default(''),
});
