/**
 * The Monitoring construct (infra/constructs/monitoring.ts) in a small stack of its own: two
 * functions, two dead-letter queues and an HTTP API. Checks every alarm's metric, comparison,
 * threshold, periods and missing-data rule, the encrypted topic, the dashboard, and that the
 * construct adds no cdk-nag finding.
 */
import { App, type CfnElement, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_WAIT_METRIC, HEARTBEAT_METRIC, heartbeatDimensions } from '../../functions/system/heartbeat-metric.ts';
import { ALARM_THRESHOLDS, Monitoring } from '../../infra/constructs/monitoring.ts';

const STAGE = 'test';
const FUNCTION_NAMES = ['registrations', 'job-scheduler-heartbeat'] as const;
const QUEUE_NAMES = ['email', 'events'] as const;

interface Fixture {
  app: App;
  stack: Stack;
  monitoring: Monitoring;
  functions: lambda.Function[];
  queues: sqs.Queue[];
  api: apigwv2.HttpApi;
}

/** The small stack: the construct under test and just enough for it to watch. */
function build(options: { alarmEmail?: string } = {}): Fixture {
  const app = new App();
  const stack = new Stack(app, 'MonitoringTest', { env: { account: '111122223333', region: 'eu-central-1' } });
  const functions = FUNCTION_NAMES.map(
    (name) =>
      new lambda.Function(stack, `Fn-${name}`, {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      }),
  );
  const queues = QUEUE_NAMES.map(
    (name) => new sqs.Queue(stack, `Dlq-${name}`, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true }),
  );
  const api = new apigwv2.HttpApi(stack, 'Api');
  const monitoring = new Monitoring(stack, 'Monitoring', {
    stage: STAGE,
    functions: functions.map((fn, i) => ({ name: FUNCTION_NAMES[i] ?? '', fn })),
    deadLetterQueues: queues.map((queue, i) => ({ name: QUEUE_NAMES[i] ?? '', queue })),
    httpApi: api,
    configurationSetName: 'u4ssc-test-mail',
    alarmEmail: options.alarmEmail,
    heartbeat: { ...HEARTBEAT_METRIC, dimensions: heartbeatDimensions(STAGE) },
    emailWait: { ...EMAIL_WAIT_METRIC, dimensions: heartbeatDimensions(STAGE) },
  });
  return { app, stack, monitoring, functions, queues, api };
}

const idOf = (construct: IConstruct): string => {
  const element = construct.node.defaultChild as CfnElement;
  return Stack.of(construct).getLogicalId(element);
};

type Resources = Record<string, { Properties: Record<string, unknown> }>;

