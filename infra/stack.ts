/**
 * The U4SSC platform in AWS: one stack holding the data, identity, API, schedules and email.
 *
 * Parameters, given as CDK context (`npx cdk deploy -c stage=prod -c mailDomain=… …` or the
 * `context` block of cdk.json); see infra/config.ts for each one, its default and checks.
 *
 * The stack is built from the same lists the local runtime uses: `FUNCTIONS`, `ROUTES`, `JOBS`
 * and `CONSUMERS` (functions/routes.ts), `ROLES` (functions/identity/roles.ts) and `TABLE_KEYS`
 * (functions/adapters/dynamodb/table.ts). Each function's role is what the adapters its bundle
 * carries declare (infra/analysis/bundled-adapters.ts), and nothing more.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../functions/adapters/dynamodb/table.ts';
import type { AwsResource } from '../functions/adapters/permissions.ts';
import { ENV } from '../functions/config.ts';
import { SESSION_ENV } from '../functions/http/session.ts';
import { ROLE_TITLES, ROLES } from '../functions/identity/roles.ts';
import {
  bearerRoles,
  CONSUMERS,
  FALLBACK_FUNCTION,
  FUNCTION_NAMES,
  FUNCTIONS,
  type FunctionDefinition,
  type FunctionName,
  headRouteKey,
  JOBS,
  ROUTES,
  type RouteDefinition,
  sizingOf,
} from '../functions/routes.ts';
import { EMAIL_WAIT_METRIC, HEARTBEAT_METRIC, heartbeatDimensions } from '../functions/system/heartbeat-metric.ts';
import { mergedPermissionsOf } from './analysis/bundled-adapters.ts';
import type { DeploymentConfig } from './config.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { logicalIdOf, U4sscFunction } from './constructs/u4ssc-function.ts';

/** Mail sender containers at once (SQS event source maximum concurrency). */
const SENDERS = 2;

/** The environment variable that tells the heartbeat job which stage's metric to write. */
export const STAGE_ENV = 'STAGE';

/** API Gateway HTTP API access log line: one JSON object per request. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export interface U4sscStackProps extends StackProps {
  readonly config: DeploymentConfig;
  /** Routes to serve; default `ROUTES` (tests pass more to check the stack's size). */
  readonly routes?: readonly RouteDefinition[];
}

export class U4sscStack extends Stack {
  readonly config: DeploymentConfig;
  readonly table: dynamodb.Table;
  readonly documents: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  readonly emailQueue: sqs.Queue;
  /** Pieces of a job's work (one meeting's reminders each), consumed by the jobs function. */
  readonly jobQueue: sqs.Queue;
  readonly sesEventsKey: kms.Key;
  readonly monitoring: Monitoring;
  /** One function per `FUNCTIONS` entry, keyed by its name. */
  readonly functions = new Map<FunctionName, U4sscFunction>();
  /** Dead-letter queues: email queue, schedules, SES event subscription. */
  readonly deadLetterQueues = new Map<string, sqs.Queue>();

  constructor(scope: Construct, id: string, props: U4sscStackProps) {
    super(scope, id, props);
    const config = props.config;
    this.config = config;
    const routes = props.routes ?? ROUTES;

    // --- Data -------------------------------------------------------------------------------

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_KEYS.ttl,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of TABLE_KEYS.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      // Server access logs can only be delivered to SSE-S3 buckets.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // No access logging of its own: cdk-nag (S1) accepts a bucket that is another bucket's log target.

    this.documents = new s3.Bucket(this, 'DocumentsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents/',
      // Versions protect issued documents from an overwrite by mistake, for a while: an old
      // version (a deleted registrant's invitation included) is gone after this many days.
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(config.documentVersionsDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // --- Email ------------------------------------------------------------------------------

    const mailFrom = `no-reply@${config.mailDomain}`;
    const configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // Bounces come back to a MAIL FROM subdomain of our own, so SPF aligns for DMARC.
    const mailFromDomain = `bounce.${config.mailDomain}`;
    const mailIdentity = new ses.EmailIdentity(this, 'MailDomainIdentity', {
      identity: ses.Identity.domain(config.mailDomain),
      configurationSet,
      mailFromDomain,
    });

    const emailDeadLetters = this.deadLetterQueue('EmailDeadLetterQueue', 'email', true);
    this.emailQueue = new sqs.Queue(this, 'EmailQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times a sender's timeout, so a slow batch is not delivered twice.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: emailDeadLetters, maxReceiveCount: 5 },
    });

    const jobDeadLetters = this.deadLetterQueue('JobDeadLetterQueue', 'job', true);
    this.jobQueue = new sqs.Queue(this, 'JobQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Longer than the jobs function's timeout, so a piece is not run twice at once; one that
      // times out comes back after it and resumes at its checkpoint.
      visibilityTimeout: Duration.seconds(sizingOf('jobs').timeoutSeconds + 60),
      deadLetterQueue: { queue: jobDeadLetters, maxReceiveCount: 4 },
    });

