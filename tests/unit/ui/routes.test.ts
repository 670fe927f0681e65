import { describe, expect, test } from 'vitest';
import { href, parseRoute, type Route } from '../../../src/ui/state/routes';

describe('routes', () => {
  test.each<Route>([
    { name: 'customers' },
    { name: 'customers', query: 'dir=desc' },
    { name: 'customer-new', kind: 'person' },
    { name: 'customer-new', kind: 'company' },
    { name: 'customer', id: '01HX/1' },
    { name: 'customer-edit', id: 'abc' },
    { name: 'trash' },
    { name: 'settings' },
    { name: 'problems' },
    { name: 'team' },
    { name: 'today' },
    { name: 'orders' },
    { name: 'refunds' },
    { name: 'refunds', status: 'approved' },
    { name: 'complaints' },
    { name: 'products' },
    { name: 'activity' },
    { name: 'activity', by: 'member 1' },
    { name: 'activity', collection: 'customers' },
    { name: 'activity', by: 'm1', collection: 'orders' },
    { name: 'history' },
    { name: 'history', at: 1796680352519 },
    { name: 'pair', code: '' },
    { name: 'pair', code: 'AQIBuw_-Zx9' },
  ])('%j survives href and parseRoute', (route) => {
    const parsed = parseRoute(href(route));
    expect(parsed).toEqual(route.name === 'customers' ? { query: '', ...route } : route);
  });

  test('the empty hash is the customer list', () => {
    expect(parseRoute('')).toEqual({ name: 'customers', query: '' });
  });

  test('#/tasks opens the Today page', () => {
    expect(parseRoute('#/tasks')).toEqual({ name: 'today' });
  });

  test('a history link with a bad moment opens the history without one', () => {
    expect(parseRoute('#/history?at=soon')).toEqual({ name: 'history' });
    expect(parseRoute('#/history?at=-5')).toEqual({ name: 'history' });
  });

  test('unknown pages are not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'not-found' });
  });
});
