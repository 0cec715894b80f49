import { toCsv } from '../registrations/csv.ts';
import { KPIS } from './catalogue.ts';
import type { HubRecordsStore } from './ports.ts';

/**
 * The secretariat's view of every hub's reporting: hubs × years (published, submitted, in
 * progress, missing) with the KPI coverage of each year (values reported of what the hub's
 * cities could report, core KPIs apart), as JSON or CSV.
 */
export type PortfolioStatus = 'published' | 'submitted' | 'in-progress' | 'missing';

export interface PortfolioCell {
  year: number;
  status: PortfolioStatus;
  edition?: number | undefined;
  values: number;
  /** Percent of (cities × core KPIs) with a value. */
  coreCoverage: number;
}

export interface PortfolioRow {
  hubId: string;
  name: string;
  active: boolean;
  cities: number;
  years: PortfolioCell[];
}

const CORE = new Set(KPIS.filter((k) => k.type === 'core').map((k) => k.code));

export async function hubPortfolio(
  deps: { store: HubRecordsStore },
  years: number[],
): Promise<{ years: number[]; hubs: PortfolioRow[] }> {
  const [hubs, reports] = await Promise.all([deps.store.listHubs(), deps.store.listAllReports()]);
  const rows = await Promise.all(
    hubs.map(async (hub): Promise<PortfolioRow> => {
      const cities = await deps.store.listCities(hub.hubId);
      const cells = await Promise.all(
        years.map(async (year): Promise<PortfolioCell> => {
          const editions = reports.filter((r) => r.hubId === hub.hubId && r.year === year);
          const last = editions.sort((a, b) => a.edition - b.edition).at(-1);
          const published = editions.some((r) => r.status === 'published');
          const status: PortfolioStatus = published
            ? 'published'
            : last && (last.status === 'submitted' || last.status === 'accepted')
              ? 'submitted'
              : last
                ? 'in-progress'
                : // Received before the platform kept reports: the hub's last report year says so.
                  hub.lastReportYear === year
                  ? 'submitted'
                  : 'missing';
          const values = await deps.store.listKpiValues(hub.hubId, year);
          const core = values.filter((v) => CORE.has(v.code)).length;
          return {
            year,
            status,
            edition: last?.edition,
            values: values.length,
            coreCoverage: cities.length ? Math.round((core / (cities.length * CORE.size)) * 100) : 0,
          };
        }),
      );
      return { hubId: hub.hubId, name: hub.name, active: hub.active, cities: cities.length, years: cells };
    }),
  );
  return { years, hubs: rows.sort((a, b) => a.name.localeCompare(b.name)) };
}

export function portfolioCsv(portfolio: { years: number[]; hubs: PortfolioRow[] }): string {
  const header = [
    'hub',
    'name',
    'active',
    'cities',
    'year',
    'status',
    'edition',
    'kpi_values',
    'core_coverage_percent',
  ];
  const rows = portfolio.hubs.flatMap((hub) =>
    hub.years.map((cell) => [
      hub.hubId,
      hub.name,
      hub.active ? 'yes' : 'no',
      hub.cities,
      cell.year,
      cell.status,
      cell.edition ?? '',
      cell.values,
      cell.coreCoverage,
    ]),
  );
  return toCsv(header, rows);
}

/** The years shown by default: the three before this one and this one. */
export const defaultPortfolioYears = (now: Date) => {
  const y = now.getUTCFullYear();
  return [y - 3, y - 2, y - 1, y];
};
