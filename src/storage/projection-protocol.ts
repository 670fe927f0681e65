import type { ProjectedChange, ProjectionBatch } from './projection-batches';

/** Messages between the page and the projection worker (see projection-sink.ts). */
export type WriterRequest =
  | { type: 'open'; workspaceId: string }
  | { type: 'write'; id: number; batch: ProjectionBatch }
  /** Committed changes go to this port too; `id` names it for 'unport'. */
  | { type: 'port'; id: number; port: MessagePort }
  | { type: 'unport'; id: number }
  /** Whether the page wants committed changes sent back to it. */
  | { type: 'echo'; on: boolean };

export type WriterResponse =
  | { type: 'written'; id: number }
  /** `quota`: the write failed because storage is full (the error's name does not cross to the page). */
  | { type: 'failed'; id: number; message: string; quota?: true }
  | { type: 'change'; change: ProjectedChange };
