import { companySizes, customerKinds, customerSources, customerStatuses } from '../../domain/customer';
import { contactRoles } from '../../domain/contact';
import { csvColumns, type CsvWords } from '../../lists/customer-csv';
import { i18n, t } from '../../i18n/i18n.svelte';

const table = <K extends string>(codes: readonly K[], word: (code: K) => string) => Object.fromEntries(codes.map((c) => [c, word(c)])) as Record<K, string>;

/** The words of the current language for a CSV export: the same ones the list and the customer page show. */
export function csvWords(): CsvWords {
  return {
    headers: table(csvColumns, (c) => t(`list.csv.${c}`)),
    kinds: table(customerKinds, (k) => t(`customer.kind.${k}`)),
    statuses: table(customerStatuses, (s) => t(`customer.statuses.${s}`)),
    sources: table(customerSources, (s) => t(`customer.sources.${s}`)),
    sizes: table(companySizes, (size) => t('customer.sizeValue', { size })),
    roles: table(contactRoles, (r) => t(`contact.roles.${r}`)),
    country: (code) => i18n.regionName(code),
    aside: (name, notes) => t('list.csv.contactNote', { name, note: i18n.list(notes) }),
  };
}
