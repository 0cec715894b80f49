import { ENV, optionalEnv } from '../../config.ts';
import type { HealthDeps } from '../../system/health.ts';
import { jobRunRepository } from '../dynamodb/job-runs.ts';
import { probeTable } from '../dynamodb/probe.ts';
import { store } from '../dynamodb/store.ts';
import { probeDocumentsBucket, probeSes } from '../probes.ts';
import { now, once } from './core.ts';

/** The health page: a probe per engine (the S3 and SES clients only here) and the scheduler's heartbeat. */
export const healthDeps = /* @__PURE__ */ once((): HealthDeps => {
  const versions = JSON.parse(optionalEnv(ENV.engineVersions, '{}')) as Record<string, string>;
  return {
    engines: [
      { name: 'dynamodb', version: versions.dynamodb ?? 'DynamoDB', probe: probeTable },
      { name: 's3', version: versions.s3 ?? 'S3', probe: probeDocumentsBucket },
      { name: 'ses', version: versions.ses ?? 'SES', probe: probeSes },
    ],
    jobRuns: jobRunRepository(store()),
    now,
  };
});
