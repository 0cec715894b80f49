import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import type { Hub } from '../governance/records.ts';
import type { Identity } from '../http/claims.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import { parseInput } from '../validation/input.ts';
import { accessHub, type HubAccess, hubsOf } from './access.ts';
import { kpiByCode, sameUnit } from './catalogue.ts';
import { type Draft, draftReport, type RecordsOfYear } from './draft.ts';
import { readKpiCsv } from './kpi-import.ts';
import type { HubRecordsStore } from './ports.ts';
import type { KpiValue } from './records.ts';
import { FROZEN, type HubReport, type ReportEvent, reportLanguages } from './report.ts';
import { type HubYearChange, hubYearChangeSchema } from './schemas.ts';

/**
 * A hub's year (ToR §30): what the hub records, its annual report's draft, submission, the
 * secretariat's review, and corrections. Publication (which renders the PDFs) is in
 * publish.ts, so that this module carries no document engine.
 */
export interface HubsDeps {
  store: HubRecordsStore;
  now: () => Date;
  secretariatEmail: string;
  publicBaseUrl: string;
  dispatch: (messageIds: string[]) => Promise<void>;
}

export const MIN_YEAR = 2015;

export function checkYear(raw: string | undefined, now: Date): number {
  const year = Number(raw);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > now.getUTCFullYear() + 1)
    throw new NotFoundError(`There is no report year ${raw}: give a year from ${MIN_YEAR} to next year.`);
  return year;
}

async function hubFor(deps: Pick<HubsDeps, 'store'>, identity: Identity | undefined, hubId: string) {
  const hub = await deps.store.getHub(hubId);
  return { hub: hub as Hub, access: accessHub(identity, hub, hubId) };
}

/** The hubs this person may open: all for the secretariat, their own for a hub. */
export async function listHubsFor(deps: Pick<HubsDeps, 'store'>, identity: Identity | undefined) {
  const hubs = await deps.store.listHubs();
  const visible = identity?.roles.includes('secretariat') ? hubs : hubsOf(identity, hubs);
  return visible.map(({ hubId, name, city, country, lastReportYear, active }) => ({
    hubId,
    name,
    city,
    country,
    active,
    lastReportYear,
  }));
}

/** The latest edition of a year's report, if any. */
const latest = (reports: HubReport[]) => reports.at(-1);

export async function recordsOfYear(deps: Pick<HubsDeps, 'store'>, hub: Hub, year: number): Promise<RecordsOfYear> {
  const [cities, activities, values, previousValues, records] = await Promise.all([
    deps.store.listCities(hub.hubId),
    deps.store.listActivities(hub.hubId, year),
    deps.store.listKpiValues(hub.hubId, year),
    deps.store.listKpiValues(hub.hubId, year - 1),
    deps.store.getYear(hub.hubId, year),
  ]);
  return { hub, year, cities, activities, values, previousValues, finances: records.finances, plan: records.plan };
}

export interface HubYearView {
  hub: Hub;
  year: number;
  records: Omit<RecordsOfYear, 'hub'> & { version: number };
  report?: HubReport | undefined;
  editions: { edition: number; status: string; publishedAt?: string | undefined; corrects?: string | undefined }[];
  /** The records can be changed (no report of the year is with the secretariat or published). */
  open: boolean;
  draft: Draft;
}

export async function getHubYear(
  deps: Pick<HubsDeps, 'store'>,
  identity: Identity | undefined,
  hubId: string,
  year: number,
): Promise<HubYearView> {
  const { hub } = await hubFor(deps, identity, hubId);
  const [records, reports, yearRecord] = await Promise.all([
    recordsOfYear(deps, hub, year),
    deps.store.listReports(hubId, year),
    deps.store.getYear(hubId, year),
  ]);
  const report = latest(reports);
  const { hub: _sameHub, ...own } = records;
  return {
    hub,
    year,
    records: { ...own, version: yearRecord.version },
    report,
    editions: reports.map(({ edition, status, publishedAt, corrects }) => ({ edition, status, publishedAt, corrects })),
    open: !report || !FROZEN.includes(report.status),
    draft: draftReport(records),
  };
}

const SECRETARIAT_ACTIONS = new Set(['accept', 'return']);
const RECORD_ACTIONS = new Set([
  'activity.save',
  'activity.delete',
  'city.save',
  'kpi.save',
  'kpi.import',
  'year.save',
]);

