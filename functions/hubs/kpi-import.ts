import { kpiByCode, sameUnit } from './catalogue.ts';
import { type KpiValue, VERIFICATION } from './records.ts';

/**
 * Bulk entry of KPI values from CSV (one row per city and KPI code). Every row is checked
 * before anything is written; the good rows are then stored and each bad one is reported with
 * its line and reason. A value is keyed by (hub, year, city, code), so importing the same file
 * again leaves the same state.
 *
 * Columns (header line first, any order): city, code, value, unit, source, collected_on,
 * verification (self-reported | verified, default self-reported), target (optional).
 */
export interface ImportError {
  line: number;
  code?: string | undefined;
  reason: string;
}

export const IMPORT_COLUMNS = ['city', 'code', 'value', 'unit', 'source', 'collected_on'] as const;
export const MAX_IMPORT_ROWS = 5000;

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Each record keeps its first line number. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]?.trim()) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRecord();
  return records;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readKpiCsv(
  csv: string,
  cityIds: ReadonlySet<string>,
): { values: (KpiValue & { line: number })[]; errors: ImportError[]; rows: number } {
  const records = parseCsv(csv);
  const [header, ...rows] = records;
  if (!header) return { values: [], errors: [{ line: 1, reason: 'The file is empty: give a header line.' }], rows: 0 };
  const names = header.cells.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const missing = IMPORT_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length)
    return {
      values: [],
      errors: [{ line: header.line, reason: `The header lacks the column(s) ${missing.join(', ')}.` }],
      rows: rows.length,
    };
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      values: [],
      errors: [{ line: header.line, reason: `At most ${MAX_IMPORT_ROWS} rows at once; this file has ${rows.length}.` }],
      rows: rows.length,
    };
  const col = (cells: string[], name: string) => (cells[names.indexOf(name)] ?? '').trim();
  const values: (KpiValue & { line: number })[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const rawCode = col(cells, 'code');
    const fail = (reason: string) => errors.push({ line, ...(rawCode ? { code: rawCode } : {}), reason });
    const kpi = kpiByCode(rawCode);
    if (!kpi) {
      fail(rawCode ? `Unknown KPI code "${rawCode}".` : 'The KPI code is missing.');
      continue;
    }
    const cityId = col(cells, 'city').toLowerCase();
    if (!cityIds.has(cityId)) {
      fail(`Unknown city "${col(cells, 'city')}": add the city to the hub first.`);
      continue;
    }
    const unit = col(cells, 'unit');
    if (unit && !sameUnit(unit, kpi.unit)) {
      fail(`Wrong unit "${unit}" for ${kpi.code}: the catalogue's is "${kpi.unit}".`);
      continue;
    }
    const rawValue = col(cells, 'value');
    if (!NUMBER.test(rawValue)) {
      fail(
        rawValue
          ? `The value "${rawValue}" is not a number (write it with a dot for decimals, without thousands separators).`
          : 'The value is missing.',
      );
      continue;
    }
    const rawTarget = col(cells, 'target');
    if (rawTarget && !NUMBER.test(rawTarget)) {
      fail(`The target "${rawTarget}" is not a number.`);
      continue;
    }
    const source = col(cells, 'source');
    if (!source || source.length > 300) {
      fail(source ? 'The data source is longer than 300 characters.' : 'The data source is missing.');
      continue;
    }
    const collectedOn = col(cells, 'collected_on');
    if (!DAY.test(collectedOn) || Number.isNaN(Date.parse(collectedOn))) {
      fail(`The collection date "${collectedOn}" is not a date (YYYY-MM-DD).`);
      continue;
    }
    const verification = (col(cells, 'verification') || 'self-reported').toLowerCase();
    if (!(VERIFICATION as readonly string[]).includes(verification)) {
      fail(`The verification status "${verification}" is neither self-reported nor verified.`);
      continue;
    }
    const key = `${cityId} ${kpi.code}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      fail(`${kpi.code} for ${cityId} is given twice: first on line ${earlier}.`);
      continue;
    }
    seen.set(key, line);
    values.push({
      line,
      cityId,
      code: kpi.code,
      value: Number(rawValue),
      ...(rawTarget ? { target: Number(rawTarget) } : {}),
      source,
      collectedOn,
      verification: verification as KpiValue['verification'],
    });
  }
  return { values, errors, rows: rows.length };
}
