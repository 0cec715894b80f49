import { fileURLToPath } from 'node:url';
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { AwsResource, Permission } from '../../functions/adapters/permissions.ts';
import { ENV } from '../../functions/config.ts';
import { FONT_FILES } from '../../functions/documents/fonts.ts';
import { LAMBDA_BUNDLING } from './bundling.ts';

/** The repository root: `projectRoot` for esbuild and the place `templates/` is copied from. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What the health page reports as the engines behind the adapters, in AWS. */
const ENGINE_VERSIONS = { dynamodb: 'Amazon DynamoDB', s3: 'Amazon S3', ses: 'Amazon SES v2' };

export interface U4sscFunctionProps {
  /** The function's name in FUNCTIONS; its entry is functions/lambdas/<name>.ts, exporting `handler`. */
  readonly name: string;
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
 * A Lambda function for one entry under functions/lambdas/, with every default the project
 * uses in one place: Node.js 24 on ARM64, X-Ray tracing, its own log group, an ESM bundle
 * with source maps and the `templates/` folder copied beside it, and a role of its own that
 * may write to that log group and nothing else until `grantAdapterPermissions` adds what the
 * function's adapters declare.
 */
export class U4sscFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: U4sscFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    // Instead of the AWS managed basic execution role (logs on every log group of the account):
    // the function writes to its own log group only.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Lambda function ${props.name}`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroup.logGroupArn}:*`],
      }),
    );
    super(scope, id, {
      entry: `${REPO_ROOT}functions/lambdas/${props.name}.ts`,
      role,
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
        // The AWS SDK comes from the Lambda runtime (see LAMBDA_BUNDLING.external).
        externalModules: [...LAMBDA_BUNDLING.external],
        // esbuild runs in the project root, where the aliases' paths start.
        esbuildArgs: Object.fromEntries(
          Object.entries(LAMBDA_BUNDLING.alias).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // Page, email and document templates are read from disk at run time, precompiled for
          // the Handlebars runtime the bundle carries (LAMBDA_BUNDLING.alias), with the Node
          // running this app.
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp -R "${inputDir}/templates" "${outputDir}/templates"`,
            `"${process.execPath}" "${inputDir}/infra/tools/precompile-templates.ts" "${outputDir}/templates"`,
            ...(props.renders
              ? [
                  `mkdir -p "${outputDir}/fonts"`,
                  ...FONT_FILES.map(
                    (font) => `cp "${inputDir}/node_modules/${font.package}/${font.file}" "${outputDir}/fonts/"`,
                  ),
                  // the PDF fast path's digests of its fonts (functions/documents/fonts.ts, digestPath)
                  `cp "${inputDir}/functions/documents/font-digests/"*.digest.json "${outputDir}/fonts/"`,
                ]
              : []),
          ],
        },
      },
    });

    this.acknowledgeGrant(
      `Resource::<${logicalIdOf(logGroup)}.Arn>:*`,
      "Log streams are created by Lambda at run time inside the function's own log group; nothing else is reachable.",
    );
    this.acknowledgeGrant(
      'Resource::*',
      'X-Ray PutTraceSegments/PutTelemetryRecords (tracing is on) and any declared action that takes no resource ' +
        '(SES GetAccount) cannot be scoped to a resource.',
    );
  }

  /**
   * Grants what the adapters bundled in this function declare (functions/adapters/permissions.ts),
   * with each named resource resolved to its ARNs; `fromAddress` is the one address SES may send as.
   */
  grantAdapterPermissions(
    permissions: readonly Permission[],
    arns: Readonly<Record<AwsResource, readonly string[]>>,
    fromAddress: string,
  ): this {
    for (const permission of permissions) {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: [...permission.actions],
          resources: permission.resources.flatMap((resource) => arns[resource]),
          ...(permission.fromAddressOnly ? { conditions: { StringEquals: { 'ses:FromAddress': fromAddress } } } : {}),
        }),
      );
    }
    return this;
  }

  /** Acknowledges a wildcard finding on this function's role, where the wildcard is in its policy. */
  acknowledgeWildcard(finding: string, reason: string): this {
    this.acknowledgeGrant(finding, reason);
    return this;
  }

  private acknowledgeGrant(finding: string, reason: string): void {
    // Findings on the grants are reported on the role's policy, which is not under the function.
    Validations.of(this.role ?? this).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
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
