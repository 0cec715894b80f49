import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadFont } from '../../functions/documents/fonts.ts';
import { missingGlyphs, printableName } from '../../functions/documents/glyphs.ts';
import type { DocumentModel } from '../../functions/documents/model.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { hasPoppler, normalise, pdfjsPages, popplerPages } from '../support/pdf-text.ts';

/**
 * Characters outside the document's script: drawn with the bundled font that has them
 * (Hebrew, Thai, Hangul, mathematical and other symbols), and listed by missingGlyphs when no
 * bundled font has them (emoji: there is no monochrome emoji font in the bundle).
 */

const doc = (lang: DocumentModel['lang'], ...texts: string[]): DocumentModel => ({
  lang,
  title: 'Glyphs',
  continuationHeader: 'Glyphs',
  blocks: texts.map((text) => ({ type: 'paragraph', runs: [{ text }] })),
  annexes: [],
});

const MIXED = [
  'Sum ∑ of x ≤ y ≥ z ≠ ∞ → result ± 5 × 2 ÷ 3 √ ∂ ∆ ∏ ∫ ≈ ≡ ∈ ∉ ⊂ ∪ ∩',
  'Checked ✓ ✔ ★ ☐ ☑ • € £ ¥ ₽ № ™ ° ‰',
  'Korean 안녕하세요 세계',
  'Thai สวัสดีครับ',
];

describe('missingGlyphs', () => {
  it('is empty for the six languages and for the symbols UN documents use', () => {
    expect(missingGlyphs(doc('en', 'Geneva, 13 October 2021 – “U4SSC” (ITU-T Y.4903)', ...MIXED))).toEqual([]);
    expect(missingGlyphs(doc('ru', 'Женева, 13 октября 2021 года − «U4SSC»'))).toEqual([]);
    expect(missingGlyphs(doc('ar', 'جنيف، 13 أكتوبر 2021 (U4SSC) ٠١٢٣'))).toEqual([]);
    expect(missingGlyphs(doc('zh', '电信标准化局第352号通函（日内瓦）'))).toEqual([]);
    expect(missingGlyphs(doc('en', 'Hebrew שלום עולם'))).toEqual([]);
  });

  it('lists what no bundled font covers, once each, in order of first appearance', () => {
    const model = doc('en', 'Party 🎉 time 😀 again 🎉', 'Mongolian ᠮᠣᠩᠭᠣᠯ');
    model.blocks.push({ type: 'table', header: ['A'], rows: [['Linear B 𐀀']] });
    model.annexes.push({ title: 'Annex 😀', blocks: [{ type: 'heading', text: 'Gothic 𐌰' }] });
    expect(missingGlyphs(model)).toEqual(['🎉', '😀', 'ᠮ', 'ᠣ', 'ᠩ', 'ᠭ', 'ᠯ', '𐀀', '𐌰']);
  });

  it('ignores whitespace, controls, isolates, joiners and variation selectors', () => {
    expect(missingGlyphs(doc('en', 'a\u00a0b\tc\u2066d\u2069e\u200bf\u200dg\ufe0fh\u00ad'))).toEqual([]);
  });

  it('reads the watermark, labels and every block', () => {
    const model = doc('en', 'plain');
    model.watermark = 'DRAFT 🚧';
    model.blocks.push(
      { type: 'meta', rows: [{ label: 'Tel 📞', lines: ['+41'] }] },
      { type: 'signature', lines: ['Name 🦄'] },
    );
    expect(missingGlyphs(model)).toEqual(['🚧', '📞', '🦄']);
  });
});

describe('font fallback in the PDF', () => {
  it('draws each character with a font that has it, and extracts it back', async () => {
    const pdf = await renderPdf(doc('en', ...MIXED, 'Hebrew שלום עולם'));
    const pages = await pdfjsPages(pdf);
    const text = normalise(pages.join('\n'));
    for (const p of MIXED) expect(text).toContain(normalise(p));
    expect(text).toContain('שלום');
    if (!hasPoppler) return;
    const poppler = normalise(popplerPages(pdf).join('\n'));
    for (const p of MIXED.slice(0, 3)) expect(poppler).toContain(normalise(p));
    // the fonts that were needed are embedded, and only those
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    for (const name of [
      'NotoSans-Regular',
      'NotoSansMath',
      'NotoSansSymbols2',
      'NotoSansKR',
      'NotoSansThai',
      'NotoSansHebrew',
    ])
      expect(fonts, name).toContain(name);
    expect(fonts).not.toContain('NotoSansSC');
  });

  it('has a glyph in the chosen font for every drawn character (no empty boxes)', () => {
    expect(loadFont('kr').hasGlyphForCodePoint('안'.codePointAt(0) as number)).toBe(true);
    expect(loadFont('math').hasGlyphForCodePoint(0x2211)).toBe(true);
    expect(loadFont('sans').hasGlyphForCodePoint(0x2211)).toBe(false);
  });
});

describe('a name as a document prints it', () => {
  it('keeps Hebrew, Korean and Thai names (bundled fonts), drops what no font prints, never prints nothing', () => {
    expect(printableName('דוד כהן', 'd@example.org')).toBe('דוד כהן');
    expect(printableName('김민준', 'k@example.org')).toBe('김민준');
    expect(printableName('สมชาย ใจดี', 's@example.org')).toBe('สมชาย ใจดี');
    expect(printableName('Amina 😀 Diallo', 'a@example.org')).toBe('Amina Diallo');
    expect(printableName('😀🎉', 'party@example.org')).toBe('party@example.org');
  });
});
