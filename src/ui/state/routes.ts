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
  /** The invite link's fragment, parsed by the join page so a bad link gets a clear message. */
  | { name: 'join'; fragment: string }
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
  if (parts[0] === 'join') return { name: 'join', fragment: hash.replace(/^#/, '') };
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
    default:
      return `#/${route.name}`;
  }
}
