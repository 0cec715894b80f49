/**
 * Minimal governance records the scheduled reminders need (their forms and approvals are not built yet):
 * offices with two-year terms (ToR §28, Annex I §3), the IP lead's quarterly e-meetings
 * (Annex I §5), and hubs with their yearly report (ToR §30).
 */
export const OFFICE_ROLES = ['chair', 'vice-chair', 'leader', 'ip-lead'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

export interface Office {
  officeId: string;
  role: OfficeRole;
  /** e.g. "Thematic group on city KPIs" for a leader. */
  title: string;
  holderName: string;
  holderEmail: string;
  termStart: string;
  termEnd: string;
}

export interface IpLeadMeeting {
  /** e.g. "2026-Q4" */
  quarter: string;
  heldOn: string;
}

export interface Hub {
  hubId: string;
  name: string;
  contactName: string;
  contactEmail: string;
  active: boolean;
  /** The last year whose annual report was received. */
  lastReportYear?: number | undefined;
  /** Other people who record the hub's year (besides its contact), by email. */
  memberEmails?: string[] | undefined;
  /** The one partner the hub works with (ToR §30), told when its report is published. */
  partnerName?: string | undefined;
  partnerEmail?: string | undefined;
  /** Where the hub is, for its report. */
  city?: string | undefined;
  country?: string | undefined;
}

export interface GovernanceStore {
  listOffices(): Promise<Office[]>;
  listIpLeadMeetings(): Promise<IpLeadMeeting[]>;
  listHubs(): Promise<Hub[]>;
}
