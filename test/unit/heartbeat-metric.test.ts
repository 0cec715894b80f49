/** The scheduler heartbeat's CloudWatch Embedded Metric Format line. */
import { describe, expect, it } from 'vitest';
import {
  EMAIL_WAIT_METRIC,
  emailWaitMetricLine,
  HEARTBEAT_METRIC,
  HEARTBEAT_STAGE_DIMENSION,
  heartbeatDimensions,
  heartbeatMetricLine,
} from '../../functions/system/heartbeat-metric.ts';

const AT = new Date('2026-03-02T08:05:00.000Z');

describe('heartbeatMetricLine', () => {
  it('is one line of JSON', () => {
    const line = heartbeatMetricLine(AT, 'prod');
    expect(line).not.toContain('\n');
    expect(() => JSON.parse(line)).not.toThrow();
  });

  it('records the value 1 (Count) in the U4SSC namespace with the stage as dimension', () => {
    expect(JSON.parse(heartbeatMetricLine(AT, 'prod'))).toEqual({
      _aws: {
        Timestamp: AT.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'U4SSC',
            Dimensions: [['Stage']],
            Metrics: [{ Name: 'SchedulerHeartbeat', Unit: 'Count' }],
          },
        ],
      },
      Stage: 'prod',
      SchedulerHeartbeat: 1,
    });
  });

  it('publishes without dimensions when no stage is given', () => {
    const document = JSON.parse(heartbeatMetricLine(AT));
    expect(document._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: HEARTBEAT_METRIC.namespace,
        Dimensions: [[]],
        Metrics: [{ Name: HEARTBEAT_METRIC.metricName, Unit: 'Count' }],
      },
    ]);
    expect(document).not.toHaveProperty(HEARTBEAT_STAGE_DIMENSION);
    expect(document[HEARTBEAT_METRIC.metricName]).toBe(1);
  });

  it('follows the EMF rules: timestamp in epoch milliseconds, every dimension and metric a root member', () => {
    const document = JSON.parse(heartbeatMetricLine(AT, 'dev'));
    expect(Number.isInteger(document._aws.Timestamp)).toBe(true);
    for (const directive of document._aws.CloudWatchMetrics) {
      for (const dimensionSet of directive.Dimensions) {
        for (const dimension of dimensionSet) expect(typeof document[dimension]).toBe('string');
      }
      for (const { Name } of directive.Metrics) expect(typeof document[Name]).toBe('number');
    }
  });

  it('names the dimensions the alarm must ask for', () => {
    expect(heartbeatDimensions('prod')).toEqual({ Stage: 'prod' });
    expect(heartbeatDimensions()).toEqual({});
    const document = JSON.parse(heartbeatMetricLine(AT, 'prod'));
    expect(document._aws.CloudWatchMetrics[0].Dimensions).toEqual([Object.keys(heartbeatDimensions('prod'))]);
  });

  it('refuses an invalid date rather than write a metric CloudWatch would drop', () => {
    expect(() => heartbeatMetricLine(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('emailWaitMetricLine', () => {
  it('records the oldest queued email’s age in minutes, with the stage as dimension', () => {
    expect(JSON.parse(emailWaitMetricLine(42, AT, 'prod'))).toEqual({
      _aws: {
        Timestamp: AT.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'U4SSC',
            Dimensions: [['Stage']],
            Metrics: [{ Name: EMAIL_WAIT_METRIC.metricName, Unit: 'None' }],
          },
        ],
      },
      Stage: 'prod',
      OldestQueuedEmailMinutes: 42,
    });
  });
});
