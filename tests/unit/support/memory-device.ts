/** A device's prefs in memory (Device keeps them in IndexedDB); cast it to Device where one is asked for. */
export function memoryDevice(initial: Record<string, unknown> = {}) {
  const prefs = new Map(Object.entries(initial));
  return {
    prefs,
    pref: <T>(key: string, fallback: T) => Promise.resolve(prefs.has(key) ? (prefs.get(key) as T) : fallback),
    setPref: (key: string, value: unknown) => Promise.resolve(void prefs.set(key, structuredClone(value))),
  };
}
