import { describe, expect, it } from 'vitest';
import {
  embeddingLevels,
  isolateLtrItems,
  ltrItems,
  popplerOrder,
  reorderLine,
} from '../../functions/documents/bidi.ts';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import type { DocumentModel } from '../../functions/documents/model.ts';

const items = (s: string) => ltrItems(s).map(([a, b]) => s.slice(a, b));

/** The visual order of `text` (UAX #9 L2 over its levels), as a string. */
function visual(text: string): string {
  const levels = Array.from(embeddingLevels(text, 'rtl'));
  const chars = text.split('');
  return reorderLine(levels)
    .map((i) => chars[i])
    .join('');
}

describe('left-to-right items in right-to-left text', () => {
  it('finds phone numbers, codes, URLs and e-mail addresses, without the sentence punctuation after them', () => {
    expect(items('الهاتف +41 22 730 6301 أو الفاكس +41 22 730 5853.')).toEqual(['+41 22 730 6301', '+41 22 730 5853']);
    expect(items('التوصية ITU-T Y.4903 (المؤشرات) في https://www.itu.int/go/u4ssc أو u4ssc@itu.int.')).toEqual([
      'ITU-T Y.4903',
      'https://www.itu.int/go/u4ssc',
      'u4ssc@itu.int',
    ]);
    expect(items('السادس (U4SSC) في 7 ديسمبر 2021،')).toEqual(['U4SSC', '7', '2021']);
  });

  it('keeps a sentence of a left-to-right script whole', () => {
    expect(items('قال: Paragraph 2: held on 7 December 2021, from 10:00 to 15:30 Geneva time.')).toEqual([
      'Paragraph 2: held on 7 December 2021, from 10:00 to 15:30 Geneva time',
    ]);
  });

  it('lays a phone number out whole and left to right (not "6301 730 22 41+")', () => {
    const line = visual('بالهاتف +41 22 730 6301 أو');
    expect(line).toContain('+41 22 730 6301');
    // without isolates, the bidi algorithm puts the numbers in reverse order
    expect(isolateLtrItems('بالهاتف +41 22 730 6301 أو')).toBe('بالهاتف \u2066+41 22 730 6301\u2069 أو');
  });

  it('keeps brackets and the full stop beside the words they belong to', () => {
    // "ITU-T Y.4903 (المؤشرات)": the bracket opens before the Arabic word, on its right
    const line = visual('التوصية ITU-T Y.4903 (المؤشرات).');
    expect(line.startsWith('.')).toBe(true);
    expect(line).toContain('ITU-T Y.4903');
  });
});

describe('brackets of a left-to-right name in right-to-left text', () => {
  it('keeps a closing bracket with the name whose opening bracket it closes', () => {
    expect(items('المركز: U4SSC Hub Valencia (Valencia, Spain)')).toEqual(['U4SSC Hub Valencia (Valencia, Spain)']);
    expect(visual('المركز: U4SSC Hub Valencia (Valencia, Spain)')).toContain('U4SSC Hub Valencia (Valencia, Spain)');
  });

  it('leaves outside a bracket opened in the right-to-left text', () => {
    expect(items('مدينة (Valencia, Spain) هنا')).toEqual(['Valencia, Spain']);
    expect(items('مدينة (Valencia) هنا')).toEqual(['Valencia']);
  });
});

describe('popplerOrder', () => {
  /** Poppler's reordering of a line of a right-to-left page (TextOutputDev's reorderText). */
  function poppler(s: string): string {
    const t = Array.from(s);
    const isR = (c: string) =>
      /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f]/.test(c) && !/[\u060c\u066b\u066c]/.test(c);
    const isLNum = (c: string) => !isR(c) && /[\p{L}\p{Nd}#$%+,\-./:\u060c\u066b\u066c]/u.test(c);
    let out = '';
    let i = t.length - 1;
    while (i >= 0) {
      let j = i;
      while (j >= 0 && !isLNum(t[j] as string)) j--;
      for (let k = i; k > j; k--) out += t[k];
      i = j;
      j = i;
      while (j >= 0 && !isR(t[j] as string)) j--;
      for (let k = j + 1; k <= i; k++) out += t[k];
      i = j;
    }
    return out.replace(/\u200f/g, '');
  }

  it.each([
    'للاستفسار يرجى الاتصال بالهاتف +41 22 730 6301 أو الفاكس +41 22 730 5853.',
    'راجع التوصية ITU-T Y.4903 (المؤشرات الرئيسية للأداء) في الموقع https://www.itu.int/go/u4ssc أو راسلنا',
    'السادس (U4SSC) في 7 ديسمبر 2021، من الساعة 10:00',
    'Latin only, with a trailing bracket (x).',
    '',
  ])('is turned back into the logical text: %s', (logical) => {
    expect(poppler(popplerOrder(logical))).toBe(logical);
  });
});

describe('document email', () => {
  const ar: DocumentModel = {
    lang: 'ar',
    title: 'الرسالة المعممة 352',
    continuationHeader: 'الرسالة المعممة 352',
    blocks: [{ type: 'paragraph', runs: [{ text: 'بالهاتف +41 22 730 6301 أو u4ssc@itu.int.' }] }],
    annexes: [],
  };

  it('isolates left-to-right items of a right-to-left document, in HTML and plain text', () => {
    const { html, text } = renderDocumentEmail(ar);
    expect(html).toContain('<span dir="ltr" style="unicode-bidi:isolate">+41 22 730 6301</span>');
    expect(html).toContain('<span dir="ltr" style="unicode-bidi:isolate">u4ssc@itu.int</span>.');
    expect(html).toContain('<title>الرسالة المعممة 352</title>');
    expect(text).toContain('\u2066+41 22 730 6301\u2069');
    // left-to-right documents are left as they are
    const en = renderDocumentEmail({ ...ar, lang: 'en' });
    expect(en.html).not.toContain('unicode-bidi');
    expect(en.text).not.toContain('\u2066');
  });

  it('shows the watermark as a banner above the document', () => {
    const { html, text } = renderDocumentEmail({ ...ar, lang: 'en', watermark: 'DRAFT' });
    expect(html.indexOf('>DRAFT</p>')).toBeGreaterThan(0);
    expect(html.indexOf('>DRAFT</p>')).toBeLessThan(html.indexOf('بالهاتف'));
    expect(text.startsWith('*** DRAFT ***')).toBe(true);
    expect(renderDocumentEmail({ ...ar, lang: 'en' }).html).not.toContain('DRAFT');
  });
});
