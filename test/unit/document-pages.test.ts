import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../functions/documents/model.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { hasPoppler, normalise, pdfjsPages, popplerPages } from '../support/pdf-text.ts';

/**
 * What is drawn on every page besides the body: the continuation header with the page number
 * (once on each page after the first, as in ITU circulars) and the watermark of a draft. Both
 * are artifacts drawn as outlines, so the extracted text is the body alone.
 */

const BODY = Array.from(
  { length: 40 },
  (_, i) =>
    `Paragraph ${i + 1}: the sixth U4SSC meeting will be held virtually on 7 December 2021, from 10:00 to 15:30 Geneva time.`,
);

const model = (watermark?: string): DocumentModel => ({
  lang: 'en',
  title: 'TSB Circular 352',
  continuationHeader: 'TSB Circular 352',
  blocks: BODY.map((text, i) => ({ type: 'paragraph', number: String(i + 1), runs: [{ text }] })),
  annexes: [],
  ...(watermark ? { watermark } : {}),
});

/** Per page: the tags of its marked-content sequences, in order. */
async function artifacts(pdf: Buffer): Promise<string[][]> {
  // marked content lives in compressed streams: ask pdf.js for each page's operators
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0 });
  const doc = await task.promise;
  const out: string[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    const tags: string[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.beginMarkedContentProps || fn === OPS.beginMarkedContent)
        tags.push(String((ops.argsArray[i] as unknown[])[0]));
    });
    out.push(tags);
  }
  await task.destroy();
  return out;
}

describe('page furniture', () => {
  it('numbers each page after the first once, in its header, outside the extracted text', async () => {
    const pdf = await renderPdf(model());
    const pages = await artifacts(pdf);
    expect(pages.length).toBe(3);
    // page 1: no header; pages 2 and 3: the number line and the title line, once each
    expect(pages.map((tags) => tags.filter((t) => t === 'Artifact').length)).toEqual([0, 2, 2]);
    const extracted = await pdfjsPages(pdf);
    for (const page of extracted) {
      expect(page).not.toMatch(/–\s*\d\s*–/);
      expect(page).not.toContain('TSB Circular 352');
      expect(page).not.toMatch(/\b\d\/3\b/);
    }
    const all = normalise(extracted.join(' '));
    for (const p of BODY) expect(all).toContain(p);
    if (hasPoppler) {
      const poppler = normalise(popplerPages(pdf).join(' '));
      expect(poppler).not.toContain('TSB Circular 352');
      for (const p of BODY) expect(poppler).toContain(p);
    }
  });

  it('draws the watermark once on every page, outside the extracted text', async () => {
    const plain = await renderPdf(model());
    const pdf = await renderPdf(model('DRAFT'));
    const pages = await artifacts(pdf);
    expect(pages.map((tags) => tags.filter((t) => t === 'Artifact').length)).toEqual([1, 3, 3]);
    const extracted = await pdfjsPages(pdf);
    expect(extracted.join(' ')).not.toContain('DRAFT');
    expect(normalise(extracted.join(' '))).toBe(normalise((await pdfjsPages(plain)).join(' ')));
    if (hasPoppler) expect(popplerPages(pdf).join(' ')).not.toContain('DRAFT');
    expect(pdf.length).toBeGreaterThan(plain.length);
  });
});
