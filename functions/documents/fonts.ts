import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
// @ts-expect-error fontkit (pdfkit's own font engine) ships no type declarations.
import { create as fontkitCreate } from 'fontkit';
import { type FontDigest, type FontkitFont, useSimpleLayout } from './simple-layout.ts';

/**
 * The fonts of the PDF renderer (ARCHITECTURE "PDF"): Noto Sans for Latin, Cyrillic and Greek;
 * Noto Naskh Arabic; Noto Sans SC for Chinese; and, for characters those lack, Noto Sans Hebrew,
 * Noto Sans Thai, Noto Sans KR (Hangul), Noto Sans Math (∑ ∞ ≠ ≤ → …) and Noto Sans Symbols 2
 * (✓ ☐ ★ …). Never pdfkit's standard 14 fonts: they have no Cyrillic and break in an esbuild
 * bundle. Hebrew, Math and Symbols 2 are WOFF files of @fontsource (the script subset that
 * holds the characters; fontkit reads and subsets WOFF, not its WOFF2); the others TrueType.
 * Korean and the fallbacks come in one weight: bold text in them is drawn regular.
 *
 * Locally the files come from node_modules; in the Lambda bundle `FONTS_DIR` names the folder
 * the bundling copied FONT_FILES into (by file name).
 */

export type FontKey =
  | 'sans'
  | 'sansBold'
  | 'naskh'
  | 'naskhBold'
  | 'sc'
  | 'scBold'
  | 'hebrew'
  | 'hebrewBold'
  | 'thai'
  | 'thaiBold'
  | 'kr'
  | 'math'
  | 'symbols';

