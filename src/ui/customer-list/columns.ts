/** Columns a person can show next to the name; which ones is part of a saved view. */
export const listColumns = ['city', 'status', 'owner', 'phone', 'email', 'tags', 'created', 'updated', 'lastPurchase'] as const;
export type ListColumn = (typeof listColumns)[number];
export const defaultColumns: ListColumn[] = ['city', 'status', 'phone', 'updated'];

export function cleanColumns(value: unknown): ListColumn[] {
  if (!Array.isArray(value)) return defaultColumns;
  const known = value.filter((c): c is ListColumn => (listColumns as readonly string[]).includes(c as string));
  return known.length ? [...new Set(known)] : defaultColumns;
}
