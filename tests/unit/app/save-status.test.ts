import { describe, expect, it } from 'vitest';
import { SaveStatus, type SaveState } from '../../../src/app/save-status';
import { SaveFailedError } from '../../../src/storage/errors';
import { StorageHealth } from '../../../src/storage/storage-health';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SaveStatus', () => {
  it('starts saved and tells a new listener at once', () => {
    const states: SaveState[] = [];
    new SaveStatus().subscribe((s) => states.push(s));
    expect(states).toEqual([{ state: 'saved' }]);
  });

  it('stays "saving" until every tracked write is done', async () => {
    const status = new SaveStatus();
    const a = deferred();
    const b = deferred();
    const ta = status.track(a.promise);
    const tb = status.track(b.promise);
    a.resolve();
    await ta;
    expect(status.current).toEqual({ state: 'saving' });
    b.resolve();
    await tb;
    expect(status.current).toEqual({ state: 'saved' });
  });

  it.each([
    [new SaveFailedError('quota'), 'quota'],
    [new SaveFailedError('unknown'), 'unknown'],
    [new Error('other'), 'unknown'],
  ] as const)('reports a failed write (%s) and rethrows it', async (error, reason) => {
    const status = new SaveStatus();
    await expect(status.track(Promise.reject(error))).rejects.toBe(error);
    expect(status.current).toEqual({ state: 'failed', reason });
  });

  it('a later successful write clears the failure', async () => {
    const status = new SaveStatus();
    await status.track(Promise.reject(new SaveFailedError('quota'))).catch(() => {});
    await status.track(Promise.resolve());
    expect(status.current).toEqual({ state: 'saved' });
  });

  it('stops telling a listener after unsubscribe', async () => {
    const status = new SaveStatus();
    const states: string[] = [];
    const off = status.subscribe((s) => states.push(s.state));
    off();
    await status.track(Promise.resolve());
    expect(states).toEqual(['saved']);
  });

  it('says "saved" only when every store is: a failed read table, snapshot or list shows instead', () => {
    const health = new StorageHealth();
    const status = new SaveStatus(health);
    const quota = new DOMException('full', 'QuotaExceededError');
    health.report('list', quota);
    expect(status.current).toEqual({ state: 'incomplete', problem: { store: 'list', reason: 'quota' } });
    // The most important store is the one told: the tables before the list's saved state.
    health.report('tables', quota);
    expect(status.current).toEqual({ state: 'incomplete', problem: { store: 'tables', reason: 'quota' } });
    health.clear('tables');
    health.clear('list');
    expect(status.current).toEqual({ state: 'saved' });
  });

  it('a log failure reported by the log itself (a teammate\'s update, no command waiting) shows as "not saved"', () => {
    const health = new StorageHealth();
    const status = new SaveStatus(health);
    health.report('tables', new Error('other'));
    health.report('log', new SaveFailedError('quota'));
    expect(status.current).toEqual({ state: 'failed', reason: 'quota' });
    expect(health.readOnly).toBe(true);
  });

  it('a successful write of the log clears its failure, not the others', async () => {
    const health = new StorageHealth();
    const status = new SaveStatus(health);
    health.report('log', new SaveFailedError('quota'));
    health.report('snapshots', Object.assign(new Error('wrapped'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } }));
    await status.track(Promise.resolve());
    expect(status.current).toEqual({ state: 'incomplete', problem: { store: 'snapshots', reason: 'quota' } });
    expect(health.readOnly).toBe(false);
  });
});
