/**
 * Operational monitoring for one stage of the platform: CloudWatch alarms that notify the
 * operator through one encrypted SNS topic, and one dashboard.
 *
 * Plain CloudWatch alarms rather than the `cdk-monitoring-constructs` library: the platform
 * needs a short, fixed list of alarms (dead letters, function errors and throttles, API 5xx and
 * latency, SES reputation, scheduler heartbeat), each written out here with its threshold,
 * period and missing-data rule in a few lines that anyone reading CloudFormation can match up.
 * The library would add a dependency (and its release cadence against aws-cdk-lib) and, through
 * its facades, more resources and defaults than asked for (extra alarms and widgets per
 * function, its own topic handling), which would then have to be switched off one by one and
 * acknowledged in cdk-nag. Two alarms per function, one per dead-letter queue and five more is
 * small enough to keep in one readable file.
 *
 * What each alarm means and how `treatMissingData` was chosen is said where it is made. The
 * thresholds are exported (`ALARM_THRESHOLDS`) so tests and the README quote the same numbers.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The numbers the alarms compare against; the README and the tests quote these. */
export const ALARM_THRESHOLDS = {
  /**
   * SES account bounce rate (fraction of 1). AWS asks senders to stay below 2 %, puts an
   * account under review at 5 % and may pause sending at 10 %: this warns well before review.
   */
  sesBounceRate: 0.02,
  /**
   * SES account complaint rate (fraction of 1). Review starts at 0.1 %, a pause may follow at
   * 0.5 %: this warns at half the review level.
   */
  sesComplaintRate: 0.0005,
  /** API p99 latency in milliseconds, sustained over `apiLatencyPeriods` five-minute periods. */
  apiP99Ms: 3000,
  /** Consecutive five-minute periods the p99 latency must exceed `apiP99Ms`. */
  apiLatencyPeriods: 3,
  /** Minutes without any heartbeat after which the scheduler counts as stalled. */
  heartbeatMinutes: 15,
  /** Minutes the oldest queued email may wait (SES outage, stuck sender) before the alarm. */
  emailWaitMinutes: 15,
} as const;

/** The period of every alarm except SES reputation. */
const PERIOD = Duration.minutes(5);
/**
 * SES recomputes reputation rates over a representative volume of mail, not per period, and
 * publishes them now and then; the alarm looks at the latest value in each quarter hour.
 */
const SES_REPUTATION_PERIOD = Duration.minutes(15);
/** API Gateway HTTP APIs publish their metrics per stage; the platform has only `$default`. */
const API_STAGE = '$default';

export interface MonitoredFunction {
  /** Short name used in alarm names and graph legends, e.g. the handler name. */
  readonly name: string;
  readonly fn: lambda.IFunction;
}

export interface MonitoredQueue {
  /** Short name used in alarm names and graph legends. */
  readonly name: string;
  /** A dead-letter queue: anything in it is a message the platform gave up on. */
  readonly queue: sqs.IQueue;
}

export interface HeartbeatMetric {
  readonly namespace: string;
  readonly metricName: string;
  /**
   * Dimensions the heartbeat is published with; must be exactly the set the job writes
   * (functions/system/heartbeat-metric.ts `heartbeatDimensions`).
   * @default - none
   */
  readonly dimensions?: Record<string, string>;
}

export interface MonitoringProps {
  /** Stage name (e.g. `dev`, `prod`): part of the alarm names and the dashboard name. */
  readonly stage: string;
  /** The functions to watch for errors and throttles. */
  readonly functions: readonly MonitoredFunction[];
  /** Dead-letter queues; one message in any of them raises its alarm. */
  readonly deadLetterQueues: readonly MonitoredQueue[];
  /** The HTTP API (API Gateway v2), served on its `$default` stage. */
  readonly httpApi: apigwv2.IHttpApi;
  /** The SES configuration set the platform sends with; named on the dashboard. */
  readonly configurationSetName: string;
  /**
   * Address subscribed to the alarm topic (SNS sends it a confirmation link first).
   * @default - no subscription; subscribe later in the console or with another construct
   */
  readonly alarmEmail?: string;
  /** The custom metric the scheduler-heartbeat job emits every five minutes. */
  readonly heartbeat: HeartbeatMetric;
  /**
   * The oldest queued email's age in minutes, emitted by each outbox re-drive.
   * @default - no alarm on waiting email
   */
  readonly emailWait?: HeartbeatMetric;
}

