import { compareCodePoints } from '../calendar/compare.ts';
import type { Hub } from '../governance/records.ts';
import { KPIS, type Kpi, kpiByCode } from './catalogue.ts';
import type { Activity, ActivityKind, City, Finances, KpiValue, Plan } from './records.ts';

/**
 * The annual report's content for year Y, drafted from the hub's records: the year's
 * activities by quarter, each city's KPI values beside the previous year's with the trend,
 * the share of KPIs meeting their target per dimension, core and advanced coverage, the data
 * sources and their verification, finances and next year's plan. Pure: no I/O, no language
 * (documents format it per language, report-document.ts).
 */
export interface RecordsOfYear {
  hub: Hub;
  year: number;
  cities: City[];
  activities: Activity[];
  values: KpiValue[];
  previousValues: KpiValue[];
  finances?: Finances | undefined;
  plan?: Plan | undefined;
}

export type Trend = 'up' | 'down' | 'same' | 'none';

export interface KpiResult {
  kpi: Kpi;
  value: number;
  previous?: number | undefined;
  target?: number | undefined;
  meets?: boolean | undefined;
  trend: Trend;
  verification: KpiValue['verification'];
  source: string;
}

export interface DimensionShare {
  dimensionId: string;
  /** Percent of the KPIs with a target that meet it (0–100, whole), undefined when none has a target. */
  current?: number | undefined;
  previous?: number | undefined;
  withTarget: number;
  meeting: number;
}

export interface Draft {
  year: number;
  totals: {
    activities: number;
    participants: number;
    cities: number;
    values: number;
    byKind: Record<ActivityKind, number>;
  };
  quarters: { quarter: 'Q1' | 'Q2' | 'Q3' | 'Q4'; activities: Activity[] }[];
  cities: {
    city: City;
    results: KpiResult[];
    coverage: { core: { reported: number; total: number }; advanced: { reported: number; total: number } };
  }[];
  shares: DimensionShare[];
  sources: { source: string; values: number; verified: number }[];
  verification: { verified: number; selfReported: number };
  finances?: Finances | undefined;
  plan?: Plan | undefined;
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
const CORE_TOTAL = KPIS.filter((k) => k.type === 'core').length;
const ADVANCED_TOTAL = KPIS.length - CORE_TOTAL;
const ORDER = new Map(KPIS.map((k, i) => [k.code, i]));

const meets = (kpi: Kpi, value: number, target: number | undefined) =>
  target === undefined ? undefined : kpi.direction === 'higher' ? value >= target : value <= target;

function share(results: { kpi: Kpi; meets?: boolean | undefined }[], dimensionId: string) {
  const withTarget = results.filter((r) => r.kpi.dimension.id === dimensionId && r.meets !== undefined);
  const meeting = withTarget.filter((r) => r.meets).length;
  return {
    withTarget: withTarget.length,
    meeting,
    percent: withTarget.length ? Math.round((meeting / withTarget.length) * 100) : undefined,
  };
}

export function draftReport(records: RecordsOfYear): Draft {
  const activities = [...records.activities].sort(
    (a, b) => compareCodePoints(a.date, b.date) || a.title.localeCompare(b.title),
  );
  const byKind = { event: 0, training: 0, 'city-project': 0, publication: 0, outreach: 0 } as Record<
    ActivityKind,
    number
  >;
  for (const a of activities) byKind[a.kind]++;
  const previous = new Map(records.previousValues.map((v) => [`${v.cityId} ${v.code}`, v]));
  const all: KpiResult[] = [];
  const previousResults: { kpi: Kpi; meets?: boolean | undefined }[] = [];
  const cities = [...records.cities]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((city) => {
      const results: KpiResult[] = [];
      for (const v of records.values.filter((value) => value.cityId === city.cityId)) {
        const kpi = kpiByCode(v.code);
        if (!kpi) continue;
        const before = previous.get(`${city.cityId} ${v.code}`);
        const target = v.target ?? kpi.target;
        results.push({
          kpi,
          value: v.value,
          previous: before?.value,
          target,
          meets: meets(kpi, v.value, target),
          trend: !before ? 'none' : v.value > before.value ? 'up' : v.value < before.value ? 'down' : 'same',
          verification: v.verification,
          source: v.source,
        });
        if (before) {
          const beforeTarget = before.target ?? kpi.target;
          previousResults.push({ kpi, meets: meets(kpi, before.value, beforeTarget) });
        }
      }
      results.sort((a, b) => (ORDER.get(a.kpi.code) ?? 0) - (ORDER.get(b.kpi.code) ?? 0));
      all.push(...results);
      const core = results.filter((r) => r.kpi.type === 'core').length;
      return {
        city,
        results,
        coverage: {
          core: { reported: core, total: CORE_TOTAL },
          advanced: { reported: results.length - core, total: ADVANCED_TOTAL },
        },
      };
    });
  const shares = ['EC', 'EN', 'SC'].map((dimensionId) => {
    const now = share(all, dimensionId);
    const before = share(previousResults, dimensionId);
    return {
      dimensionId,
      current: now.percent,
      previous: before.percent,
      withTarget: now.withTarget,
      meeting: now.meeting,
    };
  });
  const sources = new Map<string, { source: string; values: number; verified: number }>();
  for (const r of all) {
    const entry = sources.get(r.source) ?? { source: r.source, values: 0, verified: 0 };
    entry.values++;
    if (r.verification === 'verified') entry.verified++;
    sources.set(r.source, entry);
  }
  const verified = all.filter((r) => r.verification === 'verified').length;
  return {
    year: records.year,
    totals: {
      activities: activities.length,
      participants: activities.reduce((sum, a) => sum + a.participants, 0),
      cities: records.cities.length,
      values: all.length,
      byKind,
    },
    quarters: QUARTERS.map((quarter, i) => ({
      quarter,
      activities: activities.filter((a) => Math.floor((Number(a.date.slice(5, 7)) - 1) / 3) === i),
    })),
    cities,
    shares,
    sources: [...sources.values()].sort((a, b) => b.values - a.values || a.source.localeCompare(b.source)),
    verification: { verified, selfReported: all.length - verified },
    finances: records.finances,
    plan: records.plan,
  };
}
