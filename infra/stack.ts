/**
 * The U4SSC platform in AWS: one stack holding the data, identity, API, schedules and email.
 *
 * Parameters, given as CDK context (`npx cdk deploy -c mailDomain=… -c secretariatEmail=…`
 * or the `context` block of cdk.json):
 *
 * - `mailDomain`       domain the platform sends email from; becomes an SES domain identity
 *                      (DKIM records are stack outputs) and the no-reply From address.
 *                      Default `u4ssc.example.org`.
 * - `secretariatEmail` the secretariat's mailbox: Reply-To of every message and the contact
 *                      shown to users. Default `u4ssc@itu.int`.
 * - `authDomainPrefix` prefix of the Cognito sign-in domain (<prefix>.auth.<region>.amazoncognito.com),
 *                      unique in the region. Default `u4ssc-platform`.
 * - `mailRatePerSecond` the account's SES sending rate; the senders share it. Default 14.
 *
 * The stack is built from the same lists the local runtime uses: `ROUTES`, `JOBS` and
 * `FALLBACK_HANDLER` (functions/routes.ts), `ROLES` (functions/identity/roles.ts) and
 * `TABLE_KEYS` (functions/adapters/dynamodb/table.ts).
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
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
import { ENV } from '../functions/config.ts';
import { SESSION_ENV } from '../functions/http/session.ts';
import { ROLE_TITLES, ROLES } from '../functions/identity/roles.ts';
import { bearerRoles, CONSUMERS, FALLBACK_HANDLER, JOBS, ROUTES } from '../functions/routes.ts';
import { logicalIdOf, U4sscFunction } from './constructs/u4ssc-function.ts';

export const DEFAULT_MAIL_DOMAIN = 'u4ssc.example.org';
export const DEFAULT_SECRETARIAT_EMAIL = 'u4ssc@itu.int';
export const DEFAULT_AUTH_DOMAIN_PREFIX = 'u4ssc-platform';
/** Mail sender containers at once (SQS event source maximum concurrency). */
const SENDERS = 2;

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

export class U4sscStack extends Stack {
  readonly table: dynamodb.Table;
  readonly documents: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  readonly emailQueue: sqs.Queue;
  /** One function per handler file, keyed by the handler's name. */
  readonly functions = new Map<string, U4sscFunction>();

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const mailDomain = this.contextString('mailDomain', DEFAULT_MAIL_DOMAIN);
    const secretariatEmail = this.contextString('secretariatEmail', DEFAULT_SECRETARIAT_EMAIL);
    const authDomainPrefix = this.contextString('authDomainPrefix', DEFAULT_AUTH_DOMAIN_PREFIX);
    const mailRatePerSecond = Number(this.contextString('mailRatePerSecond', '14'));

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
      removalPolicy: RemovalPolicy.RETAIN,
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
      // Plus tier: threat protection blocks compromised credentials and challenges risky
      // sign-ins; priced per active user, which for a few hundred accounts is small.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
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

    // --- Email ------------------------------------------------------------------------------

