import type { Reminder } from '../../domain/reminders';
import { t } from '../../i18n/i18n.svelte';
import { href } from '../state/routes';

/** The reminder in the reader's language: "Wang Jianguo turns 36", "Follow up: call back". */
export function reminderText(r: Reminder): string {
  return t(`reminder.kinds.${r.kind}`, { name: r.title, title: r.title, years: r.years ?? '' });
}

/** Where a reminder leads: the customer for care and verification, the list for refunds and complaints. */
export function reminderHref(r: Reminder): string | null {
  switch (r.kind) {
    case 'refund-due':
      return href({ name: 'refunds' });
    case 'complaint-sla':
      return href({ name: 'complaints' });
    case 'follow-up':
      return r.customerId ? href({ name: 'customer', id: r.customerId }) : null;
    default:
      return href({ name: 'customer', id: r.recordId });
  }
}
