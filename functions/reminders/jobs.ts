import { createHash } from 'node:crypto';
import { compareCodePoints } from '../calendar/compare.ts';
import type { GovernanceStore } from '../governance/records.ts';
import { hubReportReminders } from '../hubs/due.ts';
import type { HubReport } from '../hubs/report.ts';
import { DATE_STYLES, formatDate } from '../i18n/dates.ts';
import { isLang } from '../i18n/languages.ts';
import type { CarriedMessage, Dispatched, NewOutboxMessage } from '../mail/outbox.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { genevaDay } from '../meetings/zoned-time.ts';
import { meetingSummary } from '../registrations/notifications.ts';
import type { Registration, RegistrationStatus } from '../registrations/registration.ts';
import type { JobCheckpoints } from '../system/jobs.ts';

/**
 * The scheduled reminder jobs. Each decides, for the moment it runs for, which (recipient,
 * occurrence) pairs are due, and queues one email for each with an id made of the job, the
 * occurrence and the recipient. The outbox write is conditional on that id, so the outbox is
 * the ledger: a re-run, an overlapping run, or a run after a crash half-way queues only what
 * is missing — nobody is emailed twice and nobody is skipped. The jobs over registrants go page
 * by page with a checkpoint per page, so a retry of the same run skips the pages already done.
 */
export interface JobsDeps {
  meetings: { listMeetings(): Promise<Meeting[]> };
  registrations: {
    listByStatus(meetingId: string, status: RegistrationStatus, options?: { limit?: number }): Promise<Registration[]>;
    /** How many registrations of a meeting have this status (reads their ids only). */
    countByStatus(meetingId: string, status: RegistrationStatus): Promise<number>;
    pageByStatus(
      meetingId: string,
      status: RegistrationStatus,
      page: { limit: number; cursor?: string },
    ): Promise<{ items: Registration[]; next?: string }>;
  };
  governance: GovernanceStore;
  checkpoints: JobCheckpoints;
  /** The hubs' annual reports, for `hub-report-due`. */
  hubReports?: { listAllReports(): Promise<Pick<HubReport, 'hubId' | 'year' | 'status'>[]> };
  queueMessages: (messages: NewOutboxMessage[]) => Promise<string[]>;
  /** Hands emails to the sender: by id, or carried whole (see CarriedMessage). */
  dispatch: (messages: Dispatched[]) => Promise<void>;
  secretariatEmail: string;
  publicBaseUrl: string;
  /** Governance requests of every kind waiting for the secretariat (functions/governance), oldest first. */
  governanceWaiting?: () => Promise<{ kind: string; summary: string; state: string; since: string }[]>;
  /** Registrations read (and emails queued) per page of a paged job; default `PAGE_SIZE`. */
  pageSize?: number;
  /**
   * Where `meeting-reminders` hands the meetings it does not remind itself, one scope each (see
   * `planReminders`); without it, the job reminds every due meeting itself.
   */
  fanOut?: { atRegistrants: number; send(scopes: ReminderScope[]): Promise<void> };
  meetingById?: (meetingId: string) => Promise<Meeting | undefined>;
}

/** One meeting's reminders of one run: a piece of `meeting-reminders` done in its own invocation. */
export interface ReminderScope {
  job: 'meeting-reminders';
  /** The run it belongs to (the scheduled moment): its checkpoints and email ids are the run's. */
  run: string;
  meetingId: string;
  days: number;
}

export interface JobResult {
  job: string;
  due: number;
  queued: number;
  /** Paged jobs: pages done in this run, and pages an earlier attempt of the same run had finished. */
  pages?: number;
  resumedPages?: number;
  /** `meeting-reminders`: meetings handed to the job queue, each reminded in its own invocation. */
  handedOver?: number;
}

const DAY = 86_400_000;
const key = (text: string) => createHash('sha256').update(text.toLowerCase()).digest('hex').slice(0, 20);

async function queue(deps: JobsDeps, job: string, messages: NewOutboxMessage[]): Promise<JobResult> {
  const queued: string[] = [];
  // Each hundred is handed to the sender once written: sending starts while the rest is queued.
  for (let i = 0; i < messages.length; i += 100) {
    const written = await deps.queueMessages(messages.slice(i, i + 100));
    queued.push(...written);
    await deps.dispatch(written);
  }
  return { job, due: messages.length, queued: queued.length };
}

/** A page of a paged job: 1,000 registrations is one DynamoDB query page (under 1 MB) and a few seconds of writes. */
export const PAGE_SIZE = 1000;

