import { mergeTagEdits } from '../domain/field-diff';
import { mergeLeaves, sameJson, type LeafNote } from '../domain/leaf-merge';
import type { CollectionName } from './layout';
import { patchRecord, readRecordById, RecordNotFoundError } from './record-commands';
import type { Workspace } from './workspace';

type Json = Record<string, unknown>;

/** A leaf that changed while the form was open: `field` is the record's top-level field. */
export interface FormEditNote extends LeafNote {
  field: string;
  /** For `field === 'custom'`: the custom field. */
  customId?: string;
}

export interface FormEditResult {
  changed: string[];
  notes: FormEditNote[];
  /** Who last wrote the record before this save (the author of what changed meanwhile, as far as the record tells). */
  lastEditor: string | null;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Saves an edit form against the record as it is now, in one transaction. `base` is the form's
 * fields as it opened, `edited` as saved, both parsed by the same schema. Only fields the person
 * changed are written, each as the leaf-by-leaf merge of base, the record now and the form
 * (src/domain/leaf-merge.ts), so another tab's edit of a neighbouring leaf (the city next to
 * the street) is kept. Tags merge per tag and custom fields per field, as they are stored.
 *
 * The merged value of a nested field is still written as one value under the field's key (the
 * record layout of docs/workspace-format.md): against changes this device has seen, nothing is
 * lost; two devices that change different leaves of one nested field without having seen each
 * other's change still overwrite each other's whole value (Yjs keeps one), which the sync
 * conflict notice reports.
 */
export function saveFormEdit(ws: Workspace, name: CollectionName, id: string, base: Json, edited: Json): FormEditResult {
  return ws.transact(() => {
    const current = readRecordById(ws, name, id);
    if (!current) throw new RecordNotFoundError(name, id);
    const patch: Json = {};
    const notes: FormEditNote[] = [];
    for (const [field, mine] of Object.entries(edited)) {
      if (field === 'tags' && Array.isArray(mine)) {
        const before = Array.isArray(base.tags) ? (base.tags as string[]) : [];
        if (!sameJson(before, mine)) patch.tags = mergeTagEdits(before, mine as string[], current.tags as string[]);
      } else if (field === 'custom' && isObject(mine)) {
        const baseCustom = isObject(base.custom) ? base.custom : {};
        const nowCustom = current.custom as Json;
        const custom: Json = {};
        for (const customId of new Set([...Object.keys(baseCustom), ...Object.keys(mine)])) {
          const merged = mergeLeaves(baseCustom[customId] ?? null, nowCustom[customId] ?? null, mine[customId] ?? null);
          notes.push(...merged.notes.map((n) => ({ ...n, field, customId })));
          if (merged.changedByMe) custom[customId] = merged.value;
        }
        if (Object.keys(custom).length > 0) patch.custom = custom;
      } else {
        const merged = mergeLeaves(base[field] ?? null, current[field] ?? null, mine ?? null);
        notes.push(...merged.notes.map((n) => ({ ...n, field })));
        if (merged.changedByMe) patch[field] = merged.value;
      }
    }
    const changed = patchRecord(ws, name, id, patch);
    return { changed, notes, lastEditor: typeof current.updatedBy === 'string' ? current.updatedBy : null };
  });
}
