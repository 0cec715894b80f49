import type { Hub } from '../governance/records.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { Activity, Attachment, City, Finances, KpiValue, Plan } from './records.ts';
import type { HubReport } from './report.ts';

/**
 * A hub's records and reports. Every method is one DynamoDB call (or, where it says so, one
 * transaction), so nothing is ever half-written.
 */
export interface HubRecordsStore {
  getHub(hubId: string): Promise<Hub | undefined>;
  listHubs(): Promise<Hub[]>;
  listCities(hubId: string): Promise<City[]>;
  putCity(hubId: string, city: City): Promise<void>;
  listActivities(hubId: string, year: number): Promise<Activity[]>;
  /** Writes the activity's fields; the files attached to it stay. */
  putActivity(hubId: string, year: number, activity: Activity): Promise<void>;
  /** Appends a file to the activity; false when there is no such activity. */
  addAttachment(hubId: string, year: number, activityId: string, attachment: Attachment): Promise<boolean>;
  /** False when there was none. */
  deleteActivity(hubId: string, year: number, activityId: string): Promise<boolean>;
  listKpiValues(hubId: string, year: number): Promise<KpiValue[]>;
  /**
   * Each value is one item keyed by (hub, year, city, code), written whole (in batches of 25):
   * writing the same values again leaves the same state.
   */
  putKpiValues(hubId: string, year: number, values: KpiValue[]): Promise<void>;
  getYear(hubId: string, year: number): Promise<{ finances?: Finances; plan?: Plan; version: number }>;
  /** Conditional on the version (0: none yet); false when it changed meanwhile. */
  saveYear(
    hubId: string,
    year: number,
    expectedVersion: number,
    changes: { finances?: Finances; plan?: Plan },
  ): Promise<boolean>;
  /** Editions of a year's report, oldest first. */
  listReports(hubId: string, year: number): Promise<HubReport[]>;
  listAllReports(): Promise<HubReport[]>;
  /** Conditional on no such edition; false when it exists already. */
  createReport(report: HubReport): Promise<boolean>;
  /**
   * One transaction: the report at `expectedVersion` becomes `next`, the outbox messages are
   * written, and (when `lastReportYear` is given) the hub's last report year is raised to it.
   * False when the report changed meanwhile.
   */
  saveReport(
    next: HubReport,
    expectedVersion: number,
    messages: NewOutboxMessage[],
    lastReportYear?: number,
  ): Promise<boolean>;
}

export interface DocumentStore {
  put(key: string, body: Buffer, contentType: string, sha256: string): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
}
