import type { EntityItem } from 'electrodb';
import type { Hub } from '../../governance/records.ts';
import type { HubRecordsStore } from '../../hubs/ports.ts';
import type { Activity, Finances, KpiValue, Plan } from '../../hubs/records.ts';
import type { HubReport } from '../../hubs/report.ts';
import { type Permission, tableAccess } from '../permissions.ts';
import { isConditionFailure } from './conditions.ts';
import { outboxItem } from './registrations.ts';
import type { Store } from './store.ts';

/** IAM for the calls below (a report's publication is one transaction: PutItem and UpdateItem per item). */
export const PERMISSIONS: readonly Permission[] = /* @__PURE__ */ tableAccess(
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
);

type ReportItem = EntityItem<Store['entities']['hubReport']>;
type TransactionOutcome = { canceled: boolean; data: { code: string }[] };

const toReport = (item: ReportItem): HubReport => ({
  hubId: item.hubId,
  year: item.year,
  edition: item.edition,
  status: item.status,
  narratives: JSON.parse(item.narratives) as HubReport['narratives'],
  corrects: item.corrects,
  history: JSON.parse(item.history) as HubReport['history'],
  documents: item.documents ? (JSON.parse(item.documents) as HubReport['documents']) : undefined,
  submittedAt: item.submittedAt,
  publishedAt: item.publishedAt,
  version: item.version,
});

const reportFields = (r: HubReport) => ({
  status: r.status,
  narratives: JSON.stringify(r.narratives),
  history: JSON.stringify(r.history),
  version: r.version,
  ...(r.corrects ? { corrects: r.corrects } : {}),
  ...(r.documents ? { documents: JSON.stringify(r.documents) } : {}),
  ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
  ...(r.publishedAt ? { publishedAt: r.publishedAt } : {}),
});

const toHub = (h: Hub): Hub => ({ ...h });

