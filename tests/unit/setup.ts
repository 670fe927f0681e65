// IndexedDB for Dexie in Node: an in-memory implementation, installed on globalThis before any test imports storage code.
import 'fake-indexeddb/auto';
