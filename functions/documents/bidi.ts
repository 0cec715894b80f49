import bidiImport from 'bidi-js';

/**
 * Right-to-left text for pdfkit (ARCHITECTURE "PDF", the Arabic recipe). fontkit shapes (joins)
 * Arabic letters and, for a string it sees as Arabic, reverses the whole glyph run — which also
 * reverses numbers and Latin inside it (352 → 253). So: resolve embedding levels with the
 * Unicode Bidirectional Algorithm (bidi-js), reverse each left-to-right run beforehand (fontkit
 * turns it back), and mirror brackets in right-to-left runs.
 *
 * Reordering is done PER LINE, after line breaking: `reorderLine` orders one line's fragments
 * visually (rule L2 of UAX #9); the PDF renderer measures and wraps in logical order first.
 */

// bidi-js's types describe an ES module, its package a CommonJS one: under NodeNext TypeScript
// sees the default import as the module object, while Node (and esbuild) give the function.
type BidiFactory = typeof bidiImport.default;
const bidiFactory = ((bidiImport as unknown as { default?: BidiFactory }).default ??
  bidiImport) as unknown as BidiFactory;
const bidi = bidiFactory();

const RTL_STRONG = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** True when the text holds a right-to-left letter (Hebrew, Arabic). */
export const hasRtl = (text: string): boolean => RTL_STRONG.test(text);

/** The bidi embedding level of each UTF-16 code unit of `text`, in a paragraph of the given direction. */
export function embeddingLevels(text: string, direction: 'rtl' | 'ltr'): Uint8Array {
  return bidi.getEmbeddingLevels(text, direction).levels;
}

/** Replaces brackets (and other mirrored characters) at right-to-left levels by their mirror image. */
export function mirrorRtl(text: string, levels: ArrayLike<number>): string {
  const map = bidi.getMirroredCharactersMap(text, levels as Uint8Array);
  if (map.size === 0) return text;
  const chars = text.split('');
  for (const [i, ch] of map) chars[i] = ch;
  return chars.join('');
}

/**
 * The visual order of a line's fragments, each of one bidi level (UAX #9 rule L2: from the
 * highest level down to the lowest odd level, reverse every maximal sequence at that level or
 * above). Returns indices into `levels`.
 */
export function reorderLine(levels: number[]): number[] {
  const order = levels.map((_, i) => i);
  if (levels.length === 0) return order;
  const max = Math.max(...levels);
  let minOdd = Math.min(...levels);
  if (minOdd % 2 === 0) minOdd += 1;
  for (let level = max; level >= minOdd; level--) {
    let i = 0;
    while (i < order.length) {
      if ((levels[order[i] as number] as number) >= level) {
        let j = i;
        while (j + 1 < order.length && (levels[order[j + 1] as number] as number) >= level) j++;
        const reversed = order.slice(i, j + 1).reverse();
        order.splice(i, reversed.length, ...reversed);
        i = j + 1;
      } else i++;
    }
  }
  return order;
}

/**
 * One line of text prepared for `doc.text(s, { align: 'right', features: ['rtla'] })`: left-to-
 * right runs (numbers, "U4SSC", URLs) reversed so that fontkit's reversal restores them, brackets
 * mirrored. For short single-line strings (labels, table cells that do not wrap); paragraphs go
 * through the PDF renderer's own line layout, which reorders per line.
 */
export function prepareRtlLine(text: string): string {
  if (!hasRtl(text)) return text;
  const levels = embeddingLevels(text, 'rtl');
  const mirrored = mirrorRtl(text, levels).split('');
  let out = '';
  let i = 0;
  while (i < mirrored.length) {
    const odd = (levels[i] as number) % 2 === 1;
    let j = i;
    while (j < mirrored.length && ((levels[j] as number) % 2 === 1) === odd) j++;
    const run = mirrored.slice(i, j);
    out += odd ? run.join('') : run.reverse().join('');
    i = j;
  }
  return out;
}

/**
 * What to hand fontkit for one fragment at one bidi level, so that it comes out in visual order:
 * right-to-left fragments with an Arabic/Hebrew letter are reversed by fontkit itself; those of
 * neutrals only (", (") are not, so they are reversed here. Brackets are mirrored.
 */
export function fragmentForFontkit(text: string, level: number): string {
  if (level % 2 === 0) return text;
  const levels = new Uint8Array(text.length).fill(level);
  const mirrored = mirrorRtl(text, levels);
  return hasRtl(mirrored) ? mirrored : Array.from(mirrored).reverse().join('');
}
