/** The jobs function (scheduled jobs: reminders, digests, re-drive, retention, heartbeat; and the job queue's pieces of work). Handlers as assigned in functions/routes.ts. */

import { handler as jobApprovalDigest } from '../handlers/job-approval-digest.ts';
import { handler as jobGovernanceReminders } from '../handlers/job-governance-reminders.ts';
import { handler as jobGovernanceVotes } from '../handlers/job-governance-votes.ts';
import { handler as jobHubReportDue } from '../handlers/job-hub-report-due.ts';
import { handler as jobIpLeadQuarterly } from '../handlers/job-ip-lead-quarterly.ts';
import { handler as jobMeetingReminders } from '../handlers/job-meeting-reminders.ts';
import { handler as jobOutboxRedrive } from '../handlers/job-outbox-redrive.ts';
import { handler as jobRegistrationRetention } from '../handlers/job-registration-retention.ts';
import { handler as jobSchedulerHeartbeat } from '../handlers/job-scheduler-heartbeat.ts';
import { handler as jobScope } from '../handlers/job-scope.ts';
import { handler as jobTermExpiry } from '../handlers/job-term-expiry.ts';
import { jobDispatcher } from './dispatch.ts';

export const handler = jobDispatcher('jobs', {
  'job-scheduler-heartbeat': jobSchedulerHeartbeat,
  'job-outbox-redrive': jobOutboxRedrive,
  'job-registration-retention': jobRegistrationRetention,
  'job-meeting-reminders': jobMeetingReminders,
  'job-approval-digest': jobApprovalDigest,
  'job-ip-lead-quarterly': jobIpLeadQuarterly,
  'job-term-expiry': jobTermExpiry,
  'job-hub-report-due': jobHubReportDue,
  'job-governance-votes': jobGovernanceVotes,
  'job-governance-reminders': jobGovernanceReminders,
  'job-scope': jobScope,
});