    // SES publishes send, bounce and complaint events to this topic. A customer-managed key:
    // the AWS-managed SNS key's policy cannot be extended, so SES could not publish with it.
    this.sesEventsKey = new kms.Key(this, 'SesEventsKey', {
      description: 'Encrypts the SES events topic; SES may use it to publish',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.sesEventsKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SesPublishesEvents',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const sesEvents = new sns.Topic(this, 'SesEventsTopic', { enforceSSL: true, masterKey: this.sesEventsKey });
    configurationSet.addEventDestination('ToSesEventsTopic', {
      destination: ses.EventDestination.snsTopic(sesEvents),
      events: [ses.EmailSendingEvent.SEND, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    // --- Identity ---------------------------------------------------------------------------

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are created by the secretariat; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Invitations and password resets go out through SES from the platform's own domain
      // (Cognito's built-in sender allows 50 emails a day).
      email: cognito.UserPoolEmail.withSES({
        fromEmail: mailFrom,
        fromName: 'U4SSC',
        replyTo: config.secretariatEmail,
        sesVerifiedDomain: config.mailDomain,
        sesRegion: this.region,
        configurationSetName: configurationSet.configurationSetName,
      }),
      // Plus tier: threat protection blocks compromised credentials and challenges risky
      // sign-ins; priced per active user, which for a few hundred accounts is small.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.userPool.node.addDependency(mailIdentity);
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'Most accounts are external delegates who sign in for a single meeting; TOTP MFA is offered to everyone, and ' +
        'threat protection (Plus tier, full function) requires the second factor for risky sign-ins.',
    });

    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: ROLE_TITLES[role],
      });
    }

