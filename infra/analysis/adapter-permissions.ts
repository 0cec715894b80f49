/**
 * Every adapter's IAM declaration (functions/adapters/permissions.ts), by module path. The stack
 * looks up the modules a function's bundle carries here; a unit test checks that every adapter
 * module declaring PERMISSIONS is listed under its own path.
 */
import { PERMISSIONS as circulars } from '../../functions/adapters/dynamodb/circulars.ts';
import { PERMISSIONS as dashboard } from '../../functions/adapters/dynamodb/dashboard.ts';
import { PERMISSIONS as governance } from '../../functions/adapters/dynamodb/governance.ts';
import { PERMISSIONS as governanceInbox } from '../../functions/adapters/dynamodb/governance-inbox.ts';
import { PERMISSIONS as governanceRequests } from '../../functions/adapters/dynamodb/governance-requests.ts';
import { PERMISSIONS as hubRecords } from '../../functions/adapters/dynamodb/hub-records.ts';
import { PERMISSIONS as jobRuns } from '../../functions/adapters/dynamodb/job-runs.ts';
import { PERMISSIONS as mailEvents } from '../../functions/adapters/dynamodb/mail-events.ts';
import { PERMISSIONS as meetingReader } from '../../functions/adapters/dynamodb/meeting-reader.ts';
import { PERMISSIONS as meetings } from '../../functions/adapters/dynamodb/meetings.ts';
import { PERMISSIONS as outbox } from '../../functions/adapters/dynamodb/outbox.ts';
import { PERMISSIONS as partners } from '../../functions/adapters/dynamodb/partners.ts';
import { PERMISSIONS as people } from '../../functions/adapters/dynamodb/people.ts';
import { PERMISSIONS as tableProbe } from '../../functions/adapters/dynamodb/probe.ts';
import { PERMISSIONS as rateLimit } from '../../functions/adapters/dynamodb/rate-limit.ts';
import { PERMISSIONS as registrations } from '../../functions/adapters/dynamodb/registrations.ts';
import { PERMISSIONS as sessionCheck } from '../../functions/adapters/dynamodb/session-check.ts';
import { PERMISSIONS as sessionRevoke } from '../../functions/adapters/dynamodb/session-revoke.ts';
import { PERMISSIONS as thematicGroups } from '../../functions/adapters/dynamodb/thematic-groups.ts';
import { PERMISSIONS as jobQueue } from '../../functions/adapters/job-queue.ts';
import { PERMISSIONS as mailQueue } from '../../functions/adapters/mail-queue.ts';
import type { Permission } from '../../functions/adapters/permissions.ts';
import { PERMISSIONS as probes } from '../../functions/adapters/probes.ts';
import { PERMISSIONS as documents } from '../../functions/adapters/s3.ts';
import { PERMISSIONS as documentReader } from '../../functions/adapters/s3-reader.ts';
import { PERMISSIONS as ses } from '../../functions/adapters/ses.ts';

export const ADAPTER_PERMISSIONS: ReadonlyMap<string, readonly Permission[]> = new Map([
  ['functions/adapters/dynamodb/circulars.ts', circulars],
  ['functions/adapters/dynamodb/dashboard.ts', dashboard],
  ['functions/adapters/dynamodb/governance.ts', governance],
  ['functions/adapters/dynamodb/hub-records.ts', hubRecords],
  ['functions/adapters/dynamodb/governance-requests.ts', governanceRequests],
  ['functions/adapters/dynamodb/governance-inbox.ts', governanceInbox],
  ['functions/adapters/dynamodb/thematic-groups.ts', thematicGroups],
  ['functions/adapters/dynamodb/job-runs.ts', jobRuns],
  ['functions/adapters/dynamodb/mail-events.ts', mailEvents],
  ['functions/adapters/dynamodb/meeting-reader.ts', meetingReader],
  ['functions/adapters/dynamodb/meetings.ts', meetings],
  ['functions/adapters/dynamodb/outbox.ts', outbox],
  ['functions/adapters/dynamodb/partners.ts', partners],
  ['functions/adapters/dynamodb/people.ts', people],
  ['functions/adapters/dynamodb/probe.ts', tableProbe],
  ['functions/adapters/dynamodb/rate-limit.ts', rateLimit],
  ['functions/adapters/dynamodb/registrations.ts', registrations],
  ['functions/adapters/dynamodb/session-check.ts', sessionCheck],
  ['functions/adapters/dynamodb/session-revoke.ts', sessionRevoke],
  ['functions/adapters/job-queue.ts', jobQueue],
  ['functions/adapters/mail-queue.ts', mailQueue],
  ['functions/adapters/probes.ts', probes],
  ['functions/adapters/s3.ts', documents],
  ['functions/adapters/s3-reader.ts', documentReader],
  ['functions/adapters/ses.ts', ses],
]);
