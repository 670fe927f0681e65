import { describe, expect, it } from 'vitest';
import { SaveStatus, type SaveState } from '../../../src/app/save-status';
import { SaveFailedError } from '../../../src/storage/errors';

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
});