const FILES: Record<FontKey, { package: string; file: string }> = {
  sans: { package: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf' },
  sansBold: { package: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf' },
  naskh: { package: '@expo-google-fonts/noto-naskh-arabic', file: '400Regular/NotoNaskhArabic_400Regular.ttf' },
  naskhBold: { package: '@expo-google-fonts/noto-naskh-arabic', file: '700Bold/NotoNaskhArabic_700Bold.ttf' },
  sc: { package: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  scBold: { package: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
  hebrew: { package: '@fontsource/noto-sans-hebrew', file: 'files/noto-sans-hebrew-hebrew-400-normal.woff' },
  hebrewBold: { package: '@fontsource/noto-sans-hebrew', file: 'files/noto-sans-hebrew-hebrew-700-normal.woff' },
  thai: { package: '@expo-google-fonts/noto-sans-thai', file: '400Regular/NotoSansThai_400Regular.ttf' },
  thaiBold: { package: '@expo-google-fonts/noto-sans-thai', file: '700Bold/NotoSansThai_700Bold.ttf' },
  kr: { package: '@expo-google-fonts/noto-sans-kr', file: '400Regular/NotoSansKR_400Regular.ttf' },
  math: { package: '@fontsource/noto-sans-math', file: 'files/noto-sans-math-latin-400-normal.woff' },
  symbols: { package: '@fontsource/noto-sans-symbols-2', file: 'files/noto-sans-symbols-2-symbols-400-normal.woff' },
};

/** Every font file the renderer may load, for the CDK bundling to copy into `FONTS_DIR`. */
export const FONT_FILES: { package: string; file: string }[] = Object.values(FILES);

export const FONT_KEYS = Object.keys(FILES) as FontKey[];

/** The part of a fontkit font the renderer uses (pdfkit accepts the object itself as a font source). */
export interface LoadedFont {
  postscriptName: string;
  ascent: number;
  descent: number;
  lineGap: number;
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: unknown): unknown;
}

const localRequire = createRequire(import.meta.url);

/** Where a font file is: `FONTS_DIR/<file name>` when set, else resolved in node_modules. */
export function fontPath(key: FontKey): string {
  const { package: pkg, file } = FILES[key];
  const dir = process.env.FONTS_DIR;
  if (dir) return join(dir, file.slice(file.lastIndexOf('/') + 1));
  return localRequire.resolve(`${pkg}/${file}`);
}

const cache = new Map<FontKey, LoadedFont>();

/** The fonts whose Latin, Cyrillic and Greek runs take the unshaped fast path (simple-layout.ts). */
const SIMPLE_LAYOUT_FONTS = new Set<FontKey>(['sans', 'sansBold']);

/**
 * The parsed font, created once per process (~70 ms per document saved: pdfkit would parse the
 * file again for every document). Loaded on first use, so the 10 MB Chinese fonts are only read
 * when a document needs them.
 */
export function loadFont(key: FontKey): LoadedFont {
  let font = cache.get(key);
  if (!font) {
    const bytes = readFileSync(fontPath(key));
    font = fontkitCreate(bytes) as LoadedFont;
    keepInflatedTables(font);
    keepCodePoints(font);
    if (SIMPLE_LAYOUT_FONTS.has(key)) useSimpleLayout(font as unknown as FontkitFont, readDigest(key, bytes));
    cache.set(key, font);
  }
  return font;
}

/** The fonts whose fast-path digest is made at build time (infra/tools/font-digests.ts). */
export const DIGESTED_FONTS: readonly FontKey[] = [...SIMPLE_LAYOUT_FONTS];

/** A digest file: the font it was made from (its file name and SHA-256) and the digest. */
export interface FontDigestFile {
  source: { file: string; sha256: string };
  digest: FontDigest | null;
}

/**
 * Where a font's digest is: beside the font in `FONTS_DIR` (the Lambda bundle), else in
 * functions/documents/font-digests/ (the repository's, made by `npm run font-digests`).
 */
export function digestPath(key: FontKey): string {
  const name = `${basename(FILES[key].file)}.digest.json`;
  const dir = process.env.FONTS_DIR;
  return dir ? join(dir, name) : fileURLToPath(new URL(`./font-digests/${name}`, import.meta.url));
}

/** The font's digest when there is one made from these very bytes; undefined: read its tables. */
function readDigest(key: FontKey, bytes: Buffer): FontDigest | null | undefined {
  let file: FontDigestFile;
  try {
    file = JSON.parse(readFileSync(digestPath(key), 'utf8')) as FontDigestFile;
  } catch {
    return undefined;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return file.source?.sha256 === sha256 ? file.digest : undefined;
}

/**
 * fontkit inflates a compressed WOFF table every time it reads it: each glyph of a fallback font
 * (Math, Symbols 2, Hebrew) inflated the whole `glyf` table again, which made a document with a
 * few hundred arrows or check marks seconds slower. Each table is inflated once, by Node's zlib
 * rather than fontkit's JavaScript inflater (the Math font's `glyf`: ~1 ms instead of ~20), and
 * kept; each read gets a fresh stream over it (uncompressed tables are read as before).
 */
function keepInflatedTables(font: LoadedFont): void {
  type Stream = { buffer: Uint8Array; constructor: new (buffer: Uint8Array) => Stream };
  type Table = { offset: number; compLength: number; length: number };
  const f = font as unknown as {
    type?: string;
    stream: Stream;
    directory: { tables: Record<string, Table | undefined> };
    _getTableStream(tag: string): Stream | null;
  };
  if (f.type !== 'WOFF') return;
  const read = f._getTableStream.bind(f);
  const inflated = new Map<string, Uint8Array>();
  f._getTableStream = (tag) => {
    const table = f.directory.tables[tag];
    if (!table || table.compLength >= table.length) return read(tag);
    let bytes = inflated.get(tag);
    if (!bytes) {
      // a zlib stream (its header included), as the WOFF format stores a compressed table
      bytes = inflateSync(f.stream.buffer.subarray(table.offset, table.offset + table.compLength));
      inflated.set(tag, bytes);
    }
    return new f.stream.constructor(bytes);
  };
}

/**
 * fontkit caches each glyph with the code points of its first use, and pdfkit maps a glyph back
 * to text (ToUnicode) with those. A glyph first met as a component of an accented letter (the
 * subsetter asks for "A" inside "Á" without code points), or one that several letters share
 * (Noto Naskh Arabic draws ب ت ث with one dotless skeleton plus dots), would then extract as
 * the wrong text. This hands out, for a glyph asked for with other code points than the cached
 * one's, a view of the cached glyph carrying the code points of this use: the PDF renderer
 * gives each (glyph, text) pair its own character code and ToUnicode entry.
 */
function keepCodePoints(font: LoadedFont): void {
  const f = font as unknown as {
    getGlyph(id: number, codePoints?: number[]): { codePoints: number[] } | null;
  };
  const getGlyph = f.getGlyph.bind(f);
  f.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (!glyph || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    if (codePoints.length > 0 && glyph.codePoints.length === 0) {
      glyph.codePoints = codePoints;
      return glyph;
    }
    return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } });
  };
}

const sameCodePoints = (a: number[], b: number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

const isArabic = (c: number) =>
  (c >= 0x0600 && c <= 0x06ff) ||
  (c >= 0x0750 && c <= 0x077f) ||
  (c >= 0x0870 && c <= 0x08ff) ||
  (c >= 0xfb50 && c <= 0xfdff) ||
  (c >= 0xfe70 && c <= 0xfeff);

/** Han, CJK punctuation, kana, full-width forms, Hangul (Noto Sans SC covers kana; Hangul falls back). */
export const isCjk = (c: number) =>
  (c >= 0x2e80 && c <= 0x9fff) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0xfe30 && c <= 0xfe4f) ||
  (c >= 0xff00 && c <= 0xffef) ||
  (c >= 0x20000 && c <= 0x3ffff);

export type Script = 'arabic' | 'cjk' | 'latin' | 'neutral';

/** The script of one code point as far as font choice goes; digits, spaces and punctuation are neutral. */
export function scriptOf(c: number): Script {
  if (isArabic(c)) return 'arabic';
  if (isCjk(c)) return 'cjk';
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ? 'latin' : 'neutral';
  if (c >= 0x2000 && c <= 0x206f) return 'neutral'; // general punctuation: dashes, quotes, spaces
  if (c === 0xa0 || c === 0xab || c === 0xbb || c === 0xa9 || c === 0xb0) return 'neutral';
  return 'latin';
}

/** The font for a script: Arabic → Naskh, CJK → Noto Sans SC, everything else → Noto Sans. */
export function fontFor(script: Script, bold: boolean): FontKey {
  if (script === 'arabic') return bold ? 'naskhBold' : 'naskh';
  if (script === 'cjk') return bold ? 'scBold' : 'sc';
  return bold ? 'sansBold' : 'sans';
}

/**
 * Where to look for a character the font of its script lacks, smallest files first (a font is
 * read on first use): the regular and bold key of each.
 */
const FALLBACKS: [FontKey, FontKey][] = [
  ['sans', 'sansBold'],
  ['naskh', 'naskhBold'],
  ['hebrew', 'hebrewBold'],
  ['thai', 'thaiBold'],
  ['math', 'math'],
  ['symbols', 'symbols'],
  ['sc', 'scBold'],
  ['kr', 'kr'],
];

const hasGlyph = (key: FontKey, codePoint: number) => loadFont(key).hasGlyphForCodePoint(codePoint);

/**
 * The font that draws `codePoint`: the preferred one (its script's) when it has the glyph, else
 * the first bundled font that has it, else undefined (no bundled font covers it).
 */
export function fontCovering(codePoint: number, preferred: FontKey, bold: boolean): FontKey | undefined {
  if (hasGlyph(preferred, codePoint)) return preferred;
  for (const [regular, boldKey] of FALLBACKS) {
    const key = bold ? boldKey : regular;
    if (key !== preferred && hasGlyph(key, codePoint)) return key;
  }
  return undefined;
}

/** What `fontDrawing` answered, per preferred font and weight, then per code point. */
const drawingFonts = new Map<string, Map<number, FontKey>>();

/**
 * The font that draws a character in a document: its script's font for an invisible character,
 * else `fontCovering`'s answer, else the script's font (whose empty box `missingGlyphs` reports).
 * Remembered per character: the fonts never change in a process, and a document asks for every
 * character of its text (a hub report: tens of thousands of lookups in the fonts' cmaps).
 */
export function fontDrawing(codePoint: number, preferred: FontKey, bold: boolean): FontKey {
  const cacheKey = `${preferred}|${bold}`;
  let answers = drawingFonts.get(cacheKey);
  if (!answers) {
    answers = new Map();
    drawingFonts.set(cacheKey, answers);
  }
  let found = answers.get(codePoint);
  if (found === undefined) {
    found = isInvisible(String.fromCodePoint(codePoint))
      ? preferred
      : (fontCovering(codePoint, preferred, bold) ?? preferred);
    answers.set(codePoint, found);
  }
  return found;
}

/**
 * True for characters that are never drawn (whitespace, controls, format characters such as
 * bidi isolates and zero-width joiners, variation selectors): no font needs to cover them.
 */
export const isInvisible = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) || /^[\s\p{Cc}\p{Cf}]$/u.test(ch);
};
