import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { KPIS } from '../../functions/hubs/catalogue.ts';
import { draftReport } from '../../functions/hubs/draft.ts';
import { hubReportReminders } from '../../functions/hubs/due.ts';
import { parseCsv, readKpiCsv } from '../../functions/hubs/kpi-import.ts';
import { formatNumber, hubReportDocument } from '../../functions/hubs/report-document.ts';
import { activities, cityList, HUB, kpiValues } from '../fixtures/hub-year.ts';
import { hasPoppler, normalise, pdfjsPages, popplerPages } from '../support/pdf-text.ts';

const cities = cityList(2);
const records = {
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
};

describe('the draft drawn from a year of records', () => {
  const draft = draftReport(records);
  it('puts activities in their quarter and counts them by kind', () => {
    expect(draft.quarters.map((q) => q.activities.length)).toEqual([6, 6, 6, 6]);
    expect(draft.totals.activities).toBe(24);
    expect(Object.values(draft.totals.byKind).reduce((a, b) => a + b, 0)).toBe(24);
  });
  it('sets each value beside the previous year with its trend, and the share meeting the target per dimension', () => {
    const valencia = draft.cities.find((c) => c.city.cityId === 'valencia');
    expect(valencia?.results).toHaveLength(91);
    expect(valencia?.results.every((r) => r.trend === 'up')).toBe(true);
    expect(valencia?.coverage.core.reported).toBe(KPIS.filter((k) => k.type === 'core').length);
    for (const share of draft.shares) {
      expect(share.withTarget).toBeGreaterThan(0);
      expect(share.current).toBe(Math.round((share.meeting / share.withTarget) * 100));
    }
    expect(draft.verification.verified + draft.verification.selfReported).toBe(182);
  });
  it('meets a "lower is better" target from below', () => {
    const lower = KPIS.find((k) => k.direction === 'lower');
    if (!lower) throw new Error('no lower-is-better KPI');
    const one = draftReport({
      ...records,
      cities: cityList(1),
      values: [
        {
          cityId: 'valencia',
          code: lower.code,
          value: 4,
          target: 5,
          source: 's',
          collectedOn: '2025-01-01',
          verification: 'verified',
        },
      ],
      previousValues: [],
    });
    expect(one.cities[0]?.results[0]).toMatchObject({ meets: true, trend: 'none' });
  });
});

describe('numbers per language', () => {
  it('never print floating-point noise and use the language separators', () => {
    expect(formatNumber(0.1 + 0.2, 'en')).toBe('0.3');
    expect(formatNumber(0.1 + 0.2, 'ru')).toBe('0,3');
    expect(formatNumber(12345.678, 'fr')).toBe('12\u202f345,68');
    expect(formatNumber(12345.678, 'ar')).toMatch(/^12.345.68$/);
  });
});

