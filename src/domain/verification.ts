import { z } from 'zod';
import { isoTimestamp } from './record-meta';
import { addMonths, localDateOf } from './date-math';

/**
 * "Mark verified": someone checked that a customer's details are still right. Two more fields
 * of the customer record (customerSchema keeps unknown fields, so older versions keep them too).
 */
export interface Verification {
  verifiedAt: string | null;
  verifiedBy: string | null;
}

export const verificationShape = {
  verifiedAt: isoTimestamp.nullable().catch(null).default(null),
  verifiedBy: z.string().min(1).max(64).nullable().catch(null).default(null),
};
const verificationSchema = z.object(verificationShape);

export function readVerification(customer: object): Verification {
  return verificationSchema.parse(customer);
}

export function markVerifiedPatch(stamp: { by: string; at: string }): Verification {
  return { verifiedAt: stamp.at, verifiedBy: stamp.by };
}

/**
 * When the details should be looked at again: the period after the last check or, for a
 * customer never checked, after it was added. Ordinary edits do not count as a check: changing
 * a tag says nothing about whether the phone number is still right.
 */
export function verificationDueOn(customer: { createdAt: string }, months: number): string {
  const { verifiedAt } = readVerification(customer);
  return addMonths(localDateOf(verifiedAt ?? customer.createdAt), months);
}

export function needsVerification(customer: { createdAt: string }, today: string, months: number): boolean {
  return verificationDueOn(customer, months) <= today;
}