/**
 * Alarms with one SNS topic as their ALARM and OK action, and a dashboard, for one stage.
 *
 * Resources: one KMS key, one topic with its policy, the email subscription when an address
 * is given, one dashboard, and 2 × functions + dead-letter queues + 5 alarms.
 */
export class Monitoring extends Construct {
  /** The topic every alarm notifies, encrypted with a key CloudWatch may use. */
  readonly alarmTopic: sns.Topic;
  /** Every alarm made here, in the order they were made. */
  readonly alarms: readonly cloudwatch.Alarm[];
  readonly dashboard: cloudwatch.Dashboard;

  private readonly alarmList: cloudwatch.Alarm[] = [];
  private readonly action: SnsAction;
  private readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(props.stage)) {
      throw new Error(`Monitoring: stage "${props.stage}" must be 1–32 letters, digits, "-" or "_"`);
    }
    this.namePrefix = `U4SSC-${props.stage}`;
    this.alarms = this.alarmList;

    // --- Alarm topic ------------------------------------------------------------------------

    // A customer-managed key: the AWS-managed SNS key (alias/aws/sns) cannot be granted to
    // CloudWatch, and alarms publishing to a topic under that key fail silently (the failure
    // shows only in the alarm history).
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `${this.namePrefix}: encrypts the alarm notification topic`,
      enableKeyRotation: true,
      // The key protects notifications in flight only; nothing stored depends on it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublishEncrypted',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${this.namePrefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    // `enforceSSL` gives the topic a policy of its own, which replaces SNS's default one; without
    // an explicit allow, CloudWatch is refused ("no resource-based policy allows SNS:Publish").
    const { account, region, partition } = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.alarmTopic);

    // --- Dead letters -----------------------------------------------------------------------

    // SQS stops publishing metrics for a queue that has been idle for hours, which an empty
    // dead-letter queue is: missing data means "nothing arrived", i.e. not breaching. The alarm
    // stays in ALARM until the queue is drained (redriven or purged), then sends OK.
    const dlqDepth = props.deadLetterQueues.map(({ name, queue }) => ({
      name,
      metric: queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: PERIOD }),
    }));
    for (const { name, metric } of dlqDepth) {
      this.alarm(`DeadLetters-${name}`, {
        metric,
        description: `Messages are waiting in the dead-letter queue "${name}": they failed every retry and will not be processed until someone redrives them.`,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: 0,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // --- Functions --------------------------------------------------------------------------

    // Exactly two alarms per function. Lambda publishes nothing for a function that was not
    // invoked, and no invocation means no error: missing data is not breaching.
    // Note: HTTP handlers turn unexpected exceptions into 500 responses, which Lambda counts as
    // successes; those are caught by the API 5xx alarm below. Errors here are crashes,
    // timeouts and failures of jobs and queue consumers.
    const functionMetrics = props.functions.map(({ name, fn }) => ({
      name,
      errors: fn.metricErrors({ statistic: 'Sum', period: PERIOD }),
      throttles: fn.metricThrottles({ statistic: 'Sum', period: PERIOD }),
      duration: fn.metricDuration({ statistic: 'p99', period: PERIOD }),
    }));
    for (const { name, errors, throttles } of functionMetrics) {
      this.alarm(`Errors-${name}`, {
        metric: errors,
        description: `The function "${name}" failed (uncaught error, crash or timeout) at least once in 5 minutes. See its log group.`,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: 0,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.alarm(`Throttles-${name}`, {
        metric: throttles,
        description: `Invocations of the function "${name}" were throttled in the last 5 minutes (account or reserved concurrency reached).`,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: 0,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // --- API --------------------------------------------------------------------------------

    const apiMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApi.apiId, Stage: API_STAGE },
        statistic,
        period: PERIOD,
      });
    const api5xx = apiMetric('5xx', 'Sum');
    const apiP99 = apiMetric('Latency', 'p99');

    // Any 5xx in one 5-minute period. The platform has little traffic: a route that fails every
    // time but is used a few times an hour would never fill two consecutive periods, so
    // requiring two datapoints would hide exactly the failures a delegate runs into. And this is
    // the only alarm that sees handler exceptions (they become 500 responses, not Lambda
    // errors). No requests, no datapoint: not breaching.
    this.alarm('Api5xx', {
      metric: api5xx,
      description:
        'The HTTP API answered with a 5xx status at least once in 5 minutes (handler error, integration failure or timeout). The request id is in the API access log and the function log.',
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: 0,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Sustained slowness only: three consecutive periods, so one cold start or one large PDF
    // does not notify. `evaluate` even with few requests: CloudWatch's `ignore` would skip any
    // period with fewer than 1,000 requests for a p99, i.e. nearly all of them here.
    this.alarm('ApiLatencyP99', {
      metric: apiP99,
      description: `The HTTP API's p99 latency stayed above ${ALARM_THRESHOLDS.apiP99Ms} ms for ${ALARM_THRESHOLDS.apiLatencyPeriods * 5} minutes.`,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      threshold: ALARM_THRESHOLDS.apiP99Ms,
      evaluationPeriods: ALARM_THRESHOLDS.apiLatencyPeriods,
      datapointsToAlarm: ALARM_THRESHOLDS.apiLatencyPeriods,
      evaluateLowSampleCountPercentile: 'evaluate',
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // --- SES reputation ---------------------------------------------------------------------

    // The account-level rates in AWS/SES, without dimensions: SES reviews and pauses the
    // account on these, and they are the metrics the SES guide documents for alarms. The
    // configuration set has reputation metrics switched on as well, but the guide names no
    // CloudWatch dimension for them, and an alarm on a guessed dimension would wait for data
    // forever; the account rates are what SES judges in any case.
    // A rate is a level that SES republishes now and then, not a count per period: a period
    // without a datapoint says nothing about the rate, so the alarm keeps its state (ignore).
    const sesMetric = (metricName: string, statistic: string, period = PERIOD) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic, period });
    const bounceRate = sesMetric('Reputation.BounceRate', 'Maximum', SES_REPUTATION_PERIOD);
    const complaintRate = sesMetric('Reputation.ComplaintRate', 'Maximum', SES_REPUTATION_PERIOD);
    this.alarm('SesBounceRate', {
      metric: bounceRate,
      description: `The SES account bounce rate reached ${ALARM_THRESHOLDS.sesBounceRate * 100} % (review at 5 %, pause possible at 10 %). Look at recent hard bounces and the suppression list.`,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: ALARM_THRESHOLDS.sesBounceRate,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    this.alarm('SesComplaintRate', {
      metric: complaintRate,
      description: `The SES account complaint rate reached ${ALARM_THRESHOLDS.sesComplaintRate * 100} % (review at 0.1 %, pause possible at 0.5 %). Find which mail recipients marked as spam.`,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      threshold: ALARM_THRESHOLDS.sesComplaintRate,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });

    // --- Scheduler heartbeat ----------------------------------------------------------------

    // The heartbeat job emits 1 every five minutes. A metric written through log lines has no
    // datapoint at all when nothing is written, so missing data is exactly the failure being
    // watched: breaching. All periods in the window must be empty (or zero) to alarm.
    const heartbeatPeriods = ALARM_THRESHOLDS.heartbeatMinutes / PERIOD.toMinutes();
    const heartbeat = new cloudwatch.Metric({
      namespace: props.heartbeat.namespace,
      metricName: props.heartbeat.metricName,
      dimensionsMap: props.heartbeat.dimensions,
      statistic: 'Sum',
      period: PERIOD,
    });
    this.alarm('SchedulerHeartbeat', {
      metric: heartbeat,
      description: `No scheduler heartbeat in ${ALARM_THRESHOLDS.heartbeatMinutes} minutes: the scheduled jobs are probably not running. Check EventBridge Scheduler and the job functions.`,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      threshold: 1,
      evaluationPeriods: heartbeatPeriods,
      datapointsToAlarm: heartbeatPeriods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    // --- Waiting email ---------------------------------------------------------------------

    // The outbox re-drive reports, every five minutes, how long the oldest queued email has
    // waited. Email waits while SES fails (it is retried for a day) or a sender is stuck: the
    // operator hears of it after 15 minutes, not when the retry window ends. No datapoint means
    // the re-drive did not run, which the heartbeat alarm covers: not breaching here.
    const emailWait = props.emailWait
      ? new cloudwatch.Metric({
          namespace: props.emailWait.namespace,
          metricName: props.emailWait.metricName,
          dimensionsMap: props.emailWait.dimensions,
          statistic: 'Maximum',
          period: PERIOD,
        })
      : undefined;
    if (emailWait) {
      this.alarm('EmailWaiting', {
        metric: emailWait,
        description: `An email has waited in the outbox for more than ${ALARM_THRESHOLDS.emailWaitMinutes} minutes: SES is failing or refusing, or the sender is stuck. The console's email log shows what waits and why; transient failures are retried for MAIL_RETRY_HOURS.`,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        threshold: ALARM_THRESHOLDS.emailWaitMinutes,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }

    // --- Dashboard --------------------------------------------------------------------------

    // Labels go on the graphed copies only: a labelled metric makes CDK write the alarm as a
    // metric-math query instead of a plain metric.
    const labelled = (metric: cloudwatch.Metric, label: string) => metric.with({ label });
    const graph = (title: string, left: cloudwatch.IMetric[], more: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, ...more });
    const line = (value: number, label: string): cloudwatch.HorizontalAnnotation => ({ value, label });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${this.namePrefix}-operations`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: [
          `# U4SSC ${props.stage}: operations`,
          `Alarms notify the SNS topic \`${this.namePrefix} alarms\`. Mail is sent through the SES configuration set \`${props.configurationSetName}\`; the SES graphs show account-level numbers.`,
        ].join('\n\n'),
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: this.alarmList,
        sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        width: 24,
        height: Math.min(12, 2 + Math.ceil(this.alarmList.length / 4)),
      }),
    );
    this.dashboard.addWidgets(
      graph('API requests', [labelled(apiMetric('Count', 'Sum'), 'Requests')], {
        right: [labelled(apiMetric('4xx', 'Sum'), '4xx'), labelled(api5xx, '5xx')],
        width: 12,
      }),
      graph('API p99 latency (ms)', [labelled(apiP99, 'p99')], {
        leftAnnotations: [line(ALARM_THRESHOLDS.apiP99Ms, 'alarm')],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      graph(
        'Function errors',
        functionMetrics.map((m) => labelled(m.errors, m.name)),
      ),
      graph(
        'Function throttles',
        functionMetrics.map((m) => labelled(m.throttles, m.name)),
      ),
      graph(
        'Function duration p99 (ms)',
        functionMetrics.map((m) => labelled(m.duration, m.name)),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Dead-letter queue depth',
        dlqDepth.map((q) => labelled(q.metric, q.name)),
      ),
      graph('SES sends, bounces, complaints', [labelled(sesMetric('Send', 'Sum'), 'Sends')], {
        right: [labelled(sesMetric('Bounce', 'Sum'), 'Bounces'), labelled(sesMetric('Complaint', 'Sum'), 'Complaints')],
      }),
      graph('SES reputation rates', [labelled(bounceRate, 'Bounce rate'), labelled(complaintRate, 'Complaint rate')], {
        leftAnnotations: [
          line(ALARM_THRESHOLDS.sesBounceRate, 'bounce alarm'),
          line(ALARM_THRESHOLDS.sesComplaintRate, 'complaint alarm'),
        ],
      }),
    );
    this.dashboard.addWidgets(
      graph('Scheduler heartbeat', [labelled(heartbeat, 'Heartbeats')], {
        leftAnnotations: [line(1, 'alarm below')],
        width: emailWait ? 12 : 24,
      }),
      ...(emailWait
        ? [
            graph('Oldest queued email (minutes)', [labelled(emailWait, 'Oldest')], {
              leftAnnotations: [line(ALARM_THRESHOLDS.emailWaitMinutes, 'alarm')],
              width: 12,
            }),
          ]
        : []),
    );
  }

  /** Makes an alarm named after the stage that notifies the topic on ALARM and on OK. */
  private alarm(
    id: string,
    props: Omit<cloudwatch.AlarmProps, 'alarmName' | 'alarmDescription' | 'actionsEnabled'> & {
      description: string;
    },
  ): cloudwatch.Alarm {
    const { description, ...alarmProps } = props;
    const alarm = new cloudwatch.Alarm(this, id, {
      ...alarmProps,
      alarmName: `${this.namePrefix}-${id}`,
      alarmDescription: description,
      actionsEnabled: true,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarmList.push(alarm);
    return alarm;
  }
}
