/**
 * Spreadsheet-safe CSV (RFC 4180) for registration exports opened in Excel/LibreOffice/Sheets.
 *
 * - UTF-8 BOM first, so Excel reads Arabic/Cyrillic/CJK names as UTF-8 rather than the ANSI code page.
 * - CRLF after every record, including the last.
 * - A field containing `"`, `,`, CR or LF is quoted, with inner quotes doubled.
 * - CSV/formula injection (OWASP): a text cell starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading
 *   `'` so the spreadsheet shows it as text instead of evaluating it. Header cells are treated the same.
 *   Finite numbers (typeof number) are written as they are, negative ones included; NaN/±Infinity are
 *   written as text and neutralised like any other string.
 * - Control characters (NUL, BEL, …; records stored before they were refused) are written as U+FFFD.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Control characters (other than tab and line breaks, which are quoted) are shown as U+FFFD, never written raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  let s = String(value).replace(CONTROL, '\uFFFD');
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const record = (cells: readonly CsvCell[]): string => `${cells.map(cell).join(',')}\r\n`;

export function toCsv(header: string[], rows: CsvCell[][]): string {
  return `\uFEFF${record(header)}${rows.map(record).join('')}`;
}
