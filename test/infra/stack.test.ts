import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../functions/adapters/dynamodb/table.ts';
import { ROLES } from '../../functions/identity/roles.ts';
import { CONSUMERS, FALLBACK_HANDLER, HANDLERS, JOBS, ROUTES } from '../../functions/routes.ts';
import { logicalIdOf } from '../../infra/constructs/u4ssc-function.ts';
import { createApp, type U4sscApp } from '../../infra/create-app.ts';
import { DEFAULT_MAIL_DOMAIN } from '../../infra/stack.ts';

/** An empty list of stacks to bundle: NodejsFunction skips esbuild, so the tests stay fast. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

type Resources = Record<string, { Properties?: Record<string, unknown>; DeletionPolicy?: string }>;

describe('U4sscStack template', () => {
  let built: U4sscApp;
  let template: Template;

  beforeAll(() => {
    built = createApp({ context: NO_BUNDLING, nag: false });
    template = Template.fromStack(built.stack);
  });

  /** Logical id of the Lambda function made for a handler file. */
  const functionId = (handler: string): string => {
    const fn = built.stack.functions.get(handler);
    if (!fn) throw new Error(`No function for handler ${handler}`);
    return logicalIdOf(fn);
  };

  it('has exactly one DynamoDB table, keyed from TABLE_KEYS, with PITR, SSE, TTL and deletion protection', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const [index] = TABLE_KEYS.indexes;
    expect(index?.name).toBe('gsi1');
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
          { AttributeName: index?.partitionKey, AttributeType: 'S' },
          { AttributeName: index?.sortKey, AttributeType: 'S' },
        ]),
        GlobalSecondaryIndexes: [
          {
            IndexName: index?.name,
            KeySchema: [
              { AttributeName: index?.partitionKey, KeyType: 'HASH' },
              { AttributeName: index?.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttl, Enabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it('keeps documents in an encrypted, versioned, private bucket that requires TLS and logs access', () => {
    const documentsId = logicalIdOf(built.stack.documents);
    const buckets = template.findResources('AWS::S3::Bucket') as Resources;
    expect(Object.keys(buckets)).toContain(documentsId);
    // Every bucket (documents and access logs) is encrypted, versioned and private.
    template.allResourcesProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(buckets[documentsId]?.DeletionPolicy).toBe('Retain');
    expect(buckets[documentsId]?.Properties?.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'documents/' });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: documentsId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('has one Node.js 24 ARM64 Lambda function per handler, and nothing else', () => {
    const functions = template.findResources('AWS::Lambda::Function') as Resources;
    expect(Object.keys(functions)).toHaveLength(HANDLERS.length);
    expect([...built.stack.functions.keys()].sort()).toEqual([...HANDLERS].sort());
    const renderers = new Set(
      [...ROUTES, ...CONSUMERS].filter((r) => 'renders' in r && r.renders).map((r) => r.handler),
    );
    expect(renderers.size).toBeGreaterThan(0);
    for (const [handler, fn] of built.stack.functions) {
      const properties = functions[logicalIdOf(fn)]?.Properties;
      // Functions that render PDFs get the fonts and more memory.
      const variables =
        (properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(properties?.MemorySize, handler).toBe(renderers.has(handler) ? 1024 : 512);
      expect(variables.FONTS_DIR, handler).toBe(renderers.has(handler) ? '/var/task/fonts' : undefined);
      expect(properties, handler).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: expect.objectContaining({
            NODE_OPTIONS: '--enable-source-maps',
            TEMPLATES_DIR: '/var/task/templates',
            TABLE_NAME: expect.anything(),
            DOCUMENTS_BUCKET: expect.anything(),
            EMAIL_QUEUE_URL: expect.anything(),
          }),
        },
      });
      const env = properties?.Environment as { Variables: Record<string, string> } | undefined;
      expect(JSON.parse(env?.Variables.ENGINE_VERSIONS ?? 'null')).toEqual({
        dynamodb: 'Amazon DynamoDB',
        s3: 'Amazon S3',
        ses: 'Amazon SES v2',
      });
    }
    // Each function logs to its own log group with a retention.
    template.resourceCountIs('AWS::Logs::LogGroup', HANDLERS.length + 1);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.anyValue() });
  });

  it('has one API route per ROUTES entry plus $default, with the JWT authorizer exactly on bearer-token routes', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Resources).map(
      (route) => route.Properties ?? {},
    );
    expect(routes).toHaveLength(ROUTES.length + 1);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual([...ROUTES.map((r) => r.routeKey), '$default'].sort());

    for (const route of ROUTES) {
      const properties = routes.find((candidate) => candidate.RouteKey === route.routeKey);
      // Public routes and console routes (session cookie, checked in the handler) have no authorizer.
      if (route.access === 'public' || 'console' in route.access) {
        expect(properties?.AuthorizationType ?? 'NONE', route.routeKey).toBe('NONE');
        expect(properties?.AuthorizerId, route.routeKey).toBeUndefined();
      } else {
        expect(properties?.AuthorizationType, route.routeKey).toBe('JWT');
        expect(properties?.AuthorizerId, route.routeKey).toBeDefined();
      }
    }
    const fallback = routes.find((route) => route.RouteKey === '$default');
    expect(fallback?.AuthorizationType ?? 'NONE').toBe('NONE');

    // $default is served by the FALLBACK_HANDLER's function.
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::GetAtt': [functionId(FALLBACK_HANDLER), 'Arn'] },
    });
  });

  it('authorizes with Cognito JWTs for the web client and logs API access', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    const userPoolId = logicalIdOf(built.stack.userPool);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(built.stack.userPoolClient) }],
        Issuer: {
          'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: userPoolId }]],
        },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it('has a Cognito user pool without self sign-up and one group per role', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({ RequireNumbers: true, RequireSymbols: true, RequireUppercase: true }),
      },
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup') as Resources);
    expect(groups.map((group) => group.Properties?.GroupName).sort()).toEqual([...ROLES].sort());
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
  });

  it('lets the console sign in through the managed login, with the code flow back to /console/callback', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient') as Resources);
    expect(client?.Properties?.AllowedOAuthFlows).toEqual(['code']);
    expect(JSON.stringify(client?.Properties?.CallbackURLs)).toContain('/console/callback');
  });

  it('has one EventBridge schedule per job, in its time zone, in the schedule group', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule') as Resources).map(
      (schedule) => schedule.Properties ?? {},
    );
    expect(schedules).toHaveLength(JOBS.length);
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    for (const job of JOBS) {
      const schedule = schedules.find(
        (candidate) =>
          JSON.stringify(candidate.Target).includes(functionId(job.handler)) &&
          candidate.ScheduleExpression === job.schedule,
      );
      expect(schedule, job.name).toMatchObject({
        ScheduleExpressionTimezone: job.timeZone,
        GroupName: expect.anything(),
        State: 'ENABLED',
      });
      // The job receives the moment it was scheduled for, as locally (functions/jobs/handler.ts).
      expect(JSON.parse(String((schedule?.Target as { Input?: string } | undefined)?.Input))).toEqual({
        job: job.name,
        scheduledFor: '<aws.scheduler.scheduled-time>',
      });
    }
  });

  it('queues email on an encrypted, TLS-only queue with a dead-letter queue', () => {
    const queueId = logicalIdOf(built.stack.emailQueue);
    const queues = template.findResources('AWS::SQS::Queue') as Resources;
    expect(Object.keys(queues)).toHaveLength(2);
    const redrive = queues[queueId]?.Properties?.RedrivePolicy as
      | { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] }; maxReceiveCount: number }
      | undefined;
    expect(redrive?.maxReceiveCount).toBeGreaterThan(0);
    const deadLetterId = redrive?.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(deadLetterId).toBeDefined();
    expect(deadLetterId).not.toBe(queueId);
    expect(Object.keys(queues)).toContain(deadLetterId);
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    for (const id of [queueId, deadLetterId]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('feeds the email queue to the mail sender, which reports failed records one by one and shares the SES rate', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(built.stack.emailQueue), 'Arn'] },
      FunctionName: { Ref: functionId('mail-sender') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    const sender = template.findResources('AWS::Lambda::Function')[functionId('mail-sender')] as
      | { Properties: { Environment: { Variables: Record<string, string> } } }
      | undefined;
    expect(sender?.Properties.Environment.Variables.MAIL_RATE_PER_SECOND).toBe('7');
  });

  it('sends SES send, bounce and complaint events to the ses-events function through SNS', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['send', 'bounce', 'complaint']) }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functionId('ses-events'), 'Arn'] },
    });
  });

  it('has an SES configuration set and a domain identity for the default mail domain', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: DEFAULT_MAIL_DOMAIN,
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('takes the mail domain and secretariat address from context', () => {
    const custom = createApp({
      context: { ...NO_BUNDLING, mailDomain: 'mail.test.example', secretariatEmail: 'desk@test.example' },
      nag: false,
    });
    const customTemplate = Template.fromStack(custom.stack);
    customTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.test.example' });
    customTemplate.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MAIL_FROM: 'no-reply@mail.test.example',
          SECRETARIAT_EMAIL: 'desk@test.example',
        }),
      },
    });
  });
});

