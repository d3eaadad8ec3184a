import { vi } from 'vitest';

/**
 * Puts a fresh in-memory `localStorage` in place (Node has none) and returns it; undo
 * with `vi.unstubAllGlobals()`.
 */
export function stubLocalStorage(): Storage {
  const items = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => {
      items.delete(key);
    },
    setItem: (key, value) => {
      items.set(key, String(value));
    },
  };
  vi.stubGlobal('localStorage', storage);
  return storage;
}
