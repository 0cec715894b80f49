import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
// @ts-expect-error fontkit (pdfkit's own font engine) ships no type declarations.
import { create as fontkitCreate } from 'fontkit';

/**
 * The TrueType fonts of the PDF renderer (ARCHITECTURE "PDF"): Noto Sans for Latin, Cyrillic
 * and Greek; Noto Naskh Arabic (extracts back correctly with pdftotext, Noto Sans Arabic does
 * not); Noto Sans SC for Chinese. Never pdfkit's standard 14 fonts: they have no Cyrillic and
 * break in an esbuild bundle.
 *
 * Locally the files come from node_modules; in the Lambda bundle `FONTS_DIR` names the folder
 * the bundling copied FONT_FILES into (by file name).
 */

export type FontKey = 'sans' | 'sansBold' | 'naskh' | 'naskhBold' | 'sc' | 'scBold';

const FILES: Record<FontKey, { package: string; file: string }> = {
  sans: { package: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf' },
  sansBold: { package: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf' },
  naskh: { package: '@expo-google-fonts/noto-naskh-arabic', file: '400Regular/NotoNaskhArabic_400Regular.ttf' },
  naskhBold: { package: '@expo-google-fonts/noto-naskh-arabic', file: '700Bold/NotoNaskhArabic_700Bold.ttf' },
  sc: { package: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  scBold: { package: '@expo-google-fonts/noto-sans-sc', file: '700Bold/NotoSansSC_700Bold.ttf' },
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

/**
 * The parsed font, created once per process (~70 ms per document saved: pdfkit would parse the
 * file again for every document). Loaded on first use, so the 10 MB Chinese fonts are only read
 * when a document needs them.
 */
export function loadFont(key: FontKey): LoadedFont {
  let font = cache.get(key);
  if (!font) {
    font = fontkitCreate(readFileSync(fontPath(key))) as LoadedFont;
    keepCodePoints(font);
    cache.set(key, font);
  }
  return font;
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
