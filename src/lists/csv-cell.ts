/**
 * One CSV cell made safe to open in a spreadsheet (formula or "CSV" injection, OWASP / CWE-1236).
 * See docs/csv-export.md for the choice and what each spreadsheet does with it.
 *
 * A spreadsheet runs a cell as a formula when it starts with = + - @ (or with a tab, CR or NUL
 * that it strips first; some also trim spaces). OWASP's remedy is a leading apostrophe, which
 * Excel hides when the cell is typed but shows when it opens a CSV file: every phone number came
 * out as '+86…. A formula can only do harm through a function or a DDE link, which needs letters
 * or a '|': a cell of nothing but a number, or of E.164 phone numbers, cannot call anything, so
 * it is data and not guarded with the apostrophe.
 */

/** What a spreadsheet may evaluate: a trigger first, possibly after whitespace it trims. */
// eslint-disable-next-line no-control-regex -- a NUL first is on ASVS's list (1.2.10) of starts to guard
const FORMULA_START = /^[\s\u0000\u3000]*[=+\-@]|^[\t\r\u0000]/;
/** A number as String(number) writes it (a custom number field), optionally signed. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** E.164 numbers, as a phone cell lists them (see PHONE_SEPARATOR). */
const PHONE_LIST = /^\+[1-9]\d{6,14}(?:; \+[1-9]\d{6,14})*$/;

/** How a cell with several values separates them (phones, emails, tags). */
export const VALUE_SEPARATOR = '; ';

export type CellForm = 'plain' | 'guarded' | 'phones';

/** Which of the three forms a cell takes: written as is, behind an apostrophe, or a phone cell. */
export function cellForm(value: string): CellForm {
  if (PHONE_LIST.test(value)) return 'phones';
  if (PLAIN_NUMBER.test(value)) return 'plain';
  return FORMULA_START.test(value) ? 'guarded' : 'plain';
}

/**
 * The cell as written. `forSpreadsheet` (the export in words) puts a tab before phone numbers: a
 * spreadsheet then opens "+8613800138000" as text, with no visible mark, instead of the number
 * 8.6138E+12; the tab is whitespace that an importer trims. With raw codes (for re-import by a
 * program) phone numbers are written exactly as stored.
 */
export function safeCell(value: string, forSpreadsheet: boolean): string {
  switch (cellForm(value)) {
    case 'phones':
      return forSpreadsheet ? `\t${value}` : value;
    case 'guarded':
      return `'${value}`;
    case 'plain':
      return value;
  }
}
