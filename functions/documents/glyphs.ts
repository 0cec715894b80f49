import { fontCovering, fontFor, isInvisible } from './fonts.ts';
import type { Block, DocumentModel } from './model.ts';

/**
 * Characters of a document that no bundled font can draw (the PDF would show an empty box):
 * the preview lists them as a warning, and issuing refuses the document while there are any.
 */

/** Every text of a block, in reading order. */
function blockTexts(b: Block): string[] {
  switch (b.type) {
    case 'letterhead':
    case 'signature':
      return b.lines;
    case 'meta':
      return b.rows.flatMap((r) => [r.label, ...r.lines]);
    case 'addressees':
      return b.groups.flatMap((g) => [g.label, ...g.items]);
    case 'subject':
      return [b.label, b.text];
    case 'heading':
    case 'salutation':
    case 'closing':
      return [b.text];
    case 'paragraph':
      return [b.number ?? '', ...b.runs.map((r) => r.text), ...(b.bullets ?? []).flat().map((r) => r.text)];
    case 'table':
      return [b.caption ?? '', ...b.header, ...b.rows.flat()];
    case 'chart':
      return [b.title, ...b.categories, ...b.series.map((s) => s.name)];
    case 'pageBreak':
      return [];
  }
}

/** Every text the renderers put on the page, in reading order. */
export function documentTexts(model: DocumentModel): string[] {
  return [
    model.title,
    model.continuationHeader,
    model.watermark ?? '',
    ...model.blocks.flatMap(blockTexts),
    ...model.annexes.flatMap((a) => [a.title, ...a.blocks.flatMap(blockTexts)]),
  ];
}

/**
 * The distinct characters (code points) of the document that no bundled font covers, in order
 * of first appearance. Whitespace, control and format characters (bidi isolates, zero-width
 * joiners, variation selectors) are not drawn and never listed.
 */
export function missingGlyphs(model: DocumentModel): string[] {
  return unprintable(documentTexts(model));
}

/** The distinct characters of these texts that no bundled font covers, in order of first appearance. */
export function unprintable(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const text of texts) {
    for (const ch of text) {
      if (seen.has(ch)) continue;
      seen.add(ch);
      if (isInvisible(ch)) continue;
      if (!fontCovering(ch.codePointAt(0) as number, fontFor('latin', false), false)) missing.push(ch);
    }
  }
  return missing;
}

/**
 * A person's name as a document can print it: as given when every character has a font, else
 * the name with what cannot print removed (if letters remain), else the email address — never
 * an empty "Dear ,".
 */
export function printableName(name: string, fallback: string): string {
  const missing = new Set(unprintable([name]));
  if (missing.size === 0) return name;
  const kept = Array.from(name)
    .filter((ch) => !missing.has(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return /\p{L}/u.test(kept) ? kept : fallback;
}
