import { existsSync } from 'node:fs';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { draftReport } from '../../functions/hubs/draft.ts';
import { hubReportDocument } from '../../functions/hubs/report-document.ts';
import type { Lang } from '../../functions/i18n/languages.ts';
import { activities, cityList, HUB, kpiValues } from '../fixtures/hub-year.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { summarize } from './stats.ts';

/**
 * Milliseconds per hub annual report PDF over 200 activities and 3 cities × 91 KPIs (with the
 * previous year beside each value), warm and in-process, in English and Arabic (pdfkit); the
 * goal is ≤ 3 s warm. Baseline in the same run: headless Chromium printing the same report's
 * HTML to PDF, one browser and one page kept warm.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const runCount = () => {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('BENCH_RUNS must be a positive integer');
  return runs;
};

async function timeRenders(runs: number, render: () => Promise<Buffer>) {
  let bytes = (await render()).length;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    bytes = (await render()).length;
    samples.push(performance.now() - started);
  }
  return { ms: summarize(samples), bytes };
}

export const hubReportPdf: Benchmark = {
  name: 'hub-report-pdf',
  description:
    'Milliseconds per hub annual report PDF (200 activities, 3 cities × 91 KPIs), against Chromium printing its HTML',
  async run() {
    const runs = runCount();
    const cities = cityList(3);
    const draft = draftReport({
      hub: HUB,
      year: 2025,
      cities,
      activities: activities(200, 2025),
      values: kpiValues(cities, 2025),
      previousValues: kpiValues(cities, 2024, -1),
    });
    const model = (lang: Lang) =>
      hubReportDocument(
        {
          hub: HUB,
          draft,
          narrative: { summary: 'The hub assessed three cities.', highlights: '', challenges: '' },
          edition: 1,
          date: new Date('2026-02-01T00:00:00Z'),
          watermark: false,
        },
        lang,
      );
    const results: Record<string, unknown> = {};
    for (const lang of ['en', 'ar'] as const) {
      progress(`pdfkit: 1 warm-up + ${runs} renders of the report (${lang})`);
      const timed = await timeRenders(runs, () => renderPdf(model(lang)));
      progress(`pdfkit ${lang} median ${timed.ms.median} ms, ${timed.bytes} bytes`);
      results[lang] = timed;
    }
    let chromium: unknown = null;
    let reason: string | undefined;
    if (existsSync(CHROMIUM)) {
      const { chromium: browserType } = await import('playwright-core');
      const browser = await browserType.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage();
        const { html } = renderDocumentEmail(model('en'));
        progress(`chromium: 1 warm-up + ${runs} prints of the same report's HTML (en)`);
        chromium = await timeRenders(runs, async () => {
          await page.setContent(html);
          return page.pdf({ format: 'A4' });
        });
      } finally {
        await browser.close();
      }
    } else reason = `${CHROMIUM} is not installed`;
    const en = results.en as { ms: { median: number } };
    const base = chromium as { ms: { median: number } } | null;
    return {
      benchmark: 'hub-report-pdf',
      document: 'Hub annual report: 200 activities, 3 cities × 91 KPIs, two years',
      runs,
      pdfkit: results,
      chromium,
      ...(reason ? { reason } : {}),
      ratio: base ? Math.round((base.ms.median / en.ms.median) * 100) / 100 : null,
      goalMs: 3000,
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
  },
};