    // --- API --------------------------------------------------------------------------------

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: `U4SSC platform (${config.stage}): public pages, forms and the secretariat console`,
      // The stage is created below, with access logging and throttling.
      createDefaultStage: false,
    });
    const accessLogGroup = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    const apiStage = new apigw.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      throttle: { rateLimit: 50, burstLimit: 100 },
    });
    let publicBaseUrl: string = this.api.apiEndpoint;
    if (config.domainName && config.certificateArn) {
      const domain = new apigw.DomainName(this, 'SiteDomain', {
        domainName: config.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'SiteCertificate', config.certificateArn),
      });
      new apigw.ApiMapping(this, 'SiteDomainMapping', { api: this.api, domainName: domain, stage: apiStage });
      publicBaseUrl = `https://${config.domainName}`;
      new CfnOutput(this, 'SiteDomainTarget', {
        description: `CNAME (or alias) of ${config.domainName}`,
        value: domain.regionalDomainName,
      });
    }

    // The console signs in through Cognito's managed login (authorization code with PKCE);
    // the callback sets the session cookie that console routes check.
    const signInDomain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: config.authDomainPrefix },
    });
    this.userPoolClient = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(30),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${publicBaseUrl}/console/callback`],
        logoutUrls: [`${publicBaseUrl}/`],
      },
    });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', issuer, {
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });

    // --- Functions: one per capability, each granted what its bundled adapters declare ------

    const commonEnvironment = {
      [ENV.publicBaseUrl]: publicBaseUrl,
      [ENV.mailFrom]: mailFrom,
      [ENV.secretariatEmail]: config.secretariatEmail,
      [ENV.sesConfigurationSet]: configurationSet.configurationSetName,
      [SESSION_ENV.issuer]: issuer,
      [SESSION_ENV.audience]: this.userPoolClient.userPoolClientId,
      [SESSION_ENV.jwksUrl]: `${issuer}/.well-known/jwks.json`,
      [SESSION_ENV.signInDomain]: signInDomain.baseUrl(),
      [STAGE_ENV]: config.stage,
    };
    const resourceArns: Record<AwsResource, string[]> = {
      table: [this.table.tableArn],
      'table-indexes': [`${this.table.tableArn}/index/*`],
      'documents-objects': [this.documents.arnForObjects('*')],
      'documents-bucket': [this.documents.bucketArn],
      'email-queue': [this.emailQueue.queueArn],
      'job-queue': [this.jobQueue.queueArn],
      'mail-identity': [this.formatArn({ service: 'ses', resource: 'identity', resourceName: config.mailDomain })],
      'configuration-set': [
        this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: configurationSet.configurationSetName,
        }),
      ],
      '*': ['*'],
    };
    for (const name of FUNCTION_NAMES) {
      const definition: FunctionDefinition = FUNCTIONS[name];
      const sizing = sizingOf(name);
      const fn = new U4sscFunction(this, `Fn-${name}`, {
        name,
        description: definition.description,
        renders: definition.renders,
        timeout: Duration.seconds(sizing.timeoutSeconds),
        memorySize: sizing.memoryMb,
        environment: commonEnvironment,
      });
      const permissions = mergedPermissionsOf(name);
      const uses = new Set(permissions.flatMap((p) => p.resources));
      fn.addEnvironment(ENV.tableName, this.table.tableName);
      if (uses.has('documents-objects') || uses.has('documents-bucket'))
        fn.addEnvironment(ENV.documentsBucket, this.documents.bucketName);
      if (uses.has('email-queue')) fn.addEnvironment(ENV.emailQueueUrl, this.emailQueue.queueUrl);
      if (uses.has('job-queue')) fn.addEnvironment(ENV.jobQueueUrl, this.jobQueue.queueUrl);
      fn.grantAdapterPermissions(permissions, resourceArns, mailFrom);
      if (uses.has('table-indexes')) {
        fn.acknowledgeWildcard(
          `Resource::<${logicalIdOf(this.table)}.Arn>/index/*`,
          'Queries on the single table reach its GSIs; the grant covers this one table and its own indexes.',
        );
      }
      if (uses.has('documents-objects')) {
        fn.acknowledgeWildcard(
          `Resource::<${logicalIdOf(this.documents)}.Arn>/*`,
          'Document keys are made at run time (circulars/<id>/<lang>.pdf…): objects of this one bucket only.',
        );
      }
      this.functions.set(name, fn);
    }
    const functionOf = (name: FunctionName): U4sscFunction => {
      const fn = this.functions.get(name);
      if (!fn) throw new Error(`No function ${name}`);
      return fn;
    };

    // One integration per function; one invoke permission per function for the whole API.
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationOf = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration-${name}`, functionOf(name), {
          scopePermissionToRoute: false,
        });
        integrations.set(name, integration);
      }
      return integration;
    };
    for (const route of routes) {
      const httpRoute = new apigw.HttpRoute(this, `Route-${route.routeKey}`, {
        httpApi: this.api,
        routeKey: parseRouteKey(route.routeKey),
        integration: integrationOf(route.fn),
        // Roles are checked in the handler (from the token's groups); the authorizer makes
        // sure there is a valid token at all.
        authorizer: bearerRoles(route.access) ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (!bearerRoles(route.access)) acknowledgeOpenRoute(httpRoute, route.access === 'public');
      // HEAD where GET: the same function answers it without the body (functions/lambdas/dispatch.ts).
      const head = headRouteKey(route.routeKey);
      if (head) {
        const headRoute = new apigw.HttpRoute(this, `Route-${head}`, {
          httpApi: this.api,
          routeKey: parseRouteKey(head),
          integration: integrationOf(route.fn),
          authorizer: bearerRoles(route.access) ? authorizer : new apigw.HttpNoneAuthorizer(),
        });
        if (!bearerRoles(route.access)) acknowledgeOpenRoute(headRoute, route.access === 'public');
      }
    }
    const defaultRoute = new apigw.HttpRoute(this, 'Route-$default', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: integrationOf(FALLBACK_FUNCTION),
    });
    acknowledgeOpenRoute(defaultRoute, true);

    // --- Schedules --------------------------------------------------------------------------

    const scheduleGroup = new scheduler.ScheduleGroup(this, 'Schedules', {
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // One role for all schedules, assumable by EventBridge Scheduler for this account only;
    // each LambdaInvoke target adds the permission to invoke its function.
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    // A schedule whose invocation keeps failing leaves its event here instead of vanishing.
    const scheduleDeadLetters = this.deadLetterQueue('ScheduleDeadLetterQueue', 'schedules');
    for (const job of JOBS) {
      const fn = functionOf(job.fn);
      new scheduler.Schedule(this, `Schedule-${job.name}`, {
        scheduleGroup,
        description: job.description,
        schedule: scheduler.ScheduleExpression.expression(job.schedule, TimeZone.of(job.timeZone)),
        target: new LambdaInvoke(fn, {
          role: schedulerRole,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
          deadLetterQueue: scheduleDeadLetters,
          // The same event the local scheduler and `npm run job` send (functions/jobs/handler.ts).
          input: scheduler.ScheduleTargetInput.fromObject({
            job: job.name,
            scheduledFor: scheduler.ContextAttribute.scheduledTime,
          }),
        }),
      });
    }
    for (const fn of new Set(JOBS.map((job) => job.fn))) {
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(functionOf(fn))}.Arn>:*]`,
        reason: `CDK's grantInvoke covers the ${fn} function and its versions/aliases (":*"), nothing else.`,
      });
    }

    // --- Queue consumers --------------------------------------------------------------------

    const sesEventDeadLetters = this.deadLetterQueue('SesEventsDeadLetterQueue', 'ses-events');
    for (const consumer of CONSUMERS) {
      const fn = functionOf(consumer.fn);
      if (consumer.source === 'email-queue') {
        // At most SENDERS containers send at once, each paced to its share of the account's rate.
        fn.addEnvironment(ENV.mailRatePerSecond, String(Math.max(1, Math.floor(config.mailRatePerSecond / SENDERS))));
        fn.addEventSource(
          new SqsEventSource(this.emailQueue, {
            batchSize: 10,
            maxBatchingWindow: Duration.seconds(1),
            reportBatchItemFailures: true,
            maxConcurrency: SENDERS,
          }),
        );
      } else if (consumer.source === 'job-queue') {
        // One piece per invocation, each with the function's whole timeout; a few at once.
        fn.addEventSource(
          new SqsEventSource(this.jobQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 4 }),
        );
      } else {
        // An event SNS cannot hand to the function (after its retries) is kept, not dropped.
        sesEvents.addSubscription(new LambdaSubscription(fn, { deadLetterQueue: sesEventDeadLetters }));
      }
    }

    // --- Monitoring -------------------------------------------------------------------------

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      functions: [...this.functions].map(([name, fn]) => ({ name, fn })),
      deadLetterQueues: [...this.deadLetterQueues].map(([name, queue]) => ({ name, queue })),
      httpApi: this.api,
      configurationSetName: configurationSet.configurationSetName,
      alarmEmail: config.alarmEmail,
      heartbeat: { ...HEARTBEAT_METRIC, dimensions: heartbeatDimensions(config.stage) },
      emailWait: { ...EMAIL_WAIT_METRIC, dimensions: heartbeatDimensions(config.stage) },
    });

    // --- Outputs ----------------------------------------------------------------------------

    const output = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    output('Stage', config.stage, 'Deployment stage');
    output('Region', this.region, 'Region of every resource of the stack');
    output('ApiUrl', publicBaseUrl, 'Public site and API');
    output('ConsoleUrl', `${publicBaseUrl}/console`, 'Secretariat console');
    output(
      'SignInUrl',
      `${signInDomain.baseUrl()}/login?client_id=${this.userPoolClient.userPoolClientId}&response_type=code&redirect_uri=${publicBaseUrl}/console/callback`,
      'Hosted sign-in page (the console sends people there itself)',
    );
    output('UserPoolId', this.userPool.userPoolId, 'Cognito user pool: create secretariat accounts here');
    output('UserPoolClientId', this.userPoolClient.userPoolClientId, 'Cognito app client of the console');
    output('TableName', this.table.tableName, 'DynamoDB table (point-in-time recovery on)');
    output('DocumentsBucketName', this.documents.bucketName, 'Issued documents');
    output('EmailQueueUrl', this.emailQueue.queueUrl, 'Email queue');
    output(
      'JobDeadLetterQueueUrl',
      jobDeadLetters.queueUrl,
      "Pieces of a job's work that failed four times: inspect, then redrive",
    );
    output('EmailDeadLetterQueueUrl', emailDeadLetters.queueUrl, 'Emails the sender gave up on: inspect, then redrive');
    output('SesConfigurationSet', configurationSet.configurationSetName, 'SES configuration set of every email');
    output('AlarmTopicArn', this.monitoring.alarmTopic.topicArn, 'Alarms are published here');
    mailIdentity.dkimRecords.forEach((record, i) => {
      output(`DkimRecord${i + 1}`, `${record.name} CNAME ${record.value}`, 'DNS: DKIM (publish all three)');
    });
    output('MailFromMxRecord', `${mailFromDomain} MX 10 feedback-smtp.${this.region}.amazonses.com`, 'DNS: MAIL FROM');
    output('MailFromSpfRecord', `${mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`, 'DNS: SPF of MAIL FROM');
    output(
      'DmarcRecord',
      `_dmarc.${config.mailDomain} TXT "v=DMARC1; p=quarantine; rua=mailto:${config.secretariatEmail}"`,
      'DNS: DMARC (start with p=none while checking reports, if you prefer)',
    );
  }

  /** An encrypted, TLS-only dead-letter queue, kept 14 days and watched by an alarm. */
  private deadLetterQueue(id: string, name: string, ofAQueue = false): sqs.Queue {
    const queue = new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // cdk-nag recognises the dead-letter queue of another queue, not that of a schedule or a subscription.
    if (!ofAQueue)
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `It is itself a dead-letter queue (of the ${name} path), watched by an alarm; it needs none of its own.`,
      });
    this.deadLetterQueues.set(name, queue);
    return queue;
  }
}

/** `GET /api/meetings/{meetingId}` → the route key API Gateway understands. */
function parseRouteKey(routeKey: string): apigw.HttpRouteKey {
  const [method, path, ...rest] = routeKey.split(' ');
  const methods: readonly string[] = Object.values(apigw.HttpMethod);
  if (!method || !path || rest.length > 0 || !methods.includes(method)) {
    throw new Error(`Route key "${routeKey}" is not "<METHOD> <path>"`);
  }
  return apigw.HttpRouteKey.with(path, method as apigw.HttpMethod);
}

/** A route without the JWT authorizer: public by design, or a console page with its session cookie. */
function acknowledgeOpenRoute(route: apigw.HttpRoute, isPublic: boolean): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: isPublic
      ? "Public route by design (access 'public' in functions/routes.ts): pages and forms for people without an account."
      : 'Console page: a browser sends no bearer token, so the handler verifies the signed session cookie (a Cognito ' +
        'ID token, checked against the pool JWKS) and the role the route declares, and redirects to sign-in otherwise.',
  });
}
