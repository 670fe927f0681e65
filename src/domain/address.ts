import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { cleanText } from './text';

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
  street: part(200),
  city: part(100),
  region: part(100),
  postalCode: part(20),
  country,
});

export const addressSchema = z.object({
  street: part(200).default(''),
  city: part(100).default(''),
  region: part(100).default(''),
  postalCode: part(20).default(''),
  country: country.default(''),
});
