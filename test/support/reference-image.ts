import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, expect } from 'vitest';

/**
 * Rendered pages against reviewed reference images in test/reference/. A page is rasterised at
 * 50 dpi by pdftoppm and compared with pixelmatch (threshold 0.1); more than MAX_DIFF_PERCENT
 * of the pixels differing fails. The same fonts (from npm) and poppler render identically here
 * (0 pixels differ), so the limit is tight: a changed word differs by 0.04–0.06% and fails.
 *
 * With UPDATE_REFERENCES=1 the references are written instead of compared; look at every PNG
 * before committing. On a mismatch, the rendered page and a diff image are kept in a temporary
 * folder whose path the failure message gives.
 */
export const REFERENCE_DIR = join('test', 'reference');
export const MAX_DIFF_PERCENT = 0.02;
const UPDATE = process.env.UPDATE_REFERENCES === '1';

export const hasPdftoppm = spawnSync('pdftoppm', ['-v']).error === undefined;

/** A temporary folder for one test file's PDFs and pages, removed after it unless a page failed. */
export function referenceWorkspace(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `u4ssc-${prefix}-`));
  let keep = false;
  afterAll(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the PDF into the workspace and returns its path. */
  function savePdf(name: string, pdf: Buffer): string {
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    return path;
  }

  /** Page `page` of a saved PDF as a 50 dpi PNG. */
  function rasterise(pdfFile: string, page: number, name: string): Buffer {
    const out = join(dir, name);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', String(page), '-l', String(page), '-singlefile', pdfFile, out]);
    return readFileSync(`${out}.png`);
  }

  /** Compares `actualBytes` with test/reference/`name`.png (or writes it in update mode). */
  function compare(name: string, actualBytes: Buffer, label: string): void {
    const reference = join(REFERENCE_DIR, `${name}.png`);
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
    console.log(`${label}: ${differing} pixels differ (${percent.toFixed(3)}%)`);
    if (percent > MAX_DIFF_PERCENT) {
      keep = true;
      writeFileSync(join(dir, `${name}.diff.png`), PNG.sync.write(diff));
    }
    expect(
      percent,
      `${percent.toFixed(3)}% of the pixels differ from ${reference} (at most ${MAX_DIFF_PERCENT}% allowed); ` +
        `rendered page and diff in ${dir}`,
    ).toBeLessThanOrEqual(MAX_DIFF_PERCENT);
  }

  return { savePdf, rasterise, compare };
}