export function hubRecordsStore(store: Store, now: () => Date = () => new Date()): HubRecordsStore {
  const { hub, hubCity, hubActivity, kpiValue, hubYear, hubReport } = store.entities;
  return {
    async getHub(hubId) {
      const { data } = await hub.get({ hubId }).go();
      return data ? toHub(data as Hub) : undefined;
    },
    async listHubs() {
      const { data } = await hub.query.all({}).go({ pages: 'all' });
      return data.map((h) => toHub(h as Hub));
    },
    async listCities(hubId) {
      const { data } = await hubCity.query.byHub({ hubId }).go({ pages: 'all' });
      return data.map(({ cityId, name, country }) => ({ cityId, name, country }));
    },
    async putCity(hubId, city) {
      await hubCity.put({ hubId, ...city }).go({ response: 'none' });
    },
    async listActivities(hubId, year) {
      const { data } = await hubActivity.query.byYear({ hubId, year }).go({ pages: 'all' });
      return data.map(
        (a): Activity => ({
          activityId: a.activityId,
          date: a.date,
          kind: a.kind,
          title: a.title,
          description: a.description ?? '',
          partners: a.partners ?? [],
          cities: a.cities ?? [],
          participants: a.participants ?? 0,
          links: a.links ?? [],
          ...(a.attachments?.length ? { attachments: a.attachments } : {}),
        }),
      );
    },
    async putActivity(hubId, year, { attachments: _kept, ...activity }) {
      // An update, not a put: the files attached to the activity stay.
      await hubActivity.upsert({ hubId, year, ...activity }).go({ response: 'none' });
    },
    async addAttachment(hubId, year, activityId, attachment) {
      try {
        await hubActivity
          .patch({ hubId, year, activityId })
          .append({ attachments: [attachment] })
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async deleteActivity(hubId, year, activityId) {
      try {
        await hubActivity
          .delete({ hubId, year, activityId })
          .where((attr, op) => op.exists(attr.activityId))
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async listKpiValues(hubId, year) {
      const { data } = await kpiValue.query.byYear({ hubId, year }).go({ pages: 'all' });
      return data.map(
        (v): KpiValue => ({
          cityId: v.cityId,
          code: v.code,
          value: v.value,
          target: v.target,
          source: v.source,
          collectedOn: v.collectedOn,
          verification: v.verification,
        }),
      );
    },
    async putKpiValues(hubId, year, values) {
      const items = values.map((v) => ({
        hubId,
        year,
        cityId: v.cityId,
        code: v.code,
        value: v.value,
        ...(v.target === undefined ? {} : { target: v.target }),
        source: v.source,
        collectedOn: v.collectedOn,
        verification: v.verification,
      }));
      // ElectroDB splits a batch into BatchWriteItem calls of 25 and retries what DynamoDB leaves unprocessed.
      for (let i = 0; i < items.length; i += 500) {
        const { unprocessed } = await kpiValue.put(items.slice(i, i + 500)).go({ concurrency: 4 });
        if (unprocessed.length) throw new Error(`${unprocessed.length} KPI values were not written; run again.`);
      }
    },
    async getYear(hubId, year) {
      const { data } = await hubYear.get({ hubId, year }).go();
      if (!data) return { version: 0 };
      return {
        ...(data.finances ? { finances: JSON.parse(data.finances) as Finances } : {}),
        ...(data.plan ? { plan: JSON.parse(data.plan) as Plan } : {}),
        version: data.version,
      };
    },
    async saveYear(hubId, year, expectedVersion, changes) {
      const set = {
        ...(changes.finances ? { finances: JSON.stringify(changes.finances) } : {}),
        ...(changes.plan ? { plan: JSON.stringify(changes.plan) } : {}),
      };
      try {
        if (expectedVersion === 0) await hubYear.create({ hubId, year, ...set, version: 1 }).go({ response: 'none' });
        else
          await hubYear
            .patch({ hubId, year })
            .set({ ...set, version: expectedVersion + 1 })
            .where((attr, op) => op.eq(attr.version, expectedVersion))
            .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async listReports(hubId, year) {
      const { data } = await hubReport.query.byYear({ hubId, year }).go({ pages: 'all' });
      return data.map(toReport).sort((a, b) => a.edition - b.edition);
    },
    async listAllReports() {
      const { data } = await hubReport.query.all({}).go({ pages: 'all' });
      return data.map(toReport);
    },
    async createReport(report) {
      try {
        await hubReport
          .create({ hubId: report.hubId, year: report.year, edition: report.edition, ...reportFields(report) })
          .go({ response: 'none' });
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
    async saveReport(next, expectedVersion, messages, lastReportYear) {
      const at = now();
      const { hubId, year, edition } = next;
      const current = lastReportYear === undefined ? undefined : await hub.get({ hubId }).go();
      const raise =
        lastReportYear !== undefined && current?.data && (current.data.lastReportYear ?? 0) < lastReportYear;
      const outcome = (await store.transaction
        .write(({ hubReport: reports, hub: hubs, outbox: box }) => [
          reports
            .patch({ hubId, year, edition })
            .set(reportFields(next))
            .where((attr, op) => op.eq(attr.version, expectedVersion))
            .commit(),
          ...messages.map((m) => box.create(outboxItem(m, at)).commit() as never),
          ...(raise
            ? [
                hubs
                  .patch({ hubId })
                  .set({ lastReportYear })
                  .where(
                    (attr, op) =>
                      `${op.notExists(attr.lastReportYear)} OR ${op.lt(attr.lastReportYear, lastReportYear)}`,
                  )
                  .commit() as never,
              ]
            : []),
        ])
        .go()) as TransactionOutcome;
      if (!outcome.canceled) return true;
      if (outcome.data[0]?.code === 'ConditionalCheckFailed') return false;
      throw new Error(`Transaction cancelled: ${outcome.data.map((d) => d.code).join(', ')}`);
    },
  };
}
