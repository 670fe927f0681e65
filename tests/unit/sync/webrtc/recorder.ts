/**
 * What a test hears (messages, problems), with a way to wait until it has heard enough: the wait
 * resumes on the push that makes `check` true, not at a poll interval, and has no time limit of
 * its own (the test's timeout is the only one).
 */
export function recorder<T>() {
  const items: T[] = [];
  const looks = new Set<() => void>();
  return {
    items,
    push(item: T) {
      items.push(item);
      looks.forEach((look) => look());
    },
    until: (check: (items: readonly T[]) => boolean) => whenTrue(() => check(items), (look) => (looks.add(look), () => looks.delete(look))),
  };
}

/** Resolves once `check` holds: looked at now and at each event `subscribe` passes on. */
export function whenTrue(check: () => boolean, subscribe: (look: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let done = false;
    const look = () => {
      if (done || !check()) return;
      done = true;
      unsubscribe?.();
      resolve();
    };
    unsubscribe = subscribe(look);
    look();
  });
}
