/**
 * Hash routes: the app is one static page (works offline and from any folder), and invite links
 * keep their secret in the fragment, which browsers never send to a server.
 */
export type Route =
  /** `query`: the list's filter and order (list-filter.ts), so a list can be bookmarked and shared. */
  | { name: 'customers'; query?: string }
  | { name: 'customer-new'; kind: 'person' | 'company' }
  | { name: 'customer'; id: string }
  | { name: 'customer-edit'; id: string }
  | { name: 'trash' }
  | { name: 'settings' }
  | { name: 'problems' }
  | { name: 'team' }
  /** Reminders and tasks: overdue, today, coming up (`#/tasks` is an alias). */
  | { name: 'today' }
  | { name: 'orders' }
  /** `status`: one refund status; none: pending first, then the rest. */
  | { name: 'refunds'; status?: string }
  | { name: 'complaints' }
  | { name: 'products' }
  /** The workspace history, filtered by member (`by`) and record type (`collection`). */
  | { name: 'activity'; by?: string; collection?: string }
  /** The workspace history (time travel); `at` (ms) opens the change that arrived then, for review. */
  | { name: 'history'; at?: number }
  /** The invite link's fragment, parsed by the join page so a bad link gets a clear message. */
  | { name: 'join'; fragment: string }
  /** Joining by a pairing code, with no relay; `code` when an offer's QR code opened the app. */
  | { name: 'pair'; code: string }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts.length === 0 || (parts[0] === 'customers' && parts.length === 1)) return { name: 'customers', query };
  if (parts[0] === 'customers' && parts[1] === 'new') return { name: 'customer-new', kind: params.get('kind') === 'company' ? 'company' : 'person' };
  if (parts[0] === 'customers' && parts.length === 2) return { name: 'customer', id: parts[1]! };
  if (parts[0] === 'customers' && parts[2] === 'edit') return { name: 'customer-edit', id: parts[1]! };
  if (parts[0] === 'trash') return { name: 'trash' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'problems') return { name: 'problems' };
  if (parts[0] === 'team') return { name: 'team' };
  if (parts[0] === 'today' || parts[0] === 'tasks') return { name: 'today' };
  if (parts[0] === 'orders') return { name: 'orders' };
  if (parts[0] === 'refunds') return params.get('status') ? { name: 'refunds', status: params.get('status')! } : { name: 'refunds' };
  if (parts[0] === 'complaints') return { name: 'complaints' };
  if (parts[0] === 'products') return { name: 'products' };
  if (parts[0] === 'activity') {
    const by = params.get('by');
    const collection = params.get('collection');
    return { name: 'activity', ...(by ? { by } : {}), ...(collection ? { collection } : {}) };
  }
  if (parts[0] === 'history') {
    const at = Number(params.get('at'));
    return Number.isSafeInteger(at) && at > 0 ? { name: 'history', at } : { name: 'history' };
  }
  if (parts[0] === 'join') return { name: 'join', fragment: hash.replace(/^#/, '') };
  if (parts[0] === 'pair') return { name: 'pair', code: parts[1] ?? '' };
  return { name: 'not-found' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'customers':
      return route.query ? `#/customers?${route.query}` : '#/customers';
    case 'customer-new':
      return route.kind === 'company' ? '#/customers/new?kind=company' : '#/customers/new';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'customer-edit':
      return `#/customers/${encodeURIComponent(route.id)}/edit`;
    case 'join':
      return `#${route.fragment}`;
    case 'pair':
      return route.code ? `#/pair/${route.code}` : '#/pair';
    case 'history':
      return route.at ? `#/history?at=${route.at}` : '#/history';
    case 'refunds':
      return route.status ? `#/refunds?${new URLSearchParams({ status: route.status })}` : '#/refunds';
    case 'activity': {
      const params = new URLSearchParams();
      if (route.by) params.set('by', route.by);
      if (route.collection) params.set('collection', route.collection);
      const query = params.toString();
      return query ? `#/activity?${query}` : '#/activity';
    }
    default:
      return `#/${route.name}`;
  }
}
