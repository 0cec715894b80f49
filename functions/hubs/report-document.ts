import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longCalendarDate } from '../circulars/phrasing.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import type { Hub } from '../governance/records.ts';
import type { Lang } from '../i18n/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import { DIMENSIONS, localName, localUnit } from './catalogue.ts';
import type { Draft } from './draft.ts';
import type { Narrative } from './records.ts';

/**
 * The annual report as a document in one language: the draft's figures formatted for that
 * language (decimal and thousands separators, at most two decimals, so a stored 0.30000000000000004
 * prints 0.3), names from the KPI catalogue (English ones marked [en]), words from
 * templates/documents/hub-report/<lang>.hbs and labels.json.
 */
type Labels = { locale: string; kinds: Record<string, string>; quarters: Record<string, string>; draft: string };
let labels: Partial<Record<Lang, Labels>> | undefined;
function labelsFor(lang: Lang): Labels {
  labels ??= JSON.parse(
    readFileSync(join(templatesDir(), 'documents', 'hub-report', 'labels.json'), 'utf8'),
  ) as Partial<Record<Lang, Labels>>;
  const found = labels[lang] ?? labels.en;
  if (!found) throw new Error('templates/documents/hub-report/labels.json has no English labels');
  return found;
}

const formats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, lang: Lang): string {
  const locale = labelsFor(lang).locale;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, numberingSystem: 'latn' });
    formats.set(locale, format);
  }
  return format.format(value);
}

/** Trend marks (from the Symbols fallback font: the text fonts have no arrows). */
const ARROWS = { up: '▲', down: '▼', same: '=', none: '—' } as const;

export interface ReportDocumentInput {
  hub: Hub;
  draft: Draft;
  narrative: Narrative;
  edition: number;
  corrects?: string | undefined;
  /** The report's date (submission or publication; today for a draft). */
  date: Date;
  /** Draws "DRAFT" across the pages. */
  watermark: boolean;
}

export function hubReportDocument(input: ReportDocumentInput, lang: Lang): DocumentModel {
  const { hub, draft, narrative } = input;
  const l = labelsFor(lang);
  const n = (value: number | undefined) => (value === undefined ? '—' : formatNumber(value, lang));
  const dimensionName = (id: string) => {
    const found = DIMENSIONS.find((d) => d.id === id);
    return found ? localName(found.name, lang) : id;
  };
  const sum = (items: { amount: number }[]) => items.reduce((total, item) => total + item.amount, 0);
  const model = renderDocument('hub-report', lang, {
    hub: {
      name: hub.name,
      place: [hub.city, hub.country].filter(Boolean).join(', ') || '—',
      partner: hub.partnerName ?? '—',
      contactName: hub.contactName,
    },
    report: {
      year: String(draft.year),
      nextYear: String(draft.year + 1),
      edition: input.edition > 1 ? String(input.edition) : '',
      corrects: input.corrects ?? '',
      date: longCalendarDate(input.date.toISOString().slice(0, 10), lang),
      summary: narrative.summary,
      highlights: narrative.highlights,
      challenges: narrative.challenges,
    },
    totals: {
      activities: n(draft.totals.activities),
      participants: n(draft.totals.participants),
      cities: n(draft.totals.cities),
      values: n(draft.totals.values),
    },
    kinds: Object.entries(draft.totals.byKind)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => ({ label: l.kinds[kind] ?? kind, count: n(count) })),
    quarters: draft.quarters.map((q) => ({
      label: l.quarters[q.quarter] ?? q.quarter,
      count: n(q.activities.length),
      activities: q.activities.map((a) => ({
        date: longCalendarDate(a.date, lang),
        kind: l.kinds[a.kind] ?? a.kind,
        title: a.title,
        participants: a.participants ? n(a.participants) : '',
        cities: a.cities.map((id) => draft.cities.find((c) => c.city.cityId === id)?.city.name ?? id).join(', '),
      })),
    })),
    shares: {
      previousYear: String(draft.year - 1),
      currentYear: String(draft.year),
      rows: draft.shares.map((s) => ({
        name: dimensionName(s.dimensionId),
        previous: s.previous ?? 0,
        current: s.current ?? 0,
        withTarget: n(s.withTarget),
        meeting: n(s.meeting),
        percentText: s.current === undefined ? '—' : `${n(s.current)} %`,
      })),
    },
    cities: draft.cities.map((c) => ({
      name: c.city.name,
      coverage: {
        core: n(c.coverage.core.reported),
        coreTotal: n(c.coverage.core.total),
        advanced: n(c.coverage.advanced.reported),
        advancedTotal: n(c.coverage.advanced.total),
      },
      dimensions: DIMENSIONS.map((d) => ({
        name: localName(d.name, lang),
        rows: c.results
          .filter((r) => r.kpi.dimension.id === d.id)
          .map((r) => ({
            code: r.kpi.code,
            name: localName(r.kpi.name, lang),
            unit: localUnit(r.kpi.unit, lang),
            previous: n(r.previous),
            value: n(r.value),
            trend: ARROWS[r.trend],
            target: r.target === undefined ? '—' : `${n(r.target)}${r.meets ? ' •' : ''}`,
          })),
      })).filter((d) => d.rows.length > 0),
    })),
    sources: draft.sources.map((s) => ({ source: s.source, values: n(s.values), verified: n(s.verified) })),
    verification: { verified: n(draft.verification.verified), selfReported: n(draft.verification.selfReported) },
    finances: draft.finances
      ? {
          currency: draft.finances.currency,
          income: draft.finances.income.map((i) => ({ source: i.source, amount: n(i.amount) })),
          expenditure: draft.finances.expenditure.map((e) => ({ item: e.item, amount: n(e.amount) })),
          incomeTotal: n(sum(draft.finances.income)),
          expenditureTotal: n(sum(draft.finances.expenditure)),
          notes: draft.finances.notes,
        }
      : null,
    plan: draft.plan
      ? {
          objectives: draft.plan.objectives,
          activities: draft.plan.activities.map((a) => ({
            quarter: l.quarters[a.quarter] ?? a.quarter,
            title: a.title,
          })),
          budget: draft.plan.budget === undefined ? '' : n(draft.plan.budget),
        }
      : null,
  });
  return input.watermark ? { ...model, watermark: l.draft } : model;
}
