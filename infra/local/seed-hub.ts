import { hubRecordsStore } from '../../functions/adapters/dynamodb/hub-records.ts';
import type { Store } from '../../functions/adapters/dynamodb/store.ts';
import { KPIS } from '../../functions/hubs/catalogue.ts';
import type { Activity, ActivityKind, KpiValue } from '../../functions/hubs/records.ts';

/**
 * The demo hub's year, so that `npm start` shows a real draft report at once: two cities,
 * two dozen activities through this year, every core KPI (and some advanced ones) for both
 * cities this year and the year before, finances, a plan and the report's summary in English
 * and Russian. Loaded once: nothing is written when the hub already has cities.
 */
const HUB_ID = 'demo-hub';
const CITIES = [
  { cityId: 'demoville', name: 'Demoville', country: 'Switzerland' },
  { cityId: 'sampleton', name: 'Sampleton', country: 'Switzerland' },
];
const KINDS: ActivityKind[] = ['event', 'training', 'city-project', 'publication', 'outreach'];
const TITLES = [
  'Kick-off of the city KPI assessment with the municipal council',
  'Training of municipal staff in the U4SSC KPI collection methodology',
  'Open data workshop with the statistics office',
  'Smart mobility pilot: traffic monitoring at 40 intersections',
  'City snapshot published on the hub website',
  'Citizens forum on green areas and noise',
];

/** A number from 0 to 1 fixed by the text (the demo is the same on every start). */
const unit = (text: string) => {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
};

export async function seedDemoHubYear(store: Store, today: Date): Promise<boolean> {
  const hubs = hubRecordsStore(store);
  if ((await hubs.listCities(HUB_ID)).length > 0) return false;
  const year = today.getUTCFullYear();
  for (const city of CITIES) await hubs.putCity(HUB_ID, city);
  const lastMonth = Math.max(1, today.getUTCMonth() + 1);
  const activities: Activity[] = Array.from({ length: 24 }, (_, i) => ({
    activityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    date: `${year}-${String((i % lastMonth) + 1).padStart(2, '0')}-${String(((i * 7) % 27) + 1).padStart(2, '0')}`,
    kind: KINDS[i % KINDS.length] ?? 'event',
    title: TITLES[i % TITLES.length] ?? 'Activity',
    description: 'Recorded by the hub coordinator.',
    partners: i % 2 ? ['UNECE'] : ['ITU', 'UN-Habitat'],
    cities: [CITIES[i % 2]?.cityId ?? 'demoville'],
    participants: 12 + Math.round(unit(`p${i}`) * 80),
    links: [],
  }));
  for (const activity of activities) await hubs.putActivity(HUB_ID, year, activity);
  const values = (y: number, drift: number): KpiValue[] =>
    CITIES.flatMap((city) =>
      KPIS.filter((kpi) => kpi.type === 'core' || unit(`${city.cityId}${kpi.code}`) > 0.5).map((kpi) => {
        const base = kpi.unit === '%' ? 40 + unit(`${city.cityId}${kpi.code}`) * 55 : 1 + unit(kpi.code) * 300;
        return {
          cityId: city.cityId,
          code: kpi.code,
          value: Math.round((base + drift * (unit(`${kpi.code}${y}`) - 0.3) * 10) * 100) / 100,
          ...(kpi.unit === '%' && kpi.target === undefined ? { target: 75 } : {}),
          source: unit(kpi.code) > 0.5 ? 'City open data portal' : 'National statistics office',
          collectedOn: `${y}-06-30`,
          verification: unit(`v${kpi.code}`) > 0.6 ? ('verified' as const) : ('self-reported' as const),
        };
      }),
    );
  await hubs.putKpiValues(HUB_ID, year - 1, values(year - 1, 0));
  await hubs.putKpiValues(HUB_ID, year, values(year, 1));
  await hubs.saveYear(HUB_ID, year, 0, {
    finances: {
      currency: 'CHF',
      income: [
        { source: 'City of Demoville', amount: 120000 },
        { source: 'Cantonal innovation fund', amount: 45000.5 },
      ],
      expenditure: [
        { item: 'Staff', amount: 98000 },
        { item: 'Workshops and training', amount: 31250.25 },
        { item: 'Data collection', amount: 22000 },
      ],
      notes: 'Figures before the final audit.',
    },
    plan: {
      objectives: ['Verify every core KPI of both cities', 'Add a third city to the assessment'],
      activities: [
        { quarter: 'Q1', title: 'Verification visit by the U4SSC experts' },
        { quarter: 'Q3', title: 'Regional smart cities forum' },
      ],
      budget: 180000,
    },
  });
  await hubs.createReport({
    hubId: HUB_ID,
    year,
    edition: 1,
    status: 'draft',
    narratives: {
      en: {
        summary: `In ${year} the hub assessed Demoville and Sampleton with the U4SSC KPIs and trained the staff of both cities.`,
        highlights: 'Traffic monitoring now covers 40 intersections; the open data portal went live.',
        challenges: 'Some advanced KPIs need data the cities do not collect yet.',
      },
      ru: {
        summary: `В ${year} году центр оценил Демовиль и Сэмплтон по КПЭ U4SSC и обучил сотрудников обоих городов.`,
        highlights: 'Мониторинг движения охватывает 40 перекрёстков; открыт портал открытых данных.',
        challenges: 'Для некоторых расширенных КПЭ города пока не собирают данные.',
      },
    },
    history: [{ at: today.toISOString(), by: 'hub@demo.u4ssc.local', action: 'created', version: 1 }],
    version: 1,
  });
  return true;
}
