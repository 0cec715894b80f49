import type { Hub } from '../governance/records.ts';
import type { NewOutboxMessage } from '../mail/outbox.ts';
import type { HubReport } from './report.ts';

/**
 * ToR §30 reminders (the `hub-report-due` job): on 15 January each active hub without a
 * submitted report for the year before is reminded; on 1 March, if it still has none, the hub
 * again and the secretariat (one list of the hubs). A report counts as submitted once it
 * reached the secretariat (submitted, accepted or published; a returned one is back with the
 * hub), or when the hub's `lastReportYear` says so. Runs on any other day send nothing. Each
 * message has an id of (year, occasion, hub), so a re-run sends nobody anything twice.
 */
const SUBMITTED = new Set(['submitted', 'accepted', 'published']);

export function hubReportReminders(
  at: Date,
  hubs: readonly Hub[],
  reports: readonly Pick<HubReport, 'hubId' | 'year' | 'status'>[],
  secretariatEmail: string,
): NewOutboxMessage[] {
  const month = at.getUTCMonth();
  const day = at.getUTCDate();
  const occasion = month === 0 && day === 15 ? 'january' : month === 2 && day === 1 ? 'march' : undefined;
  if (!occasion) return [];
  const year = at.getUTCFullYear() - 1;
  const submitted = new Set(reports.filter((r) => r.year === year && SUBMITTED.has(r.status)).map((r) => r.hubId));
  const late = hubs.filter((h) => h.active && !submitted.has(h.hubId) && (h.lastReportYear ?? 0) < year);
  const messages: NewOutboxMessage[] = late.map((hub) => ({
    messageId:
      occasion === 'january'
        ? `job.hub-report-due.${year}.${hub.hubId}`
        : `job.hub-report-due.${year}.march.${hub.hubId}`,
    recipient: hub.contactEmail,
    language: 'en',
    template: 'hub-report-due.to-hub',
    data: { name: hub.contactName, hub: hub.name, year },
  }));
  if (occasion === 'march' && late.length)
    messages.push({
      messageId: `job.hub-report-due.${year}.march.secretariat`,
      recipient: secretariatEmail,
      language: 'en',
      template: 'hub-report-overdue.to-secretariat',
      data: { year, count: late.length, hubs: late.map((h) => ({ name: h.name, contact: h.contactEmail })) },
    });
  return messages;
}