describe('KPI CSV', () => {
  it('reads quoted fields and keeps line numbers', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\r\n\n3,4')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });
  it('reports each bad row with its line and reason and keeps the good ones', () => {
    const csv = [
      'city,code,value,unit,source,collected_on,verification',
      'valencia,EC-ICT-ICT-1C,92.5,%,INE,2025-06-30,verified',
      'valencia,XX-NOPE-1C,1,%,INE,2025-06-30,',
      'valencia,EC-ICT-ICT-2C,12,km,INE,2025-06-30,',
      'valencia,EC-ICT-ICT-3C,"1,234",per 100000,INE,2025-06-30,',
      'valencia,EC-ICT-ICT-4C,abc,%,INE,2025-06-30,',
      'nowhere,EC-ICT-ICT-5A,3,number,INE,2025-06-30,',
      'valencia,EC-ICT-ICT-1C,93,%,INE,2025-06-30,verified',
    ].join('\n');
    const { values, errors } = readKpiCsv(csv, new Set(['valencia']));
    expect(values.map((v) => v.code)).toEqual(['EC-ICT-ICT-1C']);
    expect(errors.map((e) => [e.line, e.reason.split(' ')[0]])).toEqual([
      [3, 'Unknown'],
      [4, 'Wrong'],
      [5, 'Wrong'],
      [6, 'The'],
      [7, 'Unknown'],
      [8, 'EC-ICT-ICT-1C'],
    ]);
    expect(errors[3]?.reason).toMatch(/not a number/);
  });
  it('refuses a file without the needed columns', () => {
    expect(readKpiCsv('city,code\nx,y', new Set()).errors[0]?.reason).toMatch(/value, unit, source, collected_on/);
  });
});

describe('hub-report-due', () => {
  const hubs = [
    { ...HUB, hubId: 'sent', contactEmail: 'sent@x.org' },
    { ...HUB, hubId: 'late', contactEmail: 'late@x.org' },
    { ...HUB, hubId: 'returned', contactEmail: 'returned@x.org' },
    { ...HUB, hubId: 'old', contactEmail: 'old@x.org', lastReportYear: 2025 },
    { ...HUB, hubId: 'closed', contactEmail: 'closed@x.org', active: false },
  ];
  const reports = [
    { hubId: 'sent', year: 2025, status: 'submitted' as const },
    { hubId: 'returned', year: 2025, status: 'returned' as const },
    { hubId: 'late', year: 2024, status: 'published' as const },
  ];
  it('on 15 January reminds only active hubs without a submitted report for the year before', () => {
    const messages = hubReportReminders(new Date('2026-01-15T08:00:00Z'), hubs, reports, 'sec@itu.int');
    expect(messages.map((m) => m.recipient).sort()).toEqual(['late@x.org', 'returned@x.org']);
  });
  it('on 1 March reminds them again and tells the secretariat; on other days nobody', () => {
    const messages = hubReportReminders(new Date('2026-03-01T08:00:00Z'), hubs, reports, 'sec@itu.int');
    expect(messages.map((m) => m.recipient).sort()).toEqual(['late@x.org', 'returned@x.org', 'sec@itu.int']);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(3);
    expect(hubReportReminders(new Date('2026-01-01T08:00:00Z'), hubs, reports, 's')).toEqual([]);
    expect(hubReportReminders(new Date('2026-03-15T08:00:00Z'), hubs, reports, 's')).toEqual([]);
  });
});

describe.skipIf(!hasPoppler)('the report as PDF, read back', () => {
  const draft = draftReport(records);
  const narrative = { summary: 'The hub assessed two cities.', highlights: '', challenges: '' };
  const pdfOf = (lang: 'en' | 'ru' | 'ar', summary = narrative.summary) =>
    renderPdf(
      hubReportDocument(
        {
          hub: HUB,
          draft,
          narrative: { ...narrative, summary },
          edition: 2,
          corrects: 'Q3 figures',
          date: new Date('2026-02-01T00:00:00Z'),
          watermark: false,
        },
        lang,
      ),
    );

  it('in English: headings, the correction, KPI rows and numbers without noise', async () => {
    const pdf = await pdfOf('en');
    const text = normalise(popplerPages(pdf).join(' '));
    expect(text).toContain('Annual report of the U4SSC Hub Valencia for 2025');
    expect(text).toContain('corrects the report published before: Q3 figures');
    expect(text).toContain('Household Internet access');
    expect(text).toContain('Activities by quarter');
    expect(text).toContain('Total 0.3');
    expect(text).not.toMatch(/0\.30000/);
    expect(normalise((await pdfjsPages(pdf)).join(' '))).toContain('KPIs meeting their target');
  }, 60_000);

  it('in Russian: Cyrillic headings, decimal commas, English KPI names marked [en]', async () => {
    const pdf = await pdfOf('ru', 'Центр оценил два города.');
    const text = normalise(popplerPages(pdf).join(' '));
    expect(text).toContain('Годовой отчёт центра «U4SSC Hub Valencia» за 2025 год');
    expect(text).toContain('Центр оценил два города.');
    expect(text).toContain('Household Internet access [en]');
    expect(text).toContain('Итого 0,3');
    expect(text).toContain('Экономика');
  }, 60_000);

  it('in Arabic: the text reads back in logical order', async () => {
    const pdf = await pdfOf('ar', 'قيّم المركز مدينتين.');
    const text = normalise((await pdfjsPages(pdf)).join(' '));
    expect(text).toContain('قيّم المركز مدينتين.');
    expect(text).toContain('الأنشطة حسب الربع');
    expect(text).toContain('الاقتصاد');
    expect(normalise(popplerPages(pdf).join(' '))).toContain('2025');
  }, 60_000);
});