/**
 * Walks one scope of a paged job page by page: query a page → its conditional outbox writes →
 * hand that page's emails to the sender → a checkpoint. Sending starts with the first page, the
 * memory held is one page, and a retry of the same run starts after the last checkpoint: the
 * finished pages are neither read nor written again. The page a crash interrupted is done again:
 * its writes are conditional (what exists is skipped) and all its emails are dispatched again,
 * since some may have been written but not dispatched; the sender's claim sends each once.
 */
async function pagedScope(
  deps: JobsDeps,
  job: string,
  run: string,
  scope: string,
  readPage: (cursor: string | undefined) => Promise<{ items: Registration[]; next?: string }>,
  messagesOf: (items: Registration[]) => CarriedMessage[],
): Promise<{ due: number; queued: number; pages: number; resumedPages: number }> {
  const last = await deps.checkpoints.lastPage(job, run, scope);
  const resumedPages = last ? last.page + 1 : 0;
  if (last && last.next === undefined) return { due: 0, queued: 0, pages: 0, resumedPages };
  let cursor = last?.next;
  let page = resumedPages;
  let due = 0;
  let queued = 0;
  for (let first = true; ; first = false) {
    const { items, next } = await readPage(cursor);
    const messages = messagesOf(items);
    // The outbox holds no secret: the manage token travels in the queue message only.
    const written = await deps.queueMessages(messages.map(({ manageToken: _token, ...message }) => message));
    // Each carried whole, so that the sender claims it without reading it first. The first page
    // after a resume may have been written but not dispatched before the crash.
    const carried = new Map(messages.map((message) => [message.messageId, message]));
    const handed = first && last ? messages.map((m) => m.messageId) : written;
    await deps.dispatch(handed.map((id) => carried.get(id) ?? id));
    await deps.checkpoints.finishPage(job, run, scope, {
      page,
      ...(next ? { next } : {}),
      items: items.length,
      queued: written.length,
    });
    due += messages.length;
    queued += written.length;
    page++;
    if (!next) break;
    cursor = next;
  }
  return { due, queued, pages: page - resumedPages, resumedPages };
}

/** Default reminder offsets, in days before the start; a meeting may set its own. */
export const REMINDER_OFFSETS_DAYS = [7, 1];

function reminderOf(meeting: Meeting, days: number, registration: Registration): CarriedMessage {
  const lang = isLang(registration.language) ? registration.language : 'en';
  return {
    manageToken: registration.manageToken,
    messageId: `job.meeting-reminders.${meeting.meetingId}.${days}d.${registration.registrationId}`,
    recipient: registration.email,
    language: lang,
    template: 'meeting-reminder.to-registrant',
    meetingId: meeting.meetingId,
    registrationId: registration.registrationId,
    attachments: [
      {
        kind: 'meeting-ics',
        meetingId: meeting.meetingId,
        registrationId: registration.registrationId,
        method: 'REQUEST',
      },
    ],
    data: {
      name: registration.name,
      days,
      meeting: meetingSummary(meeting, lang),
      joiningDetails: meetingText(meeting, lang).joiningDetails ?? null,
    },
    links: { meetingId: meeting.meetingId, registrationId: registration.registrationId },
  };
}

/** A due meeting of a run of `meeting-reminders`, with the offset due (the nearest to the start). */
interface DueMeeting {
  meeting: Meeting;
  days: number;
}

function dueOffset(meeting: Meeting, at: Date): number | undefined {
  const start = Date.parse(meeting.startsAt);
  if (start <= at.getTime()) return undefined;
  const offsets = meeting.reminderOffsetsDays?.length ? meeting.reminderOffsetsDays : REMINDER_OFFSETS_DAYS;
  const due = offsets.filter((days) => at.getTime() >= start - days * DAY && at.getTime() < start - days * DAY + DAY);
  return due.length ? Math.min(...due) : undefined;
}

/**
 * Which due meetings a run reminds itself and which it hands over: with a job queue, a meeting
 * with `atRegistrants` or more seats taken is handed over, and so is any meeting that would take
 * the run's own share past `atRegistrants` (smallest first stay). Each handed-over meeting is then
 * reminded in an invocation of its own, so one run never has more than `atRegistrants` to do.
 */
