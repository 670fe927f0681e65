import { z } from 'zod';
import { isIsoTimestamp } from './dates';

export const isoTimestamp = z.string().refine(isIsoTimestamp, 'errors.invalid');

/** Fields every record in the workspace carries, stamped by the workspace layer, never typed by people. */
export const recordMetaShape = {
  id: z.string().min(1).max(64),
  createdAt: isoTimestamp,
  createdBy: z.string().min(1).max(64),
  updatedAt: isoTimestamp,
  updatedBy: z.string().min(1).max(64),
  deletedAt: isoTimestamp.nullable().default(null),
  /** The record whose delete took this one to Trash (record-links.ts); absent when never so. */
  trashedWith: z.string().min(1).max(64).nullable().catch(null).optional(),
};

export const META_KEYS = ['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'deletedAt', 'trashedWith'] as const;

export interface RecordMeta {
  id: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt: string | null;
  trashedWith?: string | null;
}