describe('Monitoring construct', () => {
  let fixture: Fixture;
  let template: Template;
  let topicRef: { Ref: string };

  beforeAll(() => {
    fixture = build({ alarmEmail: 'operator@example.org' });
    template = Template.fromStack(fixture.stack);
    topicRef = { Ref: idOf(fixture.monitoring.alarmTopic) };
  }, 120_000);

  /** Asserts one alarm by name: everything given must match, and it notifies the topic. */
  const expectAlarm = (name: string, properties: Record<string, unknown>) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `U4SSC-${STAGE}-${name}`,
      ActionsEnabled: true,
      AlarmActions: [topicRef],
      OKActions: [topicRef],
      ...properties,
    });
  };

  it('makes 2 alarms per function, 1 per dead-letter queue and 6 more', () => {
    const expected = 2 * FUNCTION_NAMES.length + QUEUE_NAMES.length + 6;
    template.resourceCountIs('AWS::CloudWatch::Alarm', expected);
    expect(fixture.monitoring.alarms).toHaveLength(expected);
  });

  it('alarms on any message in each dead-letter queue (Maximum over 5 minutes, missing = not breaching)', () => {
    QUEUE_NAMES.forEach((name, i) => {
      expectAlarm(`DeadLetters-${name}`, {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(fixture.queues[i] as sqs.Queue), 'QueueName'] } },
        ],
        Statistic: 'Maximum',
        Period: 300,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
      });
    });
  });

  it('alarms on errors and on throttles of each function (Sum over 5 minutes, missing = not breaching)', () => {
    FUNCTION_NAMES.forEach((name, i) => {
      const dimensions = [{ Name: 'FunctionName', Value: { Ref: idOf(fixture.functions[i] as lambda.Function) } }];
      for (const [alarm, metricName] of [
        [`Errors-${name}`, 'Errors'],
        [`Throttles-${name}`, 'Throttles'],
      ] as const) {
        expectAlarm(alarm, {
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: dimensions,
          Statistic: 'Sum',
          Period: 300,
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
          EvaluationPeriods: 1,
          TreatMissingData: 'notBreaching',
        });
      }
    });
    // Nothing else per function: no duration or concurrency alarms.
    const alarms = template.findResources('AWS::CloudWatch::Alarm') as Resources;
    const lambdaAlarms = Object.values(alarms).filter((a) => a.Properties.Namespace === 'AWS/Lambda');
    expect(lambdaAlarms).toHaveLength(2 * FUNCTION_NAMES.length);
  });

  it('alarms on any API 5xx in 5 minutes and on p99 latency above 3 s for 3 periods of 5 minutes', () => {
    const dimensions = [
      { Name: 'ApiId', Value: { Ref: idOf(fixture.api) } },
      { Name: 'Stage', Value: '$default' },
    ];
    expectAlarm('Api5xx', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: dimensions,
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(ALARM_THRESHOLDS.apiP99Ms).toBe(3000);
    expectAlarm('ApiLatencyP99', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: dimensions,
      ExtendedStatistic: 'p99',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: ALARM_THRESHOLDS.apiP99Ms,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      EvaluateLowSampleCountPercentile: 'evaluate',
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms on the account SES reputation at 2 % bounces and 0.05 % complaints (missing = keep state)', () => {
    expect(ALARM_THRESHOLDS.sesBounceRate).toBe(0.02);
    expect(ALARM_THRESHOLDS.sesComplaintRate).toBe(0.0005);
    for (const [alarm, metricName, threshold] of [
      ['SesBounceRate', 'Reputation.BounceRate', ALARM_THRESHOLDS.sesBounceRate],
      ['SesComplaintRate', 'Reputation.ComplaintRate', ALARM_THRESHOLDS.sesComplaintRate],
    ] as const) {
      expectAlarm(alarm, {
        Namespace: 'AWS/SES',
        MetricName: metricName,
        // Account level: the metric SES publishes without dimensions.
        Dimensions: Match.absent(),
        Statistic: 'Maximum',
        Period: 900,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: threshold,
        EvaluationPeriods: 1,
        TreatMissingData: 'ignore',
      });
    }
  });

  it('alarms when no scheduler heartbeat arrived in 15 minutes (missing = breaching)', () => {
    expect(ALARM_THRESHOLDS.heartbeatMinutes).toBe(15);
    expectAlarm('SchedulerHeartbeat', {
      Namespace: HEARTBEAT_METRIC.namespace,
      MetricName: HEARTBEAT_METRIC.metricName,
      // The same dimensions the job writes in its EMF line.
      Dimensions: [{ Name: 'Stage', Value: STAGE }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: { AlarmName: `U4SSC-${STAGE}-SchedulerHeartbeat` },
    }) as Resources;
    const [heartbeat] = Object.values(alarms);
    const window = Number(heartbeat?.Properties.EvaluationPeriods) * Number(heartbeat?.Properties.Period);
    expect(window / 60).toBe(ALARM_THRESHOLDS.heartbeatMinutes);
  });

  it('alarms when an email has waited in the outbox for more than 15 minutes (missing = not breaching)', () => {
    expect(ALARM_THRESHOLDS.emailWaitMinutes).toBe(15);
    expectAlarm('EmailWaiting', {
      Namespace: EMAIL_WAIT_METRIC.namespace,
      MetricName: EMAIL_WAIT_METRIC.metricName,
      // The same dimensions the re-drive job writes in its EMF line.
      Dimensions: [{ Name: 'Stage', Value: STAGE }],
      Statistic: 'Maximum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 15,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('sends every alarm and every return to OK to the one alarm topic, with a deliberate missing-data rule', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      ActionsEnabled: true,
      AlarmActions: [topicRef],
      OKActions: [topicRef],
      TreatMissingData: Match.anyValue(),
      AlarmDescription: Match.stringLikeRegexp('.{20,}'),
    });
  });

  it('encrypts the topic with a rotating customer-managed key that CloudWatch may use', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0] ?? '';
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('lets only TLS publishers and this account’s CloudWatch alarms publish to the topic', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': '111122223333' } }),
          }),
        ]),
      },
    });
  });

  it('subscribes the alarm email when one is given, and nothing otherwise', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'operator@example.org',
      TopicArn: topicRef,
    });
    const withoutEmail = build();
    Template.fromStack(withoutEmail.stack).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('builds one dashboard named after the stage, with the graphs and the alarm status', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const dashboards = template.findResources('AWS::CloudWatch::Dashboard') as Resources;
    const [dashboard] = Object.values(dashboards);
    expect(dashboard?.Properties.DashboardName).toBe(`U4SSC-${STAGE}-operations`);
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const title of [
      'Alarms',
      'API requests',
      'API p99 latency (ms)',
      'Function errors',
      'Function throttles',
      'Function duration p99 (ms)',
      'Dead-letter queue depth',
      'SES sends, bounces, complaints',
      'SES reputation rates',
      'Scheduler heartbeat',
      'Oldest queued email (minutes)',
    ]) {
      expect(body).toContain(`\\"title\\":\\"${title}\\"`);
    }
    expect(body).toContain('\\"type\\":\\"alarm\\"');
    for (const metric of ['5xx', 'Latency', 'Duration', 'ApproximateNumberOfMessagesVisible', 'Send', 'Bounce']) {
      expect(body).toContain(`\\"${metric}\\"`);
    }
    expect(body).toContain('u4ssc-test-mail');
  });

  it('adds a key, a topic and its policy, the subscription, the alarms and the dashboard, nothing else', () => {
    const resources = fixture.monitoring.node
      .findAll()
      .filter((c): c is CfnResource => c instanceof CfnResource)
      .map((c) => c.cfnResourceType)
      .sort();
    const alarms = 2 * FUNCTION_NAMES.length + QUEUE_NAMES.length + 6;
    expect(resources).toEqual(
      [
        'AWS::KMS::Key',
        'AWS::SNS::Topic',
        'AWS::SNS::TopicPolicy',
        'AWS::SNS::Subscription',
        'AWS::CloudWatch::Dashboard',
        ...Array<string>(alarms).fill('AWS::CloudWatch::Alarm'),
      ].sort(),
    );
  });

  it('refuses a stage name that cannot be part of alarm and dashboard names', () => {
    const stack = new Stack(new App(), 'Bad');
    expect(
      () =>
        new Monitoring(stack, 'Monitoring', {
          stage: 'dev/1',
          functions: [],
          deadLetterQueues: [],
          httpApi: new apigwv2.HttpApi(stack, 'Api'),
          configurationSetName: 'mail',
          heartbeat: HEARTBEAT_METRIC,
        }),
    ).toThrow(/stage/);
  });
});

