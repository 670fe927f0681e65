import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../../src/domain/text-limits';
import { customerDraftSchema, emptyCustomerDraft } from '../../../src/domain/customer';

const UI = join(__dirname, '../../../src/ui');

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

/** Elements a person types free text into; the kinds a browser bounds by itself are left out. */
const TEXT_ELEMENT = /<(input|textarea|TextField)\b[^>]*?\/?>/gs;
const BOUNDED = /type=(?:"(?:checkbox|radio|date|time|file|number|hidden)"|\{?'date'|'time')|\breadonly\b/;

describe('text limits in the forms', () => {
  it('every text input and textarea has a maxlength (a megabyte pasted into a field froze the page)', () => {
    const missing: string[] = [];
    for (const file of svelteFiles(UI)) {
      if (file.endsWith('TextField.svelte')) continue; // it passes on what its callers give
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(TEXT_ELEMENT)) {
        const tag = match[0];
        if (BOUNDED.test(tag) || /maxlength/.test(tag)) continue;
        const line = source.slice(0, match.index).split('\n').length;
        missing.push(`${file.slice(UI.length + 1)}:${line}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the schemas refuse exactly what the inputs stop at', () => {
    const schema = customerDraftSchema({ region: 'CN', today: '2026-01-01', customFields: [] });
    const draft = (notes: string) => ({ ...emptyCustomerDraft('person'), name: 'A', notes });
    expect(schema.safeParse(draft('x'.repeat(TEXT_LIMITS.notes))).success).toBe(true);
    expect(schema.safeParse(draft('x'.repeat(TEXT_LIMITS.notes + 1))).success).toBe(false);
  });
});