    const emailDeadLetters = new sqs.Queue(this, 'EmailDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.emailQueue = new sqs.Queue(this, 'EmailQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times a sender's timeout, so a slow batch is not delivered twice.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: emailDeadLetters, maxReceiveCount: 5 },
    });

    const configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const mailIdentity = new ses.EmailIdentity(this, 'MailDomainIdentity', {
      identity: ses.Identity.domain(mailDomain),
      configurationSet,
    });

    // --- API --------------------------------------------------------------------------------

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'U4SSC platform: public pages, forms and the secretariat console',
      // The stage is created below, with access logging and throttling.
      createDefaultStage: false,
    });
    const accessLogGroup = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    new apigw.HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    // The console signs in through Cognito's managed login (authorization code with PKCE);
    // the callback sets the session cookie that console routes check.
    const signInDomain = this.userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix: authDomainPrefix } });
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
        callbackUrls: [`${this.api.apiEndpoint}/console/callback`],
        logoutUrls: [`${this.api.apiEndpoint}/`],
      },
    });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;

    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', issuer, {
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });

    const commonEnvironment = {
      [ENV.publicBaseUrl]: this.api.apiEndpoint,
      [ENV.mailFrom]: `no-reply@${mailDomain}`,
      [ENV.secretariatEmail]: secretariatEmail,
      [ENV.sesConfigurationSet]: configurationSet.configurationSetName,
      [SESSION_ENV.issuer]: issuer,
      [SESSION_ENV.audience]: this.userPoolClient.userPoolClientId,
      [SESSION_ENV.jwksUrl]: `${issuer}/.well-known/jwks.json`,
      [SESSION_ENV.signInDomain]: signInDomain.baseUrl(),
    };
    const functionFor = (handler: string, description: string, timeout?: Duration, renders = false): U4sscFunction => {
      const existing = this.functions.get(handler);
      if (existing) return existing;
      const fn = new U4sscFunction(this, `Fn-${handler}`, {
        handler,
        description,
        timeout,
        renders,
        environment: commonEnvironment,
      })
        .bindTable(this.table)
        .bindDocuments(this.documents)
        .bindEmailQueue(this.emailQueue);
      this.functions.set(handler, fn);
      return fn;
    };

    for (const route of ROUTES) {
      const fn = functionFor(route.handler, route.description, undefined, 'renders' in route && route.renders === true);
      const routeKey = parseRouteKey(route.routeKey);
      const httpRoute = new apigw.HttpRoute(this, `Route-${route.routeKey}`, {
        httpApi: this.api,
        routeKey,
        integration: new HttpLambdaIntegration(`Integration-${route.routeKey}`, fn),
        // Roles are checked in the handler (from the token's groups); the authorizer makes
        // sure there is a valid token at all.
        authorizer: bearerRoles(route.access) ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (!bearerRoles(route.access)) acknowledgePublicRoute(httpRoute);
    }

    const fallback = functionFor(FALLBACK_HANDLER, 'Requests that match no route');
    const defaultRoute = new apigw.HttpRoute(this, 'Route-$default', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('Integration-$default', fallback),
    });
    acknowledgePublicRoute(defaultRoute);

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
    for (const job of JOBS) {
      const fn = functionFor(job.handler, job.description, Duration.minutes(1));
      new scheduler.Schedule(this, `Schedule-${job.name}`, {
        scheduleGroup,
        description: job.description,
        schedule: scheduler.ScheduleExpression.expression(job.schedule, TimeZone.of(job.timeZone)),
        target: new LambdaInvoke(fn, {
          role: schedulerRole,
          retryAttempts: 2,
          maxEventAge: Duration.minutes(10),
          // The same event the local scheduler and `npm run job` send (functions/jobs/handler.ts).
          input: scheduler.ScheduleTargetInput.fromObject({
            job: job.name,
            scheduledFor: scheduler.ContextAttribute.scheduledTime,
          }),
        }),
      });
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        reason: `CDK's grantInvoke covers the ${job.handler} function and its versions/aliases (":*"), nothing else.`,
      });
    }

    // --- Queue consumers --------------------------------------------------------------------

    // SES publishes send, bounce and complaint events of the configuration set to this topic.
    const sesEvents = new sns.Topic(this, 'SesEventsTopic', {
      enforceSSL: true,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
    });
    configurationSet.addEventDestination('ToSesEventsTopic', {
      destination: ses.EventDestination.snsTopic(sesEvents),
      events: [ses.EmailSendingEvent.SEND, ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    for (const consumer of CONSUMERS) {
      // A sender's timeout stays well under the queue's visibility timeout (6 minutes).
      const fn = functionFor(
        consumer.handler,
        consumer.description,
        Duration.minutes(1),
        'renders' in consumer && consumer.renders === true,
      );
      if (consumer.source === 'email-queue') {
        // At most SENDERS containers send at once, each paced to its share of the account's rate.
        fn.addEnvironment(ENV.mailRatePerSecond, String(Math.max(1, Math.floor(mailRatePerSecond / SENDERS))));
        fn.addEventSource(
          new SqsEventSource(this.emailQueue, {
            batchSize: 10,
            maxBatchingWindow: Duration.seconds(1),
            reportBatchItemFailures: true,
            maxConcurrency: SENDERS,
          }),
        );
      } else {
        sesEvents.addSubscription(new LambdaSubscription(fn));
      }
    }

    // --- Outputs ----------------------------------------------------------------------------

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'DocumentsBucketName', { value: this.documents.bucketName });
    new CfnOutput(this, 'EmailQueueUrl', { value: this.emailQueue.queueUrl });
    mailIdentity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${record.name} CNAME ${record.value}` });
    });
  }

  private contextString(key: string, fallback: string): string {
    const value: unknown = this.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string') throw new Error(`Context value ${key} must be a string`);
    return value;
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

function acknowledgePublicRoute(route: apigw.HttpRoute): void {
  Validations.of(route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      "Public route by design (access 'public' in functions/routes.ts): pages and forms for people without an account.",
  });
}
