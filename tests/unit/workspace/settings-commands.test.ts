import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCustomField, deleteCustomField, initialiseWorkspace, updateCustomField, updateSettings, upsertMember } from '../../../src/workspace/settings-commands';
import { SCHEMA_VERSION, activityLog, collection, metaMap, schemaVersionOf, settingsMap } from '../../../src/workspace/layout';
import { readRecordById } from '../../../src/workspace/record-commands';
import { Workspace } from '../../../src/workspace/workspace';
import { memberSchema } from '../../../src/domain/member';
import { customFieldDefSchema } from '../../../src/domain/custom-field';
import { steppingClock } from '../support/fixtures';
import { recordUpdates, syncAll } from '../support/ydoc';

const ws = (doc = new Y.Doc(), memberId = 'member-a') => new Workspace('ws-1', doc, memberId, steppingClock());

describe('initialiseWorkspace', () => {
  it('writes the schema version, workspace id and settings in one transaction', () => {
    const w = ws();
    const log = recordUpdates(w.doc);
    initialiseWorkspace(w, { name: 'Shop', defaultRegion: 'CN' });
    expect(log.updates).toHaveLength(1);
    expect(schemaVersionOf(w.doc)).toBe(SCHEMA_VERSION);
    expect(metaMap(w.doc).get('workspaceId')).toBe('ws-1');
    expect(settingsMap(w.doc).toJSON()).toEqual({ name: 'Shop', defaultRegion: 'CN' });
  });

  it('has no schema version before it ran', () => {
    expect(schemaVersionOf(new Y.Doc())).toBeUndefined();
  });
});

describe('updateSettings', () => {
  it('writes only the settings that changed', () => {
    const w = ws();
    initialiseWorkspace(w, { name: 'Shop', defaultRegion: 'CN' });
    const log = recordUpdates(w.doc);
    updateSettings(w, { name: 'Shop', defaultRegion: 'CN' });
    expect(log.updates).toHaveLength(0);
    updateSettings(w, { defaultRegion: 'US' });
    expect(settingsMap(w.doc).toJSON()).toEqual({ name: 'Shop', defaultRegion: 'US' });
  });

  it('keeps two people\'s changes to different settings', () => {
    const a = ws(new Y.Doc(), 'a');
    const b = ws(new Y.Doc(), 'b');
    initialiseWorkspace(a, { name: 'Shop', defaultRegion: 'CN' });
    syncAll([a.doc, b.doc]);
    updateSettings(a, { name: 'New name' });
    updateSettings(b, { defaultRegion: 'GB' });
    syncAll([a.doc, b.doc]);
    expect(settingsMap(a.doc).toJSON()).toEqual({ name: 'New name', defaultRegion: 'GB' });
    expect(settingsMap(b.doc).toJSON()).toEqual(settingsMap(a.doc).toJSON());
  });
});

describe('upsertMember', () => {
  it('creates the member record under the member id, then renames it', () => {
    const w = ws();
    upsertMember(w, 'Ann');
    expect(memberSchema.parse(readRecordById(w, 'members', 'member-a'))).toMatchObject({ id: 'member-a', name: 'Ann', createdBy: 'member-a' });
    const log = recordUpdates(w.doc);
    upsertMember(w, 'Ann');
    expect(log.updates).toHaveLength(0);
    upsertMember(w, 'Annie');
    expect(readRecordById(w, 'members', 'member-a')?.name).toBe('Annie');
    expect(collection(w.doc, 'members').size).toBe(1);
  });

  // Opening a workspace upserts this device's member record: a teammate who put a string (or a
  // broken record) under my member id made the workspace fail to open ('map.get is not a function').
  it.each([
    ['a string', () => 'garbage'],
    ['a record map with a bad field', () => new Y.Map<unknown>([['base', { name: 'Ann', createdAt: 5 }]])],
  ])('writes this member a readable record again when a peer left %s under its id', (_, bad) => {
    const w = ws();
    upsertMember(w, 'Ann');
    w.doc.transact(() => (collection(w.doc, 'members') as Y.Map<unknown>).set('member-a', bad()));
    expect(() => upsertMember(w, 'Ann')).not.toThrow();
    expect(memberSchema.parse(readRecordById(w, 'members', 'member-a'))).toMatchObject({ id: 'member-a', name: 'Ann' });
  });
});

describe('custom field definitions', () => {
  it('create, update and soft delete', () => {
    const w = ws();
    const id = createCustomField(w, { label: 'Tier', type: 'choice', options: ['gold'] });
    expect(customFieldDefSchema.safeParse(readRecordById(w, 'customFields', id)).success).toBe(true);
    expect(updateCustomField(w, id, { options: ['gold', 'silver'] })).toEqual(['options']);
    deleteCustomField(w, id);
    expect(readRecordById(w, 'customFields', id)).toMatchObject({ options: ['gold', 'silver'], deletedAt: expect.any(String) });
  });

  // Issue 21: an edit of a definition only stamped updatedAt/By; History had no trace of what it was.
  it('each change is in the activity log: who, and the label and choices before and after', () => {
    const w = ws(new Y.Doc(), 'member-li');
    const id = createCustomField(w, { label: 'Tier', type: 'choice', options: ['gold', 'silver'] });
    updateCustomField(w, id, { label: 'Level', options: ['gold'] });
    deleteCustomField(w, id);
    const entries = (activityLog(w.doc).toArray() as Record<string, unknown>[]).filter((e) => e.recordId === id);
    expect(entries.map(({ kind, field, old, new: next, by, collection, customerId }) => ({ kind, field, old, new: next, by, collection, customerId }))).toEqual([
      { kind: 'create', field: null, old: null, new: null, by: 'member-li', collection: 'customFields', customerId: null },
      { kind: 'update', field: 'label', old: 'Tier', new: 'Level', by: 'member-li', collection: 'customFields', customerId: null },
      { kind: 'update', field: 'options', old: ['gold', 'silver'], new: ['gold'], by: 'member-li', collection: 'customFields', customerId: null },
      { kind: 'delete', field: null, old: null, new: null, by: 'member-li', collection: 'customFields', customerId: null },
    ]);
  });
});
