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
 * The domain's dependencies, built from the adapters once per container. One function per
 * capability, so a handler's bundle carries only the adapters it uses (the health probes'
 * S3 and SES clients, for instance, only in the health handler).
 */
export const now = () => new Date();

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

export const meetingsDeps = /* @__PURE__ */ once((): MeetingsDeps => ({ meetings: meetingRepository(store()), now }));

export const partnersDeps = /* @__PURE__ */ once((): { partners: PartnerRepository } => ({
  partners: partnerRepository(store()),
}));

export const peopleDeps = /* @__PURE__ */ once((): { people: PersonRepository } => ({
  people: personRepository(store()),
}));

export const jobsDeps = /* @__PURE__ */ once((): { jobRuns: JobRunRepository; now: () => Date } => ({
  jobRuns: jobRunRepository(store()),
  now,
}));

export const healthDeps = /* @__PURE__ */ once((): HealthDeps => {
  const versions = JSON.parse(optionalEnv(ENV.engineVersions, '{}')) as Record<string, string>;
  return {
    engines: [
      { name: 'dynamodb', version: versions.dynamodb ?? 'DynamoDB', probe: probeTable },
      { name: 's3', version: versions.s3 ?? 'S3', probe: probeDocumentsBucket },
      { name: 'ses', version: versions.ses ?? 'SES', probe: probeSes },
    ],
    jobRuns: jobsDeps().jobRuns,
    now,
  };
});
