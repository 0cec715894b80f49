import { longCalendarDate } from '../circulars/phrasing.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { DIMENSIONS } from './catalogue.ts';
import { draftReport } from './draft.ts';
import { type HubsDeps, recordsOfYear } from './operations.ts';
import { hubPortfolio } from './portfolio.ts';

/**
 * The secretariat's yearly summary across hubs (PDF, English): each hub's report status and
 * KPI coverage for the year, and one chart per dimension of the share of KPIs meeting their
 * target per hub, the year before beside it. Hubs without a city are left out of the charts.
 */
export async function portfolioDocument(deps: Pick<HubsDeps, 'store' | 'now'>, year: number): Promise<DocumentModel> {
  const portfolio = await hubPortfolio(deps, [year]);
  const hubs = await deps.store.listHubs();
  const charted: { name: string; shares: ReturnType<typeof draftReport>['shares'] }[] = [];
  for (const hub of hubs.sort((a, b) => a.name.localeCompare(b.name))) {
    const records = await recordsOfYear(deps, hub, year);
    if (records.cities.length === 0) continue;
    charted.push({ name: hub.name, shares: draftReport(records).shares });
  }
  const count = (status: string) => portfolio.hubs.filter((h) => h.years[0]?.status === status).length;
  return renderDocument('hub-portfolio', 'en', {
    year: String(year),
    previousYear: String(year - 1),
    date: longCalendarDate(deps.now().toISOString().slice(0, 10), 'en'),
    totals: {
      hubs: String(portfolio.hubs.length),
      published: String(count('published')),
      submitted: String(count('submitted')),
      inProgress: String(count('in-progress')),
      missing: String(count('missing')),
    },
    hubs: portfolio.hubs.map((h) => ({
      name: h.name,
      cities: String(h.cities),
      status: (h.years[0]?.status ?? 'missing').replace('-', ' '),
      values: String(h.years[0]?.values ?? 0),
      coverage: `${h.years[0]?.coreCoverage ?? 0} %`,
    })),
    dimensions: charted.length
      ? DIMENSIONS.map((d) => ({
          name: d.name.en,
          hubs: charted.map((c) => c.name),
          previous: charted.map((c) => c.shares.find((s) => s.dimensionId === d.id)?.previous ?? 0),
          current: charted.map((c) => c.shares.find((s) => s.dimensionId === d.id)?.current ?? 0),
        }))
      : [],
  });
}
