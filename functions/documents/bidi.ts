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

/**
 * Left-to-right items inside right-to-left text: URLs, e-mail addresses, phone numbers and
 * codes ("+41 22 730 6301", "ITU-T Y.4903", "u4ssc@itu.int"): tokens of Latin letters, digits
 * and the punctuation such items hold, joined by single spaces. Without an isolate the bidi
 * algorithm lays each number of a phone number out on its own, right to left ("6301 730 22
 * 41+"), and puts neighbouring brackets and full stops on the wrong side.
 */
const LTR_ITEM =
  /\+?[A-Za-z0-9\u00c0-\u024f][\w\u00c0-\u024f@.:/\-%#?=&~+]*(?:[ \u00a0][+(]?[A-Za-z0-9\u00c0-\u024f][\w\u00c0-\u024f@.:/\-%#?=&~+)]*)*/g;
/** Sentence punctuation that ends an item's match but belongs to the surrounding text. */
const TRAILING = /[.,:;!?)\]-]+$/;

export const LRI = '\u2066';
export const PDI = '\u2069';

/** The [start, end) ranges of `text` that are left-to-right items (see LTR_ITEM). */
export function ltrItems(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(LTR_ITEM)) {
    const start = m.index ?? 0;
    let item = m[0];
    // a closing bracket stays inside only when its opening bracket is inside too
    for (;;) {
      const trimmed = item.replace(TRAILING, '');
      const kept = item.slice(trimmed.length);
      const opens = (trimmed.match(/\(/g) ?? []).length - (trimmed.match(/\)/g) ?? []).length;
      if (kept.startsWith(')') && opens > 0) item = `${trimmed})`;
      else item = trimmed;
      if (!TRAILING.test(item) || (item.endsWith(')') && opens > 0)) break;
    }
    if (item.length === 0) continue;
    // a sentence in a left-to-right script ("…, from 10:00 to 15:30.") is one item, not one per
    // clause: items with letters that only neutrals separate are joined
    const prev = out[out.length - 1];
    const hasLetter = (s: string) => /\p{L}/u.test(s);
    if (
      prev &&
      !RTL_STRONG.test(text.slice(prev[1], start)) &&
      hasLetter(item) &&
      hasLetter(text.slice(prev[0], prev[1]))
    )
      prev[1] = start + item.length;
    else out.push([start, start + item.length]);
  }
  // a bracket opened inside a joined item ("Hub Valencia (Valencia, Spain)") closes inside it
  for (const range of out) {
    const inside = text.slice(range[0], range[1]);
    let opens = (inside.match(/\(/g) ?? []).length - (inside.match(/\)/g) ?? []).length;
    while (opens-- > 0 && text[range[1]] === ')') range[1]++;
  }
  return out;
}

/** `text` with every left-to-right item wrapped in LRI … PDI (UAX #9 isolates). */
export function isolateLtrItems(text: string): string {
  let out = '';
  let last = 0;
  for (const [start, end] of ltrItems(text)) {
    out += `${text.slice(last, start)}${LRI}${text.slice(start, end)}${PDI}`;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * The bidi embedding level of each UTF-16 code unit of `text`, in a paragraph of the given
 * direction. In right-to-left paragraphs, left-to-right items are resolved as isolates (the
 * isolate marks are only used for the resolution: the levels are those of `text` itself).
 */
export function embeddingLevels(text: string, direction: 'rtl' | 'ltr'): Uint8Array {
  if (direction === 'ltr' && !hasRtl(text)) return bidi.getEmbeddingLevels(text, direction).levels;
  const items = ltrItems(text);
  if (items.length === 0) return bidi.getEmbeddingLevels(text, direction).levels;
  const isolated = isolateLtrItems(text);
  const all = bidi.getEmbeddingLevels(isolated, direction).levels;
  const levels = new Uint8Array(text.length);
  let j = 0;
  for (let i = 0; i < isolated.length; i++) {
    const c = isolated[i];
    if (c === LRI || c === PDI) continue;
    levels[j++] = all[i] as number;
  }
  return levels;
}

/** Replaces brackets (and other mirrored characters) at right-to-left levels by their mirror image. */
export function mirrorRtl(text: string, levels: ArrayLike<number>): string {
  const map = bidi.getMirroredCharactersMap(text, levels as Uint8Array);
  if (map.size === 0) return text;
  const chars = text.split('');
  for (const [i, ch] of map) chars[i] = ch;
  return chars.join('');
}

/** The mirror image of a mirrored character (brackets), or the character itself. */
export function mirrorOf(codePoint: number): number {
  const m = bidi.getMirroredCharacter(String.fromCodePoint(codePoint));
  return m ? (m.codePointAt(0) as number) : codePoint;
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

const RLM = '\u200f';
/** Poppler's "numbers": digits and the separators it counts with them (the Arabic comma too). */
const POPPLER_NUM = /[\p{Nd}#$%+,\-./:\u060c\u066b\u066c]/u;
const isR = (c: string) => RTL_STRONG.test(c) && !POPPLER_NUM.test(c);
const isLOrNum = (c: string) => !isR(c) && (/\p{L}/u.test(c) || POPPLER_NUM.test(c));

/**
 * The text to attach (as ActualText) to a whole line of a right-to-left page so that poppler's
 * pdftotext gives `logical` back. Poppler reorders each line of such a page itself: from the
 * end, it outputs a right-to-left section (characters that are neither letters of a
 * left-to-right script nor digits and number separators) reversed, then a left-to-right section (characters that are
 * not right-to-left letters) as it stands, and so on. This builds the string whose reordering
 * is `logical`: its right-to-left sections reversed, its left-to-right sections (from a letter
 * or digit to the last one before the next right-to-left letter) as they are; neutrals between
 * a left-to-right section and the next right-to-left letter (the " (" in "Y.4903 (المؤشرات")
 * would be taken into the left-to-right section, so a RIGHT-TO-LEFT MARK starts the next
 * section (it is invisible, and extractors' users drop bidi marks).
 */
export function popplerOrder(logical: string): string {
  const c = Array.from(logical);
  const sections: string[] = [];
  let i = 0;
  let afterLtr = false;
  while (i < c.length) {
    let j = i;
    while (j < c.length && !isLOrNum(c[j] as string)) j++;
    const rtl = c.slice(i, j);
    if (afterLtr && rtl.length > 0 && !isR(rtl[0] as string)) rtl.unshift(RLM);
    sections.push(rtl.reverse().join(''));
    let last = -1;
    for (let k = j; k < c.length && !isR(c[k] as string); k++) if (isLOrNum(c[k] as string)) last = k;
    if (last < 0) break;
    sections.push(c.slice(j, last + 1).join(''));
    afterLtr = true;
    i = last + 1;
  }
  return sections.reverse().join('');
}
