import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RouteDefinition } from '../functions/routes.ts';
import { type DeploymentConfig, readDeploymentConfig, stackName } from './config.ts';
import { U4sscStack } from './stack.ts';

/**
 * Feature flags the stack relies on. They are set here rather than only in cdk.json so that
 * the tests (which build the app without the CLI) get exactly the app `cdk synth` builds.
 */
const FEATURE_FLAGS = {
  // Server access logs are delivered through a bucket policy, not the legacy ACL, so the log
  // bucket can keep ACLs disabled (BucketOwnerEnforced).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
};

export interface U4sscApp {
  readonly app: App;
  readonly stack: U4sscStack;
  readonly nag: AwsSolutionsChecks;
}

export interface CreateAppOptions {
  /** Added to the app's context (CLI `-c` values still arrive through the CLI's own channel). */
  readonly context?: Record<string, unknown>;
  /**
   * Run the cdk-nag checks at synth (a finding then fails the synth). Only tests that look
   * at something else turn this off, so that a nag finding fails the nag test alone.
   * @default true
   */
  readonly nag?: boolean;
  /** Routes to serve instead of `ROUTES` (a test checks the stack's size with many more). */
  readonly routes?: readonly RouteDefinition[];
}

/** Builds the app with its one stack and the cdk-nag AWS Solutions checks. */
export function createApp(options: CreateAppOptions = {}): U4sscApp {
  const app = new App({ context: { ...FEATURE_FLAGS, ...options.context } });
  // Stage, region, mail domain…: checked here, before anything is built.
  const config: DeploymentConfig = readDeploymentConfig((key) => app.node.tryGetContext(key), {
    account: process.env.CDK_DEFAULT_ACCOUNT,
  });
  const stack = new U4sscStack(app, stackName(config.stage), {
    description: `U4SSC platform (${config.stage}): meetings, registrations, documents and mail`,
    // The region is explicit (context `region`, default in infra/config.ts), never the CLI's guess.
    env: { account: config.account, region: config.region },
    config,
    ...(options.routes ? { routes: options.routes } : {}),
  });
  // A finding that is neither fixed nor acknowledged with a reason fails the synth.
  const nag = new AwsSolutionsChecks(app);
  if (options.nag !== false) Validations.of(app).addPlugins(nag);
  return { app, stack, nag };
}
