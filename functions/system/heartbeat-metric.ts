/**
 * The scheduler heartbeat as a CloudWatch metric, written as one CloudWatch Embedded Metric
 * Format (EMF) log line. A Lambda function that writes the line to stdout publishes the metric
 * through its own log group: no AWS SDK, no `cloudwatch:PutMetricData` permission. The
 * monitoring construct (infra/constructs/monitoring.ts) alarms when the metric stops arriving.
 *
 * Pure code on purpose: the job decides where the line goes (see `heartbeatMetricLine`).
 */

/** Namespace and name of the heartbeat metric; the alarm reads exactly these. */
export const HEARTBEAT_METRIC = { namespace: 'U4SSC', metricName: 'SchedulerHeartbeat' } as const;

/** The one dimension the heartbeat may carry, so stages sharing an account stay apart. */
export const HEARTBEAT_STAGE_DIMENSION = 'Stage';

/**
 * The dimensions the heartbeat is published with for a stage (none without one). The alarm
 * must ask for the same set: a metric with dimensions is a different metric from one without.
 */
export function heartbeatDimensions(stage?: string): Record<string, string> {
  return stage ? { [HEARTBEAT_STAGE_DIMENSION]: stage } : {};
}

/**
 * One EMF line recording a heartbeat (value 1, unit Count) at `at`.
 *
 * Write it with `process.stdout.write(line + '\n')`, not `console.log`: with the JSON log
 * format the functions use, Lambda wraps `console.*` output in its own JSON object and
 * CloudWatch Logs no longer sees an EMF document; bytes written to stdout are kept as they are.
 */
export function heartbeatMetricLine(at: Date, stage?: string): string {
  return metricLine(HEARTBEAT_METRIC.metricName, 1, 'Count', at, stage, 'heartbeatMetricLine');
}

/**
 * The age in minutes of the oldest email still queued, published by each outbox re-drive; an
 * alarm goes off when it passes 15 minutes (an SES outage, a stuck sender).
 */
export const EMAIL_WAIT_METRIC = {
  namespace: HEARTBEAT_METRIC.namespace,
  metricName: 'OldestQueuedEmailMinutes',
} as const;

/** One EMF line recording the oldest queued email's age at `at`. */
export function emailWaitMetricLine(minutes: number, at: Date, stage?: string): string {
  return metricLine(EMAIL_WAIT_METRIC.metricName, minutes, 'None', at, stage, 'emailWaitMetricLine');
}

function metricLine(name: string, value: number, unit: string, at: Date, stage: string | undefined, caller: string) {
  const timestamp = at.getTime();
  if (Number.isNaN(timestamp)) throw new RangeError(`${caller}: \`at\` is not a valid date`);
  const dimensions = heartbeatDimensions(stage);
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: HEARTBEAT_METRIC.namespace,
          // One dimension set: [] publishes the metric without dimensions.
          Dimensions: [Object.keys(dimensions)],
          Metrics: [{ Name: name, Unit: unit }],
        },
      ],
    },
    ...dimensions,
    [name]: value,
  });
}

/** Publishes the oldest queued email's age from a Lambda function; elsewhere nothing. */
export function publishEmailWaitMetric(minutes: number, at: Date, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env.AWS_LAMBDA_FUNCTION_NAME) return false;
  process.stdout.write(`${emailWaitMetricLine(minutes, at, env.STAGE)}\n`);
  return true;
}

/**
 * Publishes the heartbeat metric from a Lambda function (`STAGE` names the stage); elsewhere,
 * where no one reads EMF lines, it writes nothing.
 */
export function publishHeartbeatMetric(at: Date, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env.AWS_LAMBDA_FUNCTION_NAME) return false;
  process.stdout.write(`${heartbeatMetricLine(at, env.STAGE)}\n`);
  return true;
}