export function planReminders(
  due: readonly DueMeeting[],
  atRegistrants: number | undefined,
): { own: DueMeeting[]; handed: DueMeeting[] } {
  if (atRegistrants === undefined) return { own: [...due], handed: [] };
  const own: DueMeeting[] = [];
  const handed: DueMeeting[] = [];
  let kept = 0;
  for (const item of [...due].sort((a, b) => a.meeting.seatsTaken - b.meeting.seatsTaken)) {
    if (kept + item.meeting.seatsTaken < atRegistrants) {
      own.push(item);
      kept += item.meeting.seatsTaken;
    } else handed.push(item);
  }
  return { own, handed };
}

async function remindMeeting(deps: JobsDeps, run: string, { meeting, days }: DueMeeting) {
  const limit = deps.pageSize ?? PAGE_SIZE;
  return pagedScope(
    deps,
    'meeting-reminders',
    run,
    `${meeting.meetingId}.${days}d`,
    (cursor) =>
      deps.registrations.pageByStatus(meeting.meetingId, 'approved', { limit, ...(cursor ? { cursor } : {}) }),
    (items) => items.map((registration) => reminderOf(meeting, days, registration)),
  );
}

/**
 * Approved registrants, N days before the start (7 and 1 by default): an offset is due from
 * start − N days until a day later (the job runs daily), and never after the start. Paged per
 * meeting (see `pagedScope`), checkpointed per (run, meeting and offset, page). Large meetings
 * are handed to the job queue first (see `planReminders`), then the rest is reminded here.
 */
export async function meetingReminders(deps: JobsDeps, at: Date): Promise<JobResult> {
  const job = 'meeting-reminders';
  const run = at.toISOString();
  const result = { job, due: 0, queued: 0, pages: 0, resumedPages: 0, handedOver: 0 };
  const due: DueMeeting[] = [];
  for (const meeting of await deps.meetings.listMeetings()) {
    const days = dueOffset(meeting, at);
    if (days !== undefined) due.push({ meeting, days });
  }
  const { own, handed } = planReminders(due, deps.fanOut?.atRegistrants);
  if (handed.length && deps.fanOut) {
    await deps.fanOut.send(handed.map(({ meeting, days }) => ({ job, run, meetingId: meeting.meetingId, days })));
    result.handedOver = handed.length;
  }
  for (const item of own) {
    const scope = await remindMeeting(deps, run, item);
    result.due += scope.due;
    result.queued += scope.queued;
    result.pages += scope.pages;
    result.resumedPages += scope.resumedPages;
  }
  return result;
}

/**
 * One meeting handed over by `meetingReminders`, in an invocation of its own. The same pages,
 * checkpoints and email ids as if the run had done it: a scope delivered twice, or done by both,
 * sends nobody a second email. A meeting gone, started or no longer due at that offset is skipped.
 */
export async function meetingReminderScope(deps: JobsDeps, scope: ReminderScope): Promise<JobResult> {
  const result = { job: scope.job, due: 0, queued: 0, pages: 0, resumedPages: 0 };
  const meeting = await deps.meetingById?.(scope.meetingId);
  if (!meeting || dueOffset(meeting, new Date(scope.run)) !== scope.days) return result;
  return { ...result, ...(await remindMeeting(deps, scope.run, { meeting, days: scope.days })) };
}

/** Registrations a digest lists by name at most; it counts the others. */
export const DIGEST_ITEMS = 100;

/**
 * The secretariat's daily digest of registrations waiting for a decision, oldest first; none
 * when nothing waits. It reads at most the DIGEST_ITEMS oldest pending registrations of each
 * meeting (the status index is in waiting order) and, where there are more, counts them by id.
 */
export async function approvalDigest(deps: JobsDeps, at: Date): Promise<JobResult> {
  const waiting: { meeting: string; name: string; organisation: string; since: string; statusAt: string }[] = [];
  let count = 0;
  for (const meeting of await deps.meetings.listMeetings()) {
    if (Date.parse(meeting.endsAt) < at.getTime()) continue;
    const oldest = await deps.registrations.listByStatus(meeting.meetingId, 'pending', { limit: DIGEST_ITEMS + 1 });
    count +=
      oldest.length > DIGEST_ITEMS
        ? await deps.registrations.countByStatus(meeting.meetingId, 'pending')
        : oldest.length;
    for (const r of oldest.slice(0, DIGEST_ITEMS)) {
      waiting.push({
        meeting: meeting.title,
        name: r.name,
        organisation: r.organisation,
        since: r.statusAt.slice(0, 10),
        statusAt: r.statusAt,
      });
    }
  }
  for (const request of (await deps.governanceWaiting?.()) ?? []) {
    waiting.push({
      meeting: request.kind,
      name: request.summary,
      organisation: request.state,
      since: request.since.slice(0, 10),
      statusAt: request.since,
    });
    count++;
  }
  if (waiting.length === 0) return { job: 'approval-digest', due: 0, queued: 0 };
  waiting.sort((a, b) => compareCodePoints(a.statusAt, b.statusAt));
  const listed = waiting.slice(0, DIGEST_ITEMS);
  return queue(deps, 'approval-digest', [
    {
      messageId: `job.approval-digest.${genevaDay(at)}.${key(deps.secretariatEmail)}`,
      recipient: deps.secretariatEmail,
      language: 'en',
      template: 'approval-digest.to-secretariat',
      data: {
        count,
        items: listed.map(({ statusAt: _s, ...item }) => item),
        more: count - listed.length,
        links: { console: `${deps.publicBaseUrl}/console` },
      },
    },
  ]);
}