/** One change to a hub's year: a record, the report's words, or a step of its review. */
export async function changeHubYear(
  deps: HubsDeps,
  identity: Identity | undefined,
  hubId: string,
  year: number,
  input: unknown,
): Promise<Record<string, unknown>> {
  const change = parseInput(hubYearChangeSchema, input);
  const { hub, access } = await hubFor(deps, identity, hubId);
  if (SECRETARIAT_ACTIONS.has(change.action) && access.kind !== 'secretariat')
    throw new ForbiddenError(`Only the secretariat may ${change.action} a report.`);
  const reports = await deps.store.listReports(hubId, year);
  const report = latest(reports);
  if (RECORD_ACTIONS.has(change.action) && report && FROZEN.includes(report.status))
    throw new ConflictError(
      `The ${year} report is ${report.status}: its records cannot change now${report.status === 'published' ? ' (start a correction first)' : ''}.`,
      { code: 'records-frozen', status: report.status },
    );
  switch (change.action) {
    case 'activity.save': {
      const activityId = change.activityId ?? randomUUID();
      if (!change.activity.date.startsWith(`${year}-`))
        throw new ValidationError('The activity is not of this year.', { 'activity.date': `Give a date in ${year}.` });
      await checkCities(deps, hubId, change.activity.cities, 'activity.cities');
      await deps.store.putActivity(hubId, year, { activityId, ...change.activity });
      return { activityId };
    }
    case 'activity.delete':
      if (!(await deps.store.deleteActivity(hubId, year, change.activityId)))
        throw new NotFoundError(`There is no activity ${change.activityId} in ${year}.`);
      return { deleted: change.activityId };
    case 'city.save':
      await deps.store.putCity(hubId, change.city);
      return { cityId: change.city.cityId };
    case 'kpi.save': {
      const errors: Record<string, string> = {};
      const cities = new Set((await deps.store.listCities(hubId)).map((c) => c.cityId));
      const values: KpiValue[] = change.values.map((v, i) => {
        const kpi = kpiByCode(v.code);
        if (!kpi) errors[`values.${i}.code`] = `Unknown KPI code "${v.code}".`;
        else if (v.unit && !sameUnit(v.unit, kpi.unit))
          errors[`values.${i}.unit`] = `The unit of ${kpi.code} is "${kpi.unit}".`;
        if (!cities.has(v.cityId)) errors[`values.${i}.cityId`] = `Unknown city "${v.cityId}".`;
        return { ...v, code: kpi?.code ?? v.code };
      });
      if (Object.keys(errors).length) throw new ValidationError('Some KPI values cannot be stored.', errors);
      await deps.store.putKpiValues(hubId, year, values);
      return { stored: values.length };
    }
    case 'kpi.import': {
      const cities = new Set((await deps.store.listCities(hubId)).map((c) => c.cityId));
      const { values, errors, rows } = readKpiCsv(change.csv, cities);
      await deps.store.putKpiValues(
        hubId,
        year,
        values.map(({ line: _line, ...value }) => value),
      );
      return { rows, stored: values.length, rejected: errors.length, errors };
    }
    case 'year.save': {
      if (!change.finances && !change.plan)
        throw new ValidationError('Nothing to save.', { finances: 'Give the finances, the plan or both.' });
      const ok = await deps.store.saveYear(hubId, year, change.version, {
        ...(change.finances ? { finances: change.finances } : {}),
        ...(change.plan ? { plan: change.plan } : {}),
      });
      if (!ok) throw stale('The finances and plan');
      return { version: change.version + 1 };
    }
    default:
      return changeReport(deps, hub, access, year, report, change);
  }
}

async function checkCities(deps: Pick<HubsDeps, 'store'>, hubId: string, cityIds: string[], field: string) {
  if (cityIds.length === 0) return;
  const known = new Set((await deps.store.listCities(hubId)).map((c) => c.cityId));
  const unknown = cityIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new ValidationError('The activity names cities the hub does not have.', {
      [field]: `Unknown cities: ${unknown.join(', ')}.`,
    });
}

const stale = (what: string) =>
  new ConflictError(`${what} changed meanwhile: load them again and repeat your change.`, { code: 'stale-version' });

