import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { draftReport } from '../../functions/hubs/draft.ts';
import { hubReportDocument } from '../../functions/hubs/report-document.ts';
import { activities, cityList, HUB, kpiValues } from '../fixtures/hub-year.ts';

/**
 * A hub annual report (two cities, 24 activities, KPI values beside the year before, finances
 * and plan; a correction's second edition) in English, Russian and Arabic, rendered with a
 * fixed date and rasterised at 50 dpi by pdftoppm: page 1 (title, correction, the hub's words,
 * activities) and the page with the chart of KPIs meeting their target (mirrored in Arabic),
 * against reviewed reference images in test/reference/. Same rule as the circular's
 * (circular-reference.test.ts): more than MAX_DIFF_PERCENT of the pixels differing fails.
 *
 * To accept a deliberate change of layout: run
 *   UPDATE_REFERENCES=1 npx vitest run --project unit test/unit/hub-report-reference.test.ts
 * then look at every PNG before committing.
 */
const REFERENCE_DIR = join('test', 'reference');
const MAX_DIFF_PERCENT = 0.02;
const UPDATE = process.env.UPDATE_REFERENCES === '1';
const DATE = new Date('2026-02-01T00:00:00Z');

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

const dir = mkdtempSync(join(tmpdir(), 'u4ssc-hub-reference-'));
let keepDir = false;
afterAll(() => {
  if (!keepDir) rmSync(dir, { recursive: true, force: true });
});

const cities = cityList(2);
const draft = draftReport({
  hub: HUB,
  year: 2025,
  cities,
  activities: activities(24, 2025),
  values: kpiValues(cities, 2025),
  previousValues: kpiValues(cities, 2024, -1),
  finances: {
    currency: 'EUR',
    income: [{ source: 'City council', amount: 0.1 + 0.2 }],
    expenditure: [{ item: 'Staff', amount: 12345.678 }],
    notes: '',
  },
  plan: { objectives: ['Verify the core KPIs'], activities: [{ quarter: 'Q2' as const, title: 'Forum' }] },
});

const SUMMARY = {
  en: 'The hub assessed two cities against the U4SSC KPIs and trained their statistics offices.',
  ru: 'Центр оценил два города по ключевым показателям U4SSC и обучил их статистические службы.',
  ar: 'قيّم المركز مدينتين وفق مؤشرات الأداء الرئيسية للمبادرة ودرّب مكاتب الإحصاء فيهما.',
} as const;
type Lang = keyof typeof SUMMARY;

/** The pages compared: the first, and the third, which holds the chart. */
const PAGE_LIST = [1, 3] as const;

const pdfs = new Map<Lang, Promise<string>>();
function pdfOf(lang: Lang): Promise<string> {
  let file = pdfs.get(lang);
  if (!file) {
    file = renderPdf(
      hubReportDocument(
        {
          hub: HUB,
          draft,
          narrative: { summary: SUMMARY[lang], highlights: '', challenges: '' },
          edition: 2,
          corrects: 'Q3 figures',
          date: DATE,
          watermark: false,
        },
        lang,
      ),
      { date: DATE },
    ).then((pdf) => {
      const path = join(dir, `hub-report-${lang}.pdf`);
      writeFileSync(path, pdf);
      return path;
    });
    pdfs.set(lang, file);
  }
  return file;
}

async function renderPage(lang: Lang, page: number): Promise<Buffer> {
  const pdfFile = await pdfOf(lang);
  const prefix = join(dir, `hub-report-${lang}-p${page}`);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfFile,
    prefix,
  ]);
  return readFileSync(`${prefix}.png`);
}

const CASES = (['en', 'ru', 'ar'] as const).flatMap((lang) => PAGE_LIST.map((page) => [lang, page] as const));

describe.skipIf(!hasPdftoppm)('the hub annual report against the reviewed reference images', () => {
  it.each(CASES)(
    '%s, page %i',
    async (lang, page) => {
      const name = `hub-report-${lang}-p${page}.png`;
      const reference = join(REFERENCE_DIR, name);
      const actualBytes = await renderPage(lang, page);
      if (UPDATE) {
        mkdirSync(REFERENCE_DIR, { recursive: true });
        writeFileSync(reference, actualBytes);
        console.log(`wrote ${reference}: review it before committing`);
        return;
      }
      expect(existsSync(reference), `${reference} is missing: create it with UPDATE_REFERENCES=1`).toBe(true);

      const expected = PNG.sync.read(readFileSync(reference));
      const actual = PNG.sync.read(actualBytes);
      expect(`${actual.width}x${actual.height}`, 'page size in pixels').toBe(`${expected.width}x${expected.height}`);

      const diff = new PNG({ width: expected.width, height: expected.height });
      const differing = pixelmatch(expected.data, actual.data, diff.data, expected.width, expected.height, {
        threshold: 0.1,
      });
      const percent = (differing / (expected.width * expected.height)) * 100;
      console.log(`hub report ${lang} page ${page}: ${differing} pixels differ (${percent.toFixed(3)}%)`);
      if (percent > MAX_DIFF_PERCENT) {
        keepDir = true;
        writeFileSync(join(dir, `hub-report-${lang}-p${page}.diff.png`), PNG.sync.write(diff));
      }
      expect(
        percent,
        `${percent.toFixed(3)}% of the pixels differ from ${reference} (at most ${MAX_DIFF_PERCENT}% allowed); ` +
          `rendered page and diff in ${dir}`,
      ).toBeLessThanOrEqual(MAX_DIFF_PERCENT);
    },
    60_000,
  );
});

if (!hasPdftoppm) {
  describe('hub report reference images', () => {
    it.skip('need pdftoppm (poppler-utils), which is not installed', () => {});
  });
}
