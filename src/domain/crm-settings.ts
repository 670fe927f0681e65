import { z } from 'zod';
import { ErrorCode } from './error-codes';
import { DEFAULT_CURRENCY, currencyCodeSchema, isCurrencyCode } from './money';

export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];
export type SlaDays = Record<ComplaintSeverity, number>;

export const DEFAULT_SLA_DAYS: SlaDays = { critical: 1, high: 2, medium: 5, low: 10 };
export const DEFAULT_VERIFY_AFTER_MONTHS = 6;
export const DEFAULT_REMINDER_WINDOW_DAYS = 7;
export const DEFAULT_REFUND_DUE_DAYS = 7;

/**
 * Customer-360 settings of a workspace. They live in the same `settings` map as the name and
 * phone region (one key each), which workspace-settings.ts reads; this schema reads only its own
 * keys and keeps the rest.
 */
export interface CrmSettings {
  currency: string;
  complaintSlaDays: SlaDays;
  verifyAfterMonths: number;
  reminderWindowDays: number;
  refundDueDays: number;
}

export const defaultCrmSettings: CrmSettings = {
  currency: DEFAULT_CURRENCY,
  complaintSlaDays: DEFAULT_SLA_DAYS,
  verifyAfterMonths: DEFAULT_VERIFY_AFTER_MONTHS,
  reminderWindowDays: DEFAULT_REMINDER_WINDOW_DAYS,
  refundDueDays: DEFAULT_REFUND_DUE_DAYS,
};

const whole = (min: number, max: number) =>
  z.number({ error: ErrorCode.rangeInvalid }).int(ErrorCode.rangeInvalid).min(min, ErrorCode.rangeInvalid).max(max, ErrorCode.rangeInvalid);

const limits = { sla: [0, 365], verify: [1, 120], window: [0, 60], refundDue: [0, 365] } as const;

/** Stored: never fails; every setting a peer wrote badly (or not yet) falls back to its default on its own. */
export const crmSettingsSchema = z.looseObject({
  currency: currencyCodeSchema.catch(DEFAULT_CURRENCY),
  complaintSlaDays: z
    .object({
      critical: whole(...limits.sla).catch(DEFAULT_SLA_DAYS.critical),
      high: whole(...limits.sla).catch(DEFAULT_SLA_DAYS.high),
      medium: whole(...limits.sla).catch(DEFAULT_SLA_DAYS.medium),
      low: whole(...limits.sla).catch(DEFAULT_SLA_DAYS.low),
    })
    .catch(DEFAULT_SLA_DAYS),
  verifyAfterMonths: whole(...limits.verify).catch(DEFAULT_VERIFY_AFTER_MONTHS),
  reminderWindowDays: whole(...limits.window).catch(DEFAULT_REMINDER_WINDOW_DAYS),
  refundDueDays: whole(...limits.refundDue).catch(DEFAULT_REFUND_DUE_DAYS),
});

/** The settings form; numbers come from number inputs, the currency is typed or picked. */
export const crmSettingsDraftSchema = z.object({
  currency: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .refine(isCurrencyCode, ErrorCode.currencyInvalid),
  complaintSlaDays: z.object({
    critical: whole(...limits.sla),
    high: whole(...limits.sla),
    medium: whole(...limits.sla),
    low: whole(...limits.sla),
  }),
  verifyAfterMonths: whole(...limits.verify),
  reminderWindowDays: whole(...limits.window),
  refundDueDays: whole(...limits.refundDue),
});
