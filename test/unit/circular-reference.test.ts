import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { circularDocument } from '../../functions/circulars/operations.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { CIRCULAR_352_ALL, CIRCULAR_352_ISSUED_AT } from '../fixtures/circular-352.ts';

/**
 * Page 1 of TSB Circular 352 (Russian and English as issued; Arabic and Chinese as drafted from meeting 6), rendered to PDF with a fixed date and
 * rasterised at 50 dpi by pdftoppm, against reviewed reference images in test/reference/.
 * Fails when more than MAX_DIFF_PERCENT of the pixels differ (pixelmatch, threshold 0.1). The
 * same fonts (from npm) and poppler render identically here (0 pixels differ), so the limit is
 * tight: a changed word differs by 0.04–0.06% and fails, a dropped addressee by about 8.5%.
 * Only a one-digit change on a line that does not reflow (0.004%) slips under it; the words
 * are also checked by pdftotext in documents-render.test.ts.
 *
 * To accept a deliberate change of layout: run
 *   UPDATE_REFERENCES=1 npx vitest run --project unit test/unit/circular-reference.test.ts
 * which writes the references instead of comparing; then look at both PNGs before committing.
 * On a mismatch, the rendered page and a diff image are written to a temporary folder whose
 * path the failure message gives.
 */
const REFERENCE_DIR = join('test', 'reference');
const MAX_DIFF_PERCENT = 0.02;
const UPDATE = process.env.UPDATE_REFERENCES === '1';

const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

const dir = mkdtempSync(join(tmpdir(), 'u4ssc-reference-'));
let keepDir = false;
afterAll(() => {
  if (!keepDir) rmSync(dir, { recursive: true, force: true });
});

/** Page 1 of the circular in `lang`, as a 50 dpi PNG. */
async function renderPage1(lang: 'ru' | 'en' | 'ar' | 'zh'): Promise<Buffer> {
  const date = new Date(CIRCULAR_352_ISSUED_AT);
  const pdf = await renderPdf(circularDocument(CIRCULAR_352_ALL, lang, date), { date });
  const pdfFile = join(dir, `circular-352-${lang}.pdf`);
  writeFileSync(pdfFile, pdf);
  const prefix = join(dir, `circular-352-${lang}-p1`);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  return readFileSync(`${prefix}.png`);
}

describe.skipIf(!hasPdftoppm)('TSB Circular 352, page 1 against the reviewed reference image', () => {
  it.each(['ru', 'en', 'ar', 'zh'] as const)('%s', async (lang) => {
    const name = `circular-352-${lang}-p1.png`;
    const reference = join(REFERENCE_DIR, name);
    const actualBytes = await renderPage1(lang);
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
    console.log(`circular 352 ${lang} page 1: ${differing} pixels differ (${percent.toFixed(3)}%)`);
    if (percent > MAX_DIFF_PERCENT) {
      keepDir = true;
      writeFileSync(join(dir, `circular-352-${lang}-p1.diff.png`), PNG.sync.write(diff));
    }
    expect(
      percent,
      `${percent.toFixed(3)}% of the pixels differ from ${reference} (at most ${MAX_DIFF_PERCENT}% allowed); ` +
        `rendered page and diff in ${dir}`,
    ).toBeLessThanOrEqual(MAX_DIFF_PERCENT);
  });
});

if (!hasPdftoppm) {
  describe('TSB Circular 352 reference images', () => {
    it.skip('need pdftoppm (poppler-utils), which is not installed', () => {});
  });
}
