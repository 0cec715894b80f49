/**
 * Configuration comes from the environment: the CDK stack sets it in AWS, the local runtime
 * (infra/local) sets it on one machine. A value is read once, on first use, and a missing
 * one fails at once with the variable's name.
 */
const cache = new Map<string, string>();

export function requireEnv(name: string): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing configuration: environment variable ${name} is not set`);
  }
  cache.set(name, value);
  return value;
}

export function optionalEnv(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? fallback : value;
}

/** Names of the variables, shared by the stack, the local runtime and the code that reads them. */
export const ENV = {
  tableName: 'TABLE_NAME',
  documentsBucket: 'DOCUMENTS_BUCKET',
  engineVersions: 'ENGINE_VERSIONS',
  templatesDir: 'TEMPLATES_DIR',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  emailQueueUrl: 'EMAIL_QUEUE_URL',
  /** The queue of a job's pieces of work (one meeting's reminders), consumed by the jobs function. */
  jobQueueUrl: 'JOB_QUEUE_URL',
  /** The no-reply address of the configured mail domain. */
  mailFrom: 'MAIL_FROM',
  /** Reply-To of every message, and the contact shown to users. */
  secretariatEmail: 'SECRETARIAT_EMAIL',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  rateLimitPerMinute: 'RATE_LIMIT_PER_MINUTE',
  /** Emails per second a sender container sends at most. */
  mailRatePerSecond: 'MAIL_RATE_PER_SECOND',
  /** How long a claimed email is held before another sender may take it over. */
  mailLeaseSeconds: 'MAIL_LEASE_SECONDS',
  /** How long an email that fails on the way (SES unreachable, throttled) is retried. */
  mailRetryHours: 'MAIL_RETRY_HOURS',
  /** Registrations per page of a paged job (default 1,000; smaller in tests that stop a job mid-way). */
  jobPageSize: 'JOB_PAGE_SIZE',
  /**
   * Approved registrants above which `meeting-reminders` hands a meeting to the job queue instead
   * of reminding it in its own run (default 20,000; also the most it reminds itself per run).
   */
  remindersFanOutAt: 'REMINDERS_FAN_OUT_AT',
} as const;
