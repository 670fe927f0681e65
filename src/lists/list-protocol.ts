import type { ListFilter } from '../domain/list-filter';
import type { ListRow } from './list-row';
import type { ListResult, ListLoadReport } from './list-engine';

export type Facets = { tags: [string, number][]; cities: [string, number][]; owners: [string, number][] };

/** Messages between the page and the list worker. */
export type ListRequest =
  | { type: 'open'; workspaceId: string }
  /** The first screen is up: the worker may read every table if it has to. */
  | { type: 'start' }
  /** Committed changes arrive on this port, straight from the projection worker. */
  | { type: 'changes'; port: MessagePort }
  | { type: 'query'; id: number; filter: ListFilter; slot: string; window: [number, number] }
  | { type: 'window'; id: number; from: number; to: number; slot: string }
  | { type: 'ids'; id: number; slot: string }
  | { type: 'facets'; id: number }
  /** The page is being hidden: save now, it may be closed next. */
  | { type: 'save' }
  | { type: 'close' };

export type ListResponse =
  | { type: 'changed' }
  | { type: 'loaded'; report: ListLoadReport }
  | { type: 'saved'; ms: number }
  /** The state could not be saved; `quota`: because storage is full. */
  | { type: 'saveFailed'; message: string; quota: boolean }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result: ListResult }
  | { type: 'rows'; id: number; rows: ListRow[] }
  | { type: 'ids'; id: number; ids: string[] }
  | { type: 'facets'; id: number; facets: Facets }
  | { type: 'error'; id: number; message: string };
