import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Text extraction as readers get it: poppler's `pdftotext` (Evince, Okular, most search
 * indexers) and pdf.js (Firefox, Chrome's viewer; what copy/paste from those gives). One string
 * per page.
 */

export const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
let n = 0;

/** Pages as poppler's pdftotext reads them (reading order, not the physical layout). */
export function popplerPages(pdf: Buffer): string[] {
  const file = join(dir, `${n++}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]?.trim() === '') pages.pop();
  return pages;
}

/** Pages as pdf.js's getTextContent gives them: items in order, a line break where pdf.js sees one. */
export async function pdfjsPages(pdf: Buffer): Promise<string[]> {
  const task = getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      if (item.hasEOL) text += '\n';
    }
    pages.push(text);
  }
  await task.destroy();
  return pages;
}

/** A run of text as pdf.js places it: its text, and its start and baseline in PDF units. */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** Page 1's text runs as pdf.js reads them, with their positions (where each is drawn). */
export async function pdfjsPlacedText(pdf: Buffer): Promise<PlacedText[]> {
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0 });
  const doc = await task.promise;
  const content = await (await doc.getPage(1)).getTextContent();
  const out: PlacedText[] = [];
  for (const item of content.items)
    if ('str' in item && item.str.trim())
      out.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
  await task.destroy();
  return out;
}

/** Whitespace normalised, soft hyphens and zero-width spaces dropped, for comparisons. */
export const normalise = (s: string): string =>
  s
    .replace(/[\u00ad\u200b\u2066-\u2069\u200e\u200f\u202a-\u202e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
