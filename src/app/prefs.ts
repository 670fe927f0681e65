/** This device's preferences, as a session sees them (Device in the app; memory in tests). */
export interface Prefs {
  get<T>(key: string, fallback: T): Promise<T>;
  set(key: string, value: unknown): Promise<void>;
}

export function memoryPrefs(): Prefs {
  const values = new Map<string, unknown>();
  return {
    get: async <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
    set: async (key, value) => void values.set(key, value),
  };
}
