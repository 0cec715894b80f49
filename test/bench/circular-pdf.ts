import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Circular, CircularContent } from '../../functions/circulars/circular.ts';
import { circularDocument } from '../../functions/circulars/operations.ts';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { setSimpleLayout } from '../../functions/documents/simple-layout.ts';
import { CIRCULAR_352, CIRCULAR_352_ISSUED_AT } from '../fixtures/circular-352.ts';
import { type Benchmark, progress } from './benchmark.ts';
import { envInteger, round } from './stats.ts';

/**
 * Milliseconds per PDF of TSB Circular 352 in Russian (2 pages) with NEW TEXT EACH RENDER: every
 * letter of the circular's own text (subject, addressees, paragraphs, signature) is replaced by
 * a random letter of the same alphabet and case, so no word repeats from one render to the next
 * and no cross-document word cache can hit; the template's fixed text (labels, headers) stays.
 *
 * Warm, in one process: pdfkit with the unshaped fast path (simple-layout.ts), pdfkit with it
 * off (fontkit shapes every run), and headless Chromium printing the same circular's HTML (one
 * browser and one page kept warm: `page.setContent(html)` + `page.pdf({ format: 'A4' })`), in
 * rounds that alternate the order of the sides.
 *
 * Cold: a new Node process per sample (import of the renderer + fonts + first render, timed
 * inside the process; the process's own start is given apart), with the fast path on and off,
 * against Chromium launch + new page + first print; also alternated per round.
 *
 * `BENCH_ROUNDS` (default 3), `BENCH_RUNS` renders per side and round warm (default 20),
 * `BENCH_COLD` cold samples per side and round (default 3).
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A small deterministic generator (mulberry32), so that runs can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABETS = ['абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'abcdefghijklmnopqrstuvwxyz'].flatMap((a) => [
  a,
  a.toUpperCase(),
]);

/** `text` with every letter replaced by a random one of its alphabet and case. */
function scramble(text: string, next: () => number): string {
  let out = '';
  for (const ch of text) {
    const alphabet = ALPHABETS.find((a) => a.includes(ch));
    out += alphabet ? (alphabet[Math.floor(next() * alphabet.length)] as string) : ch;
  }
  return out;
}

/** Circular 352 (ru) with new text: the n-th variant. */
export function variant(n: number): Circular {
  const next = random(n + 1);
  const s = (t: string) => scramble(t, next);
  const ru = CIRCULAR_352.content.ru as CircularContent;
  const content: CircularContent = {
    subject: s(ru.subject),
    addressees: ru.addressees.map(s),
    copies: ru.copies.map(s),
    paragraphs: ru.paragraphs.map((p) => ({ ...p, text: s(p.text), bullets: p.bullets.map(s) })),
    signatory: { name: s(ru.signatory.name), title: s(ru.signatory.title) },
    salutation: s(ru.salutation),
    closing: s(ru.closing),
  };
  return { ...CIRCULAR_352, content: { ru: content } };
}

const date = new Date(CIRCULAR_352_ISSUED_AT);
export const variantDocument = (n: number) => circularDocument(variant(n), 'ru', date);

interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}
function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return {
    min: round(sorted[0] as number),
    median: round(median),
    max: round(sorted[sorted.length - 1] as number),
    n: sorted.length,
  };
}

const ratio = (baseline: Spread, measured: Spread) => ({
  median: round(baseline.median / measured.median),
  min: round(baseline.min / measured.min),
});

type Side = 'fast' | 'shaped' | 'chromium';
/** Cold only: the fast path with the template's fixed text laid out before the first render. */
type ColdSide = Side | 'fastWarmed';

/** One cold pdfkit sample: a new process imports the renderer, reads the fonts, renders one new circular. */
function coldPdfkit(
  fast: boolean,
  n: number,
  warm = false,
): { ms: number; processMs: number; renderMs: number; bytes: number } {
  const script = fileURLToPath(new URL('./circular-pdf-cold.ts', import.meta.url));
  const started = performance.now();
  const out = execFileSync(process.execPath, [script, fast ? 'fast' : 'shaped', String(n), ...(warm ? ['warm'] : [])], {
    encoding: 'utf8',
  });
  const processMs = performance.now() - started;
  const result = JSON.parse(out) as { ms: number; renderMs: number; bytes: number };
  return { ms: result.ms, processMs, renderMs: result.renderMs, bytes: result.bytes };
}