const event = (
  at: Date,
  access: HubAccess,
  action: ReportEvent['action'],
  version: number,
  comment?: string,
): ReportEvent => ({ at: at.toISOString(), by: access.email, action, version, ...(comment ? { comment } : {}) });

/** The report's moves: which status each action needs and leads to. */
const MOVES = {
  'narrative.save': { from: ['draft', 'returned'], to: undefined },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
  correct: { from: ['published'], to: 'draft' },
} as const;

async function changeReport(
  deps: HubsDeps,
  hub: Hub,
  access: HubAccess,
  year: number,
  report: HubReport | undefined,
  change: Extract<HubYearChange, { action: keyof typeof MOVES }>,
): Promise<Record<string, unknown>> {
  const at = deps.now();
  // The first words saved create the report's first edition.
  if (!report) {
    if (change.action !== 'narrative.save')
      throw new ConflictError(`There is no ${year} report yet: save its summary first.`, { code: 'wrong-stage' });
    if (change.version !== 0) throw stale('The report');
    const created: HubReport = {
      hubId: hub.hubId,
      year,
      edition: 1,
      status: 'draft',
      narratives: { [change.lang]: change.narrative },
      history: [event(at, access, 'created', 1)],
      version: 1,
    };
    if (!(await deps.store.createReport(created))) throw stale('The report');
    return { report: created };
  }
  const move = MOVES[change.action];
  if (!(move.from as readonly string[]).includes(report.status))
    throw new ConflictError(
      `The report is ${report.status}: it cannot be ${change.action === 'narrative.save' ? 'edited' : `${change.action}ed`} now.`,
      { code: 'wrong-stage', status: report.status },
    );
  if (change.version !== report.version) throw stale('The report');
  const version = report.version + 1;
  let next: HubReport;
  let messages: NewOutboxMessage[] = [];
  const links = { report: `${deps.publicBaseUrl}/api/hubs/${hub.hubId}/years/${year}` };
  const mail = (
    kind: string,
    recipient: string,
    name: string,
    data: Record<string, unknown> = {},
  ): NewOutboxMessage => ({
    messageId: `hub-report.${hub.hubId}.${year}.e${report.edition}.v${version}.${kind}`,
    recipient,
    language: 'en',
    template: `hub-report-${kind}`,
    data: { name, hub: hub.name, year, edition: report.edition, links, ...data },
  });
  switch (change.action) {
    case 'narrative.save':
      next = {
        ...report,
        narratives: { ...report.narratives, [change.lang]: change.narrative },
        history: [...report.history, event(at, access, 'saved', version)],
        version,
      };
      break;
    case 'submit': {
      const english = report.narratives.en?.summary;
      if (!english)
        throw new ValidationError('The report has no English summary.', {
          'narratives.en.summary': 'Write the English summary before submitting.',
        });
      next = {
        ...report,
        status: 'submitted',
        submittedAt: at.toISOString(),
        history: [...report.history, event(at, access, 'submitted', version)],
        version,
      };
      messages = [mail('submitted.to-secretariat', deps.secretariatEmail, 'U4SSC secretariat')];
      break;
    }
    case 'accept':
    case 'return':
      next = {
        ...report,
        status: change.action === 'accept' ? 'accepted' : 'returned',
        history: [
          ...report.history,
          event(at, access, change.action === 'accept' ? 'accepted' : 'returned', version, change.comment),
        ],
        version,
      };
      if (change.action === 'return')
        messages = [mail('returned.to-hub', hub.contactEmail, hub.contactName, { comment: change.comment })];
      break;
    case 'correct': {
      // The published edition stays as it is; the correction is a new edition, in draft.
      const correction: HubReport = {
        hubId: hub.hubId,
        year,
        edition: report.edition + 1,
        status: 'draft',
        narratives: report.narratives,
        corrects: change.corrects,
        history: [event(at, access, 'correction-started', 1, change.corrects)],
        version: 1,
      };
      if (!(await deps.store.createReport(correction))) throw stale('The report');
      return { report: correction };
    }
  }
  if (!(await deps.store.saveReport(next, report.version, messages))) throw stale('The report');
  await deps.dispatch(messages.map((m) => m.messageId));
  return { report: next, languages: reportLanguages(next) };
}
