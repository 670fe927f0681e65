/**
 * The customer list's last filter (as URL parameters), so leaving a customer's page (Esc, the
 * back link) returns to the same list, not an unfiltered one.
 */
let lastQuery = '';

export function rememberListQuery(query: string): void {
  lastQuery = query;
}

export function lastListQuery(): string {
  return lastQuery;
}
