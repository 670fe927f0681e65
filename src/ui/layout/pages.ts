import type { Route } from '../state/routes';
import { LazyPage } from './lazy-page.svelte';

/**
 * Every page but the customer list (the first screen) is a chunk of its own, fetched when it is
 * first opened or, once the workspace is open, at the next idle moment.
 */
export const pages = {
  customer: new LazyPage(() => import('../customers/CustomerPage.svelte')),
  customerForm: new LazyPage(() => import('../customers/CustomerFormPage.svelte')),
  trash: new LazyPage(() => import('../pages/TrashPage.svelte')),
  settings: new LazyPage(() => import('../pages/SettingsPage.svelte')),
  problems: new LazyPage(() => import('../pages/ProblemsPage.svelte')),
  team: new LazyPage(() => import('../pages/TeamPage.svelte')),
  join: new LazyPage(() => import('../pages/JoinPage.svelte')),
  pair: new LazyPage(() => import('../pages/PairJoinPage.svelte')),
  today: new LazyPage(() => import('../today/TodayPage.svelte')),
  orders: new LazyPage(() => import('../orders/OrdersPage.svelte')),
  refunds: new LazyPage(() => import('../refunds/RefundsPage.svelte')),
  complaints: new LazyPage(() => import('../complaints/ComplaintsPage.svelte')),
  products: new LazyPage(() => import('../products/ProductsPage.svelte')),
  activity: new LazyPage(() => import('../activity/ActivityPage.svelte')),
  history: new LazyPage(() => import('../history/HistoryPage.svelte')),
};

export type PageName = keyof typeof pages;

const byRoute: Partial<Record<Route['name'], PageName>> = {
  customer: 'customer',
  'customer-new': 'customerForm',
  'customer-edit': 'customerForm',
  trash: 'trash',
  settings: 'settings',
  problems: 'problems',
  team: 'team',
  join: 'join',
  pair: 'pair',
  today: 'today',
  orders: 'orders',
  refunds: 'refunds',
  complaints: 'complaints',
  products: 'products',
  activity: 'activity',
  history: 'history',
};

/** The lazily fetched page of a route, if it has one (the customer list is built in). */
export function pageOf(route: Route['name']): PageName | undefined {
  return byRoute[route];
}

/** Fetches every page when the browser is idle; returns a cancel for an effect's cleanup. */
export function preloadPages(): () => void {
  const run = () => Object.values(pages).forEach((page) => page.ensure());
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 1000);
  return () => clearTimeout(handle);
}
