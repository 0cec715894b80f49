import type { Meeting } from '../meetings/meeting.ts';

/**
 * The console's first page: what needs the secretariat today. Each meeting not yet ended with
 * its seats used, the registrations waiting for a decision and the waiting list; the circulars
 * in draft, issued and being distributed; the emails that failed in the last seven days. Each
 * number is a count read through an index (never a scan), and each links to its list.
 */
export interface DashboardStore {
  /** How many registrations of a meeting are in a status. */
  countRegistrations(meetingId: string, status: 'pending' | 'waitlisted'): Promise<number>;
  /** Every circular's status, and whether its distribution was started. */
  circularStates(): Promise<{ circularId: string; status: string; distributed: boolean }[]>;
  /** The circulars that still have emails waiting to be sent. */
  circularsWithQueuedEmails(): Promise<Set<string>>;
  /** Emails given up on (failed) since a time (ISO 8601). */
  countFailedEmailsSince(since: string): Promise<number>;
}

export interface DashboardDeps {
  listMeetings(): Promise<Meeting[]>;
  store: DashboardStore;
  now: () => Date;
}

export interface MeetingFigures {
  meeting: Meeting;
  seatsTaken: number;
  capacity: number | undefined;
  pending: number;
  waitlisted: number;
}

export interface Dashboard {
  /** Meetings not yet ended, soonest first, with their figures. */
  meetings: MeetingFigures[];
  /** Ended meetings, latest first. */
  pastMeetings: Meeting[];
  circulars: { draft: number; issued: number; distributing: number };
  failedEmails: { count: number; since: string; days: number };
}

export const FAILED_EMAIL_DAYS = 7;

export async function consoleDashboard(deps: DashboardDeps): Promise<Dashboard> {
  const now = deps.now();
  const since = new Date(now.getTime() - FAILED_EMAIL_DAYS * 86_400_000).toISOString();
  const [meetings, circulars, queued, failed] = await Promise.all([
    deps.listMeetings(),
    deps.store.circularStates(),
    deps.store.circularsWithQueuedEmails(),
    deps.store.countFailedEmailsSince(since),
  ]);
  const current = meetings.filter((m) => m.endsAt >= now.toISOString());
  const figures = await Promise.all(
    current.map(async (meeting) => {
      const [pending, waitlisted] = await Promise.all([
        deps.store.countRegistrations(meeting.meetingId, 'pending'),
        deps.store.countRegistrations(meeting.meetingId, 'waitlisted'),
      ]);
      return { meeting, seatsTaken: meeting.seatsTaken, capacity: meeting.capacity, pending, waitlisted };
    }),
  );
  const distributing = circulars.filter((c) => c.status === 'issued' && queued.has(c.circularId)).length;
  return {
    meetings: figures,
    pastMeetings: meetings.filter((m) => m.endsAt < now.toISOString()).reverse(),
    circulars: {
      draft: circulars.filter((c) => c.status === 'draft').length,
      issued: circulars.filter((c) => c.status === 'issued').length,
      distributing,
    },
    failedEmails: { count: failed, since, days: FAILED_EMAIL_DAYS },
  };
}

export const CIRCULAR_STATES = ['draft', 'issued', 'distributing'] as const;
export type CircularState = (typeof CIRCULAR_STATES)[number];

/** Whether a circular is in a dashboard state: "distributing" is issued with emails still queued. */
export async function circularStateFilter(
  deps: Pick<DashboardDeps, 'store'>,
  state: CircularState,
): Promise<(c: { circularId: string; status: string }) => boolean> {
  if (state !== 'distributing') return (c) => c.status === state;
  const queued = await deps.store.circularsWithQueuedEmails();
  return (c) => c.status === 'issued' && queued.has(c.circularId);
}