const quarterOf = (at: Date) => {
  const month = at.getUTCMonth();
  return { id: `${at.getUTCFullYear()}-Q${Math.floor(month / 3) + 1}`, lastMonth: month % 3 === 2 };
};

/**
 * Annex I §5: the IP lead holds an e-meeting with the secretariat at least once a quarter. In
 * the quarter's last month, if none is recorded, the IP lead and the secretariat are reminded.
 */
export async function ipLeadQuarterly(deps: JobsDeps, at: Date): Promise<JobResult> {
  const quarter = quarterOf(at);
  if (!quarter.lastMonth) return { job: 'ip-lead-quarterly', due: 0, queued: 0 };
  if ((await deps.governance.listIpLeadMeetings()).some((m) => m.quarter === quarter.id))
    return { job: 'ip-lead-quarterly', due: 0, queued: 0 };
  const leads = (await deps.governance.listOffices()).filter(
    (o) => o.role === 'ip-lead' && o.termStart <= at.toISOString() && at.toISOString() < o.termEnd,
  );
  const recipients = [
    ...leads.map((o) => ({ email: o.holderEmail, name: o.holderName })),
    { email: deps.secretariatEmail, name: 'U4SSC secretariat' },
  ];
  return queue(
    deps,
    'ip-lead-quarterly',
    recipients.map((r) => ({
      messageId: `job.ip-lead-quarterly.${quarter.id}.${key(r.email)}`,
      recipient: r.email,
      language: 'en',
      template: 'ip-lead-quarterly.to-officer',
      data: { name: r.name, quarter: quarter.id, ipLead: leads.map((l) => l.holderName).join(', ') || 'not appointed' },
    })),
  );
}

/** ToR §28: 60 and 30 days before a two-year term ends, to the holder and the secretariat. */
export async function termExpiry(deps: JobsDeps, at: Date): Promise<JobResult> {
  const messages: NewOutboxMessage[] = [];
  for (const office of await deps.governance.listOffices()) {
    const end = Date.parse(office.termEnd);
    const due = [60, 30].filter((days) => at.getTime() >= end - days * DAY && at.getTime() < end - days * DAY + DAY);
    for (const days of due) {
      for (const recipient of [
        { email: office.holderEmail, name: office.holderName },
        { email: deps.secretariatEmail, name: 'U4SSC secretariat' },
      ]) {
        messages.push({
          messageId: `job.term-expiry.${office.officeId}.${days}d.${key(recipient.email)}`,
          recipient: recipient.email,
          language: 'en',
          template: 'term-expiry.to-officer',
          data: {
            name: recipient.name,
            holder: office.holderName,
            office: office.title,
            days,
            termEnd: formatDate(new Date(end), 'en-GB', { ...DATE_STYLES.day, timeZone: 'Europe/Zurich' }),
          },
        });
      }
    }
  }
  return queue(deps, 'term-expiry', messages);
}

/** ToR §30: 15 January and 1 March, hubs without a submitted report for the year before (functions/hubs/due.ts). */
export async function hubReportDue(deps: JobsDeps, at: Date): Promise<JobResult> {
  const messages = hubReportReminders(
    at,
    await deps.governance.listHubs(),
    deps.hubReports ? await deps.hubReports.listAllReports() : [],
    deps.secretariatEmail,
  );
  return queue(deps, 'hub-report-due', messages);
}

export const REMINDER_JOBS = {
  'meeting-reminders': meetingReminders,
  'approval-digest': approvalDigest,
  'ip-lead-quarterly': ipLeadQuarterly,
  'term-expiry': termExpiry,
  'hub-report-due': hubReportDue,
} as const;
