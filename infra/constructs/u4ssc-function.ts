import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/config.ts';
import { FONT_FILES } from '../../functions/documents/fonts.ts';
import { LAMBDA_BUNDLING } from './bundling.ts';

/** The repository root: `projectRoot` for esbuild and the place `templates/` is copied from. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the health page reports as the engines behind the adapters, in AWS. */
const ENGINE_VERSIONS = { dynamodb: 'Amazon DynamoDB', s3: 'Amazon S3', ses: 'Amazon SES v2' };

export interface U4sscFunctionProps {
  /** File name without extension under functions/handlers/; the file exports `handler`. */
  readonly handler: string;
  readonly description?: string;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default 512 MB */
  readonly memorySize?: number;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** Extra environment variables, beside the defaults and those the bind helpers set. */
  readonly environment?: Record<string, string>;
  /** Renders PDFs: the fonts are copied into the bundle (FONTS_DIR) and memory is doubled. */
  readonly renders?: boolean;
}

/**
 * A Lambda function for one file under functions/handlers/, with every default the project
 * uses in one place: Node.js 24 on ARM64, X-Ray tracing, its own log group, an ESM bundle
 * with source maps and the `templates/` folder copied beside it.
 *
 * The `bind…` helpers set the environment variable a handler reads and grant the matching
 * permissions in one call, so the two can never drift apart.
 */
export class U4sscFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: U4sscFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    super(scope, id, {
      entry: `${REPO_ROOT}functions/handlers/${props.handler}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      memorySize: props.memorySize ?? (props.renders ? 1024 : 512),
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        [ENV.templatesDir]: '/var/task/templates',
        [ENV.engineVersions]: JSON.stringify(ENGINE_VERSIONS),
        ...(props.renders ? { FONTS_DIR: '/var/task/fonts' } : {}),
        ...props.environment,
      },
      bundling: {
        // The esbuild options shared with the bundle budget test and the benchmarks.
        target: LAMBDA_BUNDLING.target,
        format: LAMBDA_BUNDLING.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        banner: LAMBDA_BUNDLING.banner,
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        sourcesContent: LAMBDA_BUNDLING.sourcesContent,
        // Replaces CDK's default externals, so the AWS SDK stays bundled either way: ship the SDK
        // versions from package-lock.json, the ones the local runtime and the integration tests
        // run against, instead of whatever the Lambda runtime carries.
        externalModules: [...LAMBDA_BUNDLING.external],
        bundleAwsSDK: true,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // Page, email and document templates are read from disk at run time.
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp -R "${inputDir}/templates" "${outputDir}/templates"`,
            ...(props.renders
              ? [
                  `mkdir -p "${outputDir}/fonts"`,
                  ...FONT_FILES.map(
                    (font) => `cp "${inputDir}/node_modules/${font.package}/${font.file}" "${outputDir}/fonts/"`,
                  ),
                ]
              : []),
          ],
        },
      },
    });

    // Every function's role gets these two from CDK itself; acknowledged once here.
    const partition = '<AWS::Partition>';
    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions-IAM4[Policy::arn:${partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
        reason:
          'The AWS managed basic execution policy only allows writing to CloudWatch Logs; the function logs to its own log group.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (tracing is on).',
      },
    );
  }

  /** `TABLE_NAME` + read/write access to the items of the one table and its indexes. */
  bindTable(table: dynamodb.ITable): this {
    this.addEnvironment(ENV.tableName, table.tableName);
    table.grantReadWriteData(this);
    this.acknowledgeGrant(
      `Resource::<${logicalIdOf(table)}.Arn>/index/*`,
      'Queries on the single table must reach its GSIs; the grant is limited to this one table and its own indexes.',
    );
    return this;
  }

  /** `DOCUMENTS_BUCKET` + read/write access to the objects of the documents bucket. */
  bindDocuments(bucket: s3.IBucket): this {
    this.addEnvironment(ENV.documentsBucket, bucket.bucketName);
    bucket.grantReadWrite(this);
    const reason =
      'CDK grantReadWrite on the documents bucket: object-level wildcards (GetObject*, List*, DeleteObject*, Abort*) ' +
      'on this one bucket only; document keys are generated at run time.';
    for (const finding of [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::<${logicalIdOf(bucket)}.Arn>/*`,
    ]) {
      this.acknowledgeGrant(finding, reason);
    }
    return this;
  }

  /** `EMAIL_QUEUE_URL` + permission to put messages on the email outbox queue. */
  bindEmailQueue(queue: sqs.IQueue): this {
    this.addEnvironment(ENV.emailQueueUrl, queue.queueUrl);
    queue.grantSendMessages(this);
    return this;
  }

  private acknowledgeGrant(finding: string, reason: string): void {
    Validations.of(this).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/**
 * The logical id of a construct's CloudFormation resource: cdk-nag names resources by it in
 * finding ids such as `AwsSolutions-IAM5[Resource::<Table1234ABCD.Arn>/index/*]`.
 */
export function logicalIdOf(construct: Construct): string {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no default CloudFormation resource`);
  return Stack.of(construct).getLogicalId(resource as CfnElement);
}
