import type { LinkedType } from '../../domain/record-links';
import { i18n, t } from '../../i18n/i18n.svelte';

/** Record types whose delete is always confirmed: they carry money. */
const carriesMoney = new Set<string>(['orders', 'refunds']);

/** "2 refunds and returns, 1 complaint": what a delete takes with it, in words. */
export function goesWithWords(counts: Partial<Record<LinkedType, number>>): string {
  return i18n.list(Object.entries(counts).map(([type, count]) => t(`trash.count.${type}`, { count })));
}

/** A delete is confirmed when the record carries money or takes others with it. */
export function needsConfirm(name: string, counts: Partial<Record<LinkedType, number>>): boolean {
  return carriesMoney.has(name) || Object.keys(counts).length > 0;
}
