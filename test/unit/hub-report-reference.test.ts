import { describe, it } from 'vitest';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { draftReport } from '../../functions/hubs/draft.ts';
import { hubReportDocument } from '../../functions/hubs/report-document.ts';
import { activities, cityList, HUB, kpiValues } from '../fixtures/hub-year.ts';
import { hasPdftoppm, referenceWorkspace } from '../support/reference-image.ts';

/**
 * A hub annual report (two cities, 24 activities, KPI values beside the year before, finances
 * and plan; a correction's second edition) in English, Russian and Arabic, rendered with a
 * fixed date and rasterised at 50 dpi by pdftoppm: page 1 (title, correction, the hub's words,
 * activities) and the page with the chart of KPIs meeting their target (mirrored in Arabic),
 * against reviewed reference images (rule and limit in test/support/reference-image.ts).
 *
 * To accept a deliberate change of layout: run
 *   UPDATE_REFERENCES=1 npx vitest run --project unit test/unit/hub-report-reference.test.ts
 * then look at every PNG before committing.
 */
const DATE = new Date('2026-02-01T00:00:00Z');
const workspace = referenceWorkspace('hub-reference');

const cities = cityList(2);
const draft = draftReport({
  hub: HUB,
  year: 2025,
  cities,
  activities: activities(24, 2025),
  values: kpiValues(cities, 2025),
  previousValues: kpiValues(cities, 2024, -1),
  finances: {
    currency: 'EUR',
    income: [{ source: 'City council', amount: 0.1 + 0.2 }],
    expenditure: [{ item: 'Staff', amount: 12345.678 }],
    notes: '',
  },
  plan: { objectives: ['Verify the core KPIs'], activities: [{ quarter: 'Q2' as const, title: 'Forum' }] },
});

const SUMMARY = {
  en: 'The hub assessed two cities against the U4SSC KPIs and trained their statistics offices.',
  ru: 'Центр оценил два города по ключевым показателям U4SSC и обучил их статистические службы.',
  ar: 'قيّم المركز مدينتين وفق مؤشرات الأداء الرئيسية للمبادرة ودرّب مكاتب الإحصاء فيهما.',
} as const;
type Lang = keyof typeof SUMMARY;

/** The pages compared: the first, and the third, which holds the chart. */
const PAGE_LIST = [1, 3] as const;

const pdfs = new Map<Lang, Promise<string>>();
function pdfOf(lang: Lang): Promise<string> {
  let file = pdfs.get(lang);
  if (!file) {
    file = renderPdf(
      hubReportDocument(
        {
          hub: HUB,
          draft,
          narrative: { summary: SUMMARY[lang], highlights: '', challenges: '' },
          edition: 2,
          corrects: 'Q3 figures',
          date: DATE,
          watermark: false,
        },
        lang,
      ),
      { date: DATE },
    ).then((pdf) => workspace.savePdf(`hub-report-${lang}`, pdf));
    pdfs.set(lang, file);
  }
  return file;
}

const CASES = (['en', 'ru', 'ar'] as const).flatMap((lang) => PAGE_LIST.map((page) => [lang, page] as const));

describe.skipIf(!hasPdftoppm)('the hub annual report against the reviewed reference images', () => {
  it.each(CASES)(
    '%s, page %i',
    async (lang, page) => {
      const name = `hub-report-${lang}-p${page}`;
      workspace.compare(name, workspace.rasterise(await pdfOf(lang), page, name), `hub report ${lang} page ${page}`);
    },
    60_000,
  );
});

if (!hasPdftoppm) {
  describe('hub report reference images', () => {
    it.skip('need pdftoppm (poppler-utils), which is not installed', () => {});
  });
}