export const circularPdf: Benchmark = {
  name: 'circular-pdf',
  description:
    'Milliseconds per TSB Circular 352 PDF (ru, 2 pages, new text each render), pdfkit with and without the fast path, warm and cold, against Chromium',
  async run() {
    const rounds = envInteger('BENCH_ROUNDS', 3);
    const runs = envInteger('BENCH_RUNS', 20);
    const coldRuns = envInteger('BENCH_COLD', 3);
    const hasChromium = existsSync(CHROMIUM);
    const { chromium } = await import('playwright-core');
    let variantNo = 0;

    // ---- warm
    const warm: Record<Side, number[]> = { fast: [], shaped: [], chromium: [] };
    const bytes: Record<Side, number> = { fast: 0, shaped: 0, chromium: 0 };
    const browser = hasChromium ? await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }) : undefined;
    const page = browser ? await browser.newPage() : undefined;
    const renderSide = async (side: Side, model: ReturnType<typeof variantDocument>) => {
      if (side === 'chromium') {
        const { html } = renderDocumentEmail(model);
        await page?.setContent(html);
        return (await page?.pdf({ format: 'A4' })) ?? Buffer.alloc(0);
      }
      setSimpleLayout(side === 'fast');
      return renderPdf(model, { date });
    };
    try {
      const sides: Side[] = hasChromium ? ['fast', 'shaped', 'chromium'] : ['fast', 'shaped'];
      // one warm-up render per side (JIT, fonts, browser page)
      for (const side of sides) await renderSide(side, variantDocument(variantNo++));
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 === 0 ? sides : [...sides].reverse();
        progress(`warm round ${r + 1}/${rounds}: ${order.join(' → ')}, ${runs} new circulars each`);
        for (const side of order) {
          for (let i = 0; i < runs; i++) {
            const model = variantDocument(variantNo++);
            const started = performance.now();
            const pdf = await renderSide(side, model);
            warm[side].push(performance.now() - started);
            bytes[side] = pdf.length;
          }
        }
      }
    } finally {
      setSimpleLayout(true);
      await browser?.close();
    }

    // ---- cold
    const cold: Record<ColdSide, number[]> = { fast: [], shaped: [], chromium: [], fastWarmed: [] };
    const coldProcess: Record<'fast' | 'shaped' | 'fastWarmed', number[]> = { fast: [], shaped: [], fastWarmed: [] };
    const firstRender: Record<'fast' | 'shaped' | 'fastWarmed', number[]> = { fast: [], shaped: [], fastWarmed: [] };
    const coldSide = async (side: ColdSide) => {
      if (side === 'chromium') {
        const { html } = renderDocumentEmail(variantDocument(variantNo++));
        const started = performance.now();
        const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        try {
          const p = await b.newPage();
          await p.setContent(html);
          await p.pdf({ format: 'A4' });
          cold.chromium.push(performance.now() - started);
        } finally {
          await b.close();
        }
        return;
      }
      const sample = coldPdfkit(side !== 'shaped', variantNo++, side === 'fastWarmed');
      cold[side].push(sample.ms);
      coldProcess[side].push(sample.processMs);
      firstRender[side].push(sample.renderMs);
    };
    const coldSides: ColdSide[] = ['fast', 'shaped', 'fastWarmed', ...(hasChromium ? (['chromium'] as const) : [])];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? coldSides : [...coldSides].reverse();
      progress(`cold round ${r + 1}/${rounds}: ${order.join(' → ')}, ${coldRuns} each`);
      for (let i = 0; i < coldRuns; i++) for (const side of order) await coldSide(side);
    }

    const w = { fast: spread(warm.fast), shaped: spread(warm.shaped) };
    const c = { fast: spread(cold.fast), shaped: spread(cold.shaped) };
    const wc = hasChromium ? spread(warm.chromium) : null;
    const cc = hasChromium ? spread(cold.chromium) : null;
    return {
      benchmark: 'circular-pdf',
      document: 'TSB Circular 352 (ru, 2 pages), new text each render',
      rounds,
      warm: {
        pdfkitFast: { ms: w.fast, bytes: bytes.fast },
        pdfkitShaped: { ms: w.shaped, bytes: bytes.shaped },
        chromium: wc ? { ms: wc, bytes: bytes.chromium } : null,
        fastVsShaped: ratio(w.shaped, w.fast),
        fastVsChromium: wc ? ratio(wc, w.fast) : null,
        shapedVsChromium: wc ? ratio(wc, w.shaped) : null,
      },
      cold: {
        pdfkitFast: { ms: c.fast, processMs: spread(coldProcess.fast), firstRenderMs: spread(firstRender.fast) },
        pdfkitShaped: {
          ms: c.shaped,
          processMs: spread(coldProcess.shaped),
          firstRenderMs: spread(firstRender.shaped),
        },
        pdfkitFastWarmed: {
          ms: spread(cold.fastWarmed),
          processMs: spread(coldProcess.fastWarmed),
          firstRenderMs: spread(firstRender.fastWarmed),
        },
        chromium: cc ? { ms: cc } : null,
        fastVsShaped: ratio(c.shaped, c.fast),
        fastVsChromium: cc ? ratio(cc, c.fast) : null,
        fastProcessVsChromium: cc ? ratio(cc, spread(coldProcess.fast)) : null,
      },
      node: process.version,
      measuredAt: new Date().toISOString(),
    };
  },
};