describe('cdk-nag AWS Solutions checks', () => {
  it('report no finding that is not fixed or acknowledged', () => {
    const { app, stack, nag } = createApp({ context: NO_BUNDLING });
    // cdk-nag 3 is a policy validation plugin, not an aspect: its findings are not annotations
    // (`Annotations.fromStack(…).findError('*', …AwsSolutions-…)` never sees them); a finding
    // makes synth throw "Validation failed". Synth first (that completes the construct tree),
    // then ask the pack for its report to show the findings by name.
    let synthError: unknown;
    try {
      app.synth();
    } catch (error) {
      synthError = error;
    }
    const report = nag.validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
    expect(synthError).toBeUndefined();
    // CDK's own synthesis errors still are annotations.
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('actually detects a violation (guards against a check that can never fail)', () => {
    const { stack, nag } = createApp({ context: NO_BUNDLING });
    new sqs.Queue(stack, 'UnencryptedProbe', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const rules = nag.validateScope(stack).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it('gives every acknowledged rule a real reason', () => {
    const { app, stack } = createApp({ context: NO_BUNDLING });
    const acknowledged = acknowledgements(app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      expect(id, path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(typeof reason === 'string' ? reason.trim().length : 0, `${path} ${id}`).toBeGreaterThanOrEqual(30);
    }
    // Suppressions sit on the resources they concern, never on the whole stack or app.
    const paths = acknowledged.map(({ path }) => path);
    expect(paths).not.toContain(app.node.path);
    expect(paths).not.toContain(stack.node.path);
  });

  it('acknowledges nothing that is not an actual finding (no stale suppressions)', () => {
    const { app, nag } = createApp({ context: NO_BUNDLING, nag: false });
    app.synth();
    // Run the pack once more as if nothing were acknowledged. `isAcknowledged` is private in
    // cdk-nag 3.0; should it be renamed, every acknowledgement shows up here as stale.
    Object.assign(nag, { isAcknowledged: () => false });
    const raw = nag
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? '' })));
    const stale = acknowledgements(app)
      .filter(({ path, id }) => !raw.some((finding) => finding.id === id && `${finding.path}/`.startsWith(`${path}/`)))
      .map(({ path, id }) => `${path}: ${id}`);
    expect(stale).toEqual([]);
  });
});

/** Every `Validations.of(…).acknowledge()` in the app, with the construct it was made on. */
function acknowledgements(app: IConstruct): { path: string; id: string; reason: unknown }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          path: construct.node.path,
          // aws-cdk-lib stores ids without a known plugin prefix as `Annotation::<id>`.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}
