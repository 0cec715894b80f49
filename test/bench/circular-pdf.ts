import { existsSync } from 'node:fs';
import { circularDocument } from '../../functions/circulars/operations.ts';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { CIRCULAR_352, CIRCULAR_352_ISSUED_AT } from '../fixtures/circular-352.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { summarize } from './stats.ts';

/**
 * Milliseconds per PDF of TSB Circular 352 in Russian, warm and in-process:
 * `renderPdf(circularDocument(…))` (pdfkit), against a baseline measured in the same run:
 * headless Chromium printing the same circular's email HTML to PDF, with one browser and one
 * page kept warm (`page.setContent(html)` + `page.pdf({ format: 'A4' })`).
 */
const DEFAULT_RUNS = 50;
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function runCount(): number {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_RUNS;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got "${raw}"`);
  return runs;
}

/** One warm-up call, then `runs` timed calls; answers the summary and the last PDF's size. */
async function timeRenders(runs: number, render: () => Promise<Buffer>) {
  let bytes = (await render()).length;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const pdf = await render();
    samples.push(performance.now() - started);
    bytes = pdf.length;
  }
  return { ms: summarize(samples), bytes };
}

async function chromiumBaseline(runs: number, html: string) {
  if (!existsSync(CHROMIUM)) return { chromium: null, reason: `${CHROMIUM} is not installed` };
  const { chromium } = await import('playwright-core');
  const launchStarted = performance.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const launchMs = Math.round((performance.now() - launchStarted) * 100) / 100;
  try {
    const page = await browser.newPage();
    const result = await timeRenders(runs, async () => {
      await page.setContent(html);
      return page.pdf({ format: 'A4' });
    });
    return { chromium: { ...result, launchMs, version: browser.version() } };
  } finally {
    await browser.close();
  }
}

export const circularPdf: Benchmark = {
  name: 'circular-pdf',
  description:
    'Milliseconds per TSB Circular 352 PDF (Russian, warm, pdfkit), against headless Chromium printing its HTML',
  async run() {
    const runs = runCount();
    const date = new Date(CIRCULAR_352_ISSUED_AT);

    progress(`pdfkit: 1 warm-up + ${runs} renders of Circular 352 (ru)`);
    const pdfkit = await timeRenders(runs, () => renderPdf(circularDocument(CIRCULAR_352, 'ru', date), { date }));
    progress(`pdfkit median ${pdfkit.ms.median} ms, ${pdfkit.bytes} bytes`);

    progress(`chromium: 1 warm-up + ${runs} prints of the same circular's HTML`);
    const { html } = renderDocumentEmail(circularDocument(CIRCULAR_352, 'ru', date));
    let baseline: Awaited<ReturnType<typeof chromiumBaseline>>;
    try {
      baseline = await chromiumBaseline(runs, html);
    } catch (error) {
      baseline = { chromium: null, reason: `Chromium failed: ${String(error).split('\n')[0]}` };
    }
    if (baseline.chromium)
      progress(`chromium median ${baseline.chromium.ms.median} ms, ${baseline.chromium.bytes} bytes`);

    return {
      benchmark: 'circular-pdf',
      document: 'TSB Circular 352 (ru)',
      runs,
      pdfkit,
      ...baseline,
      ratio: baseline.chromium ? Math.round((baseline.chromium.ms.median / pdfkit.ms.median) * 100) / 100 : null,
      htmlBytes: Buffer.byteLength(html),
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
  },
};
