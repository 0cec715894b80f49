import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../functions/documents/model.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import type { Lang } from '../../functions/i18n/languages.ts';
import {
  hasPoppler,
  normalise,
  type PlacedText,
  pdfjsPages,
  pdfjsPlacedText,
  popplerPages,
} from '../support/pdf-text.ts';

/**
 * What a reader copies out of a rendered PDF is the text that was put in: every paragraph,
 * extracted by poppler (pdftotext) and by pdf.js (Firefox, Chrome's viewer), equals its source
 * after its number, once whitespace is normalised (runs of whitespace to one space; for Chinese, whose lines
 * break between characters, whitespace removed) and the bidi marks extractors add (poppler
 * wraps every right-to-left line in U+202B … U+202C) are dropped.
 */

const PARAGRAPHS: Record<Lang, string[]> = {
  ar: [
    'للاستفسار يرجى الاتصال بالهاتف +41 22 730 6301 أو الفاكس +41 22 730 5853.',
    'راجع التوصية ITU-T Y.4903 (المؤشرات الرئيسية للأداء) في الموقع https://www.itu.int/go/u4ssc أو راسلنا على u4ssc@itu.int.',
    'يشرفني أن أحيطكم علماً بأن الاتحاد الدولي للاتصالات ينظم الاجتماع السادس لمبادرة متحدون من أجل مدن ذكية ومستدامة (U4SSC) بموجب الرسالة المعممة 352 وذلك بشكل افتراضي في 7 ديسمبر 2021، من الساعة 10:00 إلى الساعة 15:30 (بتوقيت جنيف).',
    'تشارك في المبادرة 17 وكالة وبرنامجاً تابعاً للأمم المتحدة [انظر الملحق 1]، والمشاركة مجانية.',
  ],
  en: [
    'For enquiries, call +41 22 730 6301 or fax +41 22 730 5853 (Geneva), or write to u4ssc@itu.int.',
    'See Recommendation ITU-T Y.4903 ("Key performance indicators") at https://www.itu.int/go/u4ssc; the meeting is on 7 December 2021, 10:00–15:30 CET.',
  ],
  ru: [
    'Справки по телефону +41 22 730 6301 или факсу +41 22 730 5853 (Женева), либо по адресу u4ssc@itu.int.',
    'См. Рекомендацию МСЭ-Т Y.4903 («Ключевые показатели деятельности») на https://www.itu.int/go/u4ssc; собрание состоится 7 декабря 2021 года.',
  ],
  fr: [
    'Pour tout renseignement, appeler le +41 22 730 6301 ou télécopier au +41 22 730 5853 (Genève), ou écrire à u4ssc@itu.int.',
    "Voir la Recommandation UIT-T Y.4903 («Indicateurs clés de performance») à l'adresse https://www.itu.int/go/u4ssc; la réunion aura lieu le 7 décembre 2021.",
  ],
  es: [
    'Para más información, llame al +41 22 730 6301 o envíe un fax al +41 22 730 5853 (Ginebra), o escriba a u4ssc@itu.int.',
    'Véase la Recomendación UIT-T Y.4903 («Indicadores clave de rendimiento») en https://www.itu.int/go/u4ssc; la reunión tendrá lugar el 7 de diciembre de 2021. Año, niño, acción.',
  ],
  zh: [
    '如有疑问，请致电+41 22 730 6301或传真+41 22 730 5853（日内瓦），或发送电子邮件至u4ssc@itu.int。',
    '请参阅ITU-T Y.4903建议书（《关键绩效指标》），网址：https://www.itu.int/go/u4ssc；会议将于2021年12月7日举行。',
  ],
};

const model = (lang: Lang): DocumentModel => ({
  lang,
  title: 'U4SSC',
  continuationHeader: 'U4SSC',
  blocks: PARAGRAPHS[lang].map((text, i) => ({ type: 'paragraph', number: String(i + 1), runs: [{ text }] })),
  annexes: [],
});

/** Whitespace as the comparison sees it: one space, or none between Chinese characters. */
const comparable = (lang: Lang, s: string) => (lang === 'zh' ? normalise(s).replace(/ /g, '') : normalise(s));

describe.each(Object.keys(PARAGRAPHS) as Lang[])('text extracted from a %s PDF', (lang) => {
  it('equals the source, paragraph by paragraph, in pdf.js', async () => {
    const pdf = await renderPdf(model(lang));
    const [page] = await pdfjsPages(pdf);
    const text = comparable(lang, page as string);
    for (const [i, p] of PARAGRAPHS[lang].entries())
      expect(text, `paragraph ${i + 1}`).toContain(comparable(lang, `${i + 1} ${p}`));
  });

  it.skipIf(!hasPoppler)('equals the source, paragraph by paragraph, in poppler', async () => {
    const pdf = await renderPdf(model(lang));
    const [page] = popplerPages(pdf);
    const text = comparable(lang, page as string);
    for (const [i, p] of PARAGRAPHS[lang].entries())
      expect(text, `paragraph ${i + 1}`).toContain(comparable(lang, `${i + 1} ${p}`));
  });
});

describe('left-to-right items on an Arabic page', () => {
  it('are drawn whole and left to right: phone numbers, codes, URLs, e-mail addresses', async () => {
    const pdf = await renderPdf(model('ar'));
    const placed = await pdfjsPlacedText(pdf);
    /** The line's runs of left-to-right characters read from left to right, as a reader sees them. */
    const seen = (y: number) => {
      const runs = placed
        .filter((t) => Math.abs(t.y - y) < 1 && !/[\u0600-\u06ff]/.test(t.str))
        .sort((a, b) => a.x - b.x);
      // runs that touch are one word
      return normalise(
        runs
          .map((t, i) =>
            i > 0 && t.x - (runs[i - 1] as PlacedText).x - (runs[i - 1] as PlacedText).width > 0.5
              ? ` ${t.str}`
              : t.str,
          )
          .join(''),
      );
    };
    const lineOf = (s: string) => placed.find((t) => t.str.includes(s))?.y ?? -1;
    // the second phone number is further left than the first (read right to left)
    expect(seen(lineOf('6301'))).toBe('. +41 22 730 5853 +41 22 730 6301 1');
    expect(seen(lineOf('ITU-T'))).toBe('https://www.itu.int/go/u4ssc ITU-T Y.4903 2');
    // "(U4SSC)": the opening bracket on the right; the numbers of the line each whole, read right to left
    expect(seen(lineOf('U4SSC'))).toBe('15:30 10:00 2021 7 352 U4SSC(');
    // the full stop after an e-mail address at the end of the sentence, on its left
    expect(seen(lineOf('u4ssc@'))).toBe('.u4ssc@itu.int');
  });
});