describe('Monitoring construct under cdk-nag (AWS Solutions)', () => {
  /** Findings the fixture itself (not the construct) has, acknowledged where they occur. */
  const acknowledgeFixture = ({ functions, queues, api }: Fixture) => {
    for (const fn of functions) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'Test fixture: an inline function whose only role is to be watched by the construct under test.',
      });
    }
    for (const queue of queues) {
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'Test fixture: this queue stands for a dead-letter queue, which has no dead-letter queue itself.',
      });
    }
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG1',
      reason: 'Test fixture: a bare HTTP API whose metrics the construct under test reads; it serves no traffic.',
    });
  };

  it('finds nothing in the construct, and sees the fixture’s own findings (the check can fail)', () => {
    const fixture = build({ alarmEmail: 'operator@example.org' });
    fixture.app.synth();
    const report = new AwsSolutionsChecks(fixture.app).validateScope(fixture.app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName}: ${r.constructPath ?? ''}`),
    );
    const inConstruct = findings.filter((f) => f.includes(`: ${fixture.monitoring.node.path}/`));
    expect(inConstruct).toEqual([]);
    expect(findings.length).toBeGreaterThan(0);
  });

  it('synthesizes with the checks as a validation plugin once the fixture’s findings are acknowledged', () => {
    const fixture = build({ alarmEmail: 'operator@example.org' });
    acknowledgeFixture(fixture);
    const nag = new AwsSolutionsChecks(fixture.app);
    Validations.of(fixture.app).addPlugins(nag);
    expect(() => fixture.app.synth()).not.toThrow();
    expect(nag.validateScope(fixture.app).success).toBe(true);
  });

  it('needs no acknowledgement of its own', () => {
    const fixture = build({ alarmEmail: 'operator@example.org' });
    const acknowledged = fixture.monitoring.node
      .findAll()
      .filter((c) => c.node.metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY));
    expect(acknowledged.map((c) => c.node.path)).toEqual([]);
  });
});
