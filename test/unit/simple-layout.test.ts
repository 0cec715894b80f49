import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Lang } from '../../functions/i18n/languages.ts';
import { CIRCULAR_352_ALL, CIRCULAR_352_ISSUED_AT } from '../fixtures/circular-352.ts';

/**
 * The unshaped fast path of the PDF text layout (functions/documents/simple-layout.ts): for
 * every run it takes, the glyphs and positions must be those fontkit's shaping gives, so the
 * PDF is the same byte for byte; runs that need shaping (ligatures, combining marks, Arabic,
 * Chinese) must go to fontkit.
 */

interface Run {
  glyphs: { id: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}

/** Fresh modules (fonts parsed again, every cache empty), with the fast path on or off. */
async function freshRenderer(fast: boolean) {
  vi.resetModules();
  const simple = await import('../../functions/documents/simple-layout.ts');
  simple.setSimpleLayout(fast);
  const fonts = await import('../../functions/documents/fonts.ts');
  const { renderPdf } = await import('../../functions/documents/pdf.ts');
  const { circularDocument } = await import('../../functions/circulars/operations.ts');
  const date = new Date(CIRCULAR_352_ISSUED_AT);
  return {
    simple,
    fonts,
    render: (lang: Lang) => renderPdf(circularDocument(CIRCULAR_352_ALL, lang, date), { date }),
  };
}

const comparable = (run: Run) => ({
  glyphs: run.glyphs.map((g) => `${g.id}:${g.codePoints.join(',')}`),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: run.advanceWidth,
});

/**
 * What the fast path knows of a font comes from the font's digest (functions/documents/font-digests/,
 * as in Lambda) or, without one, from the font's own tables: both must give fontkit's layout.
 */
const FONT_DATA = ['digests', 'tables'] as const;
async function fontData(from: (typeof FONT_DATA)[number], run: () => Promise<void>): Promise<void> {
  if (from === 'digests') return run();
  // the fonts alone in FONTS_DIR: no digest beside them
  const { FONT_FILES } = await import('../../functions/documents/fonts.ts');
  const dir = mkdtempSync(join(tmpdir(), 'u4ssc-fonts-'));
  const require = createRequire(import.meta.url);
  for (const font of FONT_FILES)
    copyFileSync(require.resolve(`${font.package}/${font.file}`), join(dir, basename(font.file)));
  process.env.FONTS_DIR = dir;
  try {
    await run();
  } finally {
    delete process.env.FONTS_DIR;
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the unshaped fast path of the PDF text layout', () => {
  it.each(['ru', 'en', 'ar', 'zh'] as const)(
    'gives the same PDF, byte for byte, as fontkit shaping: TSB Circular 352 (%s)',
    async (lang) => {
      const shaped = await freshRenderer(false);
      const before = shaped.simple.simpleLayoutCounts();
      const reference = await shaped.render(lang);
      expect(shaped.simple.simpleLayoutCounts().simple).toBe(before.simple);

      const fast = await freshRenderer(true);
      const pdf = await fast.render(lang);
      const counts = fast.simple.simpleLayoutCounts();
      expect(pdf.equals(reference)).toBe(true);
      // the Latin and Cyrillic text (in Arabic and Chinese: numbers, Latin names, URLs) took it
      expect(counts.simple).toBeGreaterThan(lang === 'ar' || lang === 'zh' ? 5 : 200);
    },
    60_000,
  );

  it.each(FONT_DATA)(
    'lays out every pair of Latin, Cyrillic and Greek letters, digits and punctuation as fontkit does (%s)',
    (from) =>
      fontData(from, async () => {
        const { simple, fonts } = await freshRenderer(true);
        const chars: string[] = [];
        for (const [from, to] of [
          [0x20, 0x7e],
          [0xa0, 0x17f],
          [0x386, 0x3ce],
          [0x400, 0x45f],
          [0x2010, 0x2027],
          [0x20ac, 0x20ac],
          [0x2212, 0x2212],
        ] as const)
          for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
        for (const key of ['sans', 'sansBold'] as const) {
          const font = fonts.loadFont(key) as unknown as Parameters<typeof simple.simpleLayout>[0];
          let fast = 0;
          let mismatches = 0;
          // every fourth character pair (kerning acts between two glyphs), with a trailing space as pdfkit's words have
          for (let i = 0; i < chars.length; i++)
            for (let j = i % 4; j < chars.length; j += 4) {
              const text = `${chars[i]}${chars[j]} `;
              simple.setSimpleLayout(true);
              const run = simple.simpleLayout(font, text);
              if (!run) continue;
              fast++;
              simple.setSimpleLayout(false);
              const shaped = font.layout(text) as Run;
              if (JSON.stringify(comparable(shaped)) !== JSON.stringify(comparable(run as Run))) mismatches++;
            }
          simple.setSimpleLayout(true);
          expect(mismatches).toBe(0);
          expect(fast).toBeGreaterThan(chars.length * 50);
        }
      }),
    120_000,
  );

  it("measures text as pdfkit's widthOfString does, to the last bit (words apart, no kerning across a space)", async () => {
    const { simple, fonts } = await freshRenderer(false);
    const { default: PDFDocument } = await import('pdfkit');
    const texts = [
      'AVATAR Tyre',
      'Va Vb  Vc',
      'Шестое собрание в рамках инициативы "Объединение усилий" (U4SSC), 7 декабря 2021 г.',
      'Ὀδυσσεύς — «Таблица» – 10:00–15:30 №5 €12',
      'Y. T, L’ ',
      'of for from (2021−2022) Ref: brief inform',
      'office hours, affluent finances, efficient Traffic; fjord of inform',
    ];
    for (const key of ['sans', 'sansBold'] as const) {
      const font = fonts.loadFont(key);
      const doc = new PDFDocument({ font: font as unknown as string });
      for (const size of [8.5, 9.5, 10.5, 11.5, 100])
        for (const text of texts) {
          doc.fontSize(size);
          const expected = doc.widthOfString(text);
          simple.setSimpleLayout(true);
          const fast = simple.simpleTextWidth(
            font as unknown as Parameters<typeof simple.simpleTextWidth>[0],
            text,
            size,
          );
          simple.setSimpleLayout(false);
          expect(fast, `${key} ${size} ${text}`).toBe(expected);
        }
      doc.end();
    }
    simple.setSimpleLayout(true);
    const sans = fonts.loadFont('sans') as unknown as Parameters<typeof simple.simpleTextWidth>[0];
    expect(simple.simpleTextWidth(sans, 'office\u0301 hours', 10)).toBeUndefined();
  });

  it('kerns: "AV", "Та" and "Ty" are narrower than their glyphs side by side', async () => {
    const { simple, fonts } = await freshRenderer(true);
    const font = fonts.loadFont('sans') as unknown as Parameters<typeof simple.simpleLayout>[0];
    for (const pair of ['AV', 'Та', 'Ty']) {
      const run = simple.simpleLayout(font, pair) as unknown as Run;
      const apart =
        (simple.simpleLayout(font, pair[0] as string)?.advanceWidth ?? 0) +
        (simple.simpleLayout(font, pair[1] as string)?.advanceWidth ?? 0);
      expect(run.advanceWidth).toBeLessThan(apart);
    }
  });

  it('leaves to fontkit what needs shaping: combining marks, Arabic, Chinese, the fraction slash', async () => {
    const { simple, fonts } = await freshRenderer(true);
    const sans = fonts.loadFont('sans') as unknown as Parameters<typeof simple.simpleLayout>[0];
    for (const text of ['e\u0301', 'i\u0308', 'fi\u0301', '1\u20442', 'مرحبا', '会议', 'a\u200bb', 'a\tb', '😀'])
      expect(simple.simpleLayout(sans, text), text).toBeUndefined();
    // what it takes through font.layout still comes out shaped: no "fi" ligature before an accent, the i's dot gone
    const accented = sans.layout('fi\u0301') as Run;
    expect(accented.glyphs.map((g) => g.codePoints)).toEqual([[102], [105], [769]]);
    expect(accented.glyphs[1]?.id).not.toBe((sans.layout('i') as Run).glyphs[0]?.id);
    // the Arabic and Chinese fonts never take it
    const naskh = fonts.loadFont('naskh') as unknown as { layout(t: string): Run };
    const before = simple.simpleLayoutCounts();
    naskh.layout('2021');
    expect(simple.simpleLayoutCounts().simple).toBe(before.simple);
  });

  it.each(FONT_DATA)(
    'forms the ligatures fontkit forms ("fi", "ffl"), and only those, with the same glyphs, characters and positions (%s)',
    (from) =>
      fontData(from, async () => {
        const { simple, fonts } = await freshRenderer(true);
        const letters = ['f', 'i', 'l', 'j', 't', 'b', 'h', 'k', 'a', 'ı'];
        const texts = [
          'office',
          'affluent',
          'of ',
          'for',
          'Ref:',
          'of−1',
          '2021−2022',
          'fjord',
          'efficient ',
          'Traffic',
        ];
        for (const a of letters)
          for (const b of letters) for (const c of letters) texts.push(`${a}${b}${c}`, `f${a}${b}${c} `);
        for (const key of ['sans', 'sansBold'] as const) {
          const font = fonts.loadFont(key) as unknown as Parameters<typeof simple.simpleLayout>[0];
          let ligated = 0;
          for (const text of texts) {
            simple.setSimpleLayout(true);
            const run = simple.simpleLayout(font, text) as Run | undefined;
            expect(run, `${key} ${text}`).toBeDefined();
            simple.setSimpleLayout(false);
            const shaped = font.layout(text) as Run;
            expect(comparable(run as Run), `${key} ${text}`).toEqual(comparable(shaped));
            if (shaped.glyphs.length < [...text].length) ligated++;
          }
          expect(ligated).toBeGreaterThan(100);
        }
        simple.setSimpleLayout(true);
      }),
  );

  it('can be switched off: the same font then shapes every run with fontkit', async () => {
    const { simple, fonts } = await freshRenderer(false);
    const sans = fonts.loadFont('sans') as unknown as Parameters<typeof simple.simpleLayout>[0];
    expect(simple.simpleLayout(sans, 'Женева')).toBeUndefined();
    simple.setSimpleLayout(true);
    expect(simple.simpleLayout(sans, 'Женева')?.glyphs).toHaveLength(6);
  });
});
