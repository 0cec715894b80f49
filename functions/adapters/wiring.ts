import { ENV, optionalEnv } from '../config.ts';
import type { MeetingsDeps } from '../meetings/index.ts';
import type { PartnerRepository } from '../partners/index.ts';
import type { PersonRepository } from '../people/index.ts';
import type { HealthDeps } from '../system/health.ts';
import type { JobRunRepository } from '../system/jobs.ts';
import { jobRunRepository } from './dynamodb/job-runs.ts';
import { meetingRepository } from './dynamodb/meetings.ts';
import { partnerRepository } from './dynamodb/partners.ts';
import { personRepository } from './dynamodb/people.ts';
import { probeTable } from './dynamodb/probe.ts';
import { store } from './dynamodb/store.ts';
import { probeDocumentsBucket } from './s3.ts';
import { probeSes } from './ses.ts';

/**
 * Builds the domain's dependencies from the adapters, once per container. Handlers take
 * what they need from here; domain code never sees an AWS type.
 */
export const now = () => new Date();

let cached: ReturnType<typeof build> | undefined;

function build() {
  const s = store();
  const meetings = meetingRepository(s);
  const partners: PartnerRepository = partnerRepository(s);
  const people: PersonRepository = personRepository(s);
  const jobRuns: JobRunRepository = jobRunRepository(s);
  const versions = JSON.parse(optionalEnv(ENV.engineVersions, '{}')) as Record<string, string>;
  const health: HealthDeps = {
    engines: [
      { name: 'dynamodb', version: versions.dynamodb ?? 'DynamoDB', probe: probeTable },
      { name: 's3', version: versions.s3 ?? 'S3', probe: probeDocumentsBucket },
      { name: 'ses', version: versions.ses ?? 'SES', probe: probeSes },
    ],
    jobRuns,
    now,
  };
  const meetingsDeps: MeetingsDeps = { meetings, now };
  return { meetings: meetingsDeps, partners: { partners }, people: { people }, jobs: { jobRuns, now }, health };
}

export function deps() {
  cached ??= build();
  return cached;
}
