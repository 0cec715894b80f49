/**
 * The deployment's parameters, read once from CDK context (`-c key=value` or cdk.json) and
 * checked before anything is built, so that a wrong or missing value fails `cdk synth` with a
 * sentence saying what to pass.
 */
export const STAGES = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Frankfurt: an EU region (the secretariat and most personal data are in Europe; Geneva is
 * an hour away), where SES (with its v2 API and DKIM), Cognito's managed login, HTTP APIs and
 * EventBridge Scheduler are all available. Any region offering those works: `-c region=…`.
 */
export const DEFAULT_REGION = 'eu-central-1';
export const DEFAULT_MAIL_DOMAIN = 'u4ssc.example.org';
export const DEFAULT_SECRETARIAT_EMAIL = 'u4ssc@itu.int';

export interface DeploymentConfig {
  readonly stage: Stage;
  readonly region: string;
  /** Account id; when absent, the CLI's credentials decide (CDK_DEFAULT_ACCOUNT). */
  readonly account: string | undefined;
  /** Domain the platform sends email from (SES domain identity, no-reply From, Cognito's email). */
  readonly mailDomain: string;
  /** Reply-To of every message and the contact shown to users. */
  readonly secretariatEmail: string;
  /** Where alarms are emailed (SNS subscription); required outside dev. */
  readonly alarmEmail: string | undefined;
  /** Prefix of the Cognito sign-in domain (<prefix>.auth.<region>.amazoncognito.com), unique per region. */
  readonly authDomainPrefix: string;
  /** The account's SES sending rate; the senders share it. */
  readonly mailRatePerSecond: number;
  /** Custom domain of the site (with an ACM certificate in the same region), else the API's own URL. */
  readonly domainName: string | undefined;
  readonly certificateArn: string | undefined;
  /** Days a replaced or deleted document's old version is kept in the bucket. */
  readonly documentVersionsDays: number;
}

type Context = (key: string) => unknown;

export function readDeploymentConfig(context: Context, defaults: { account?: string } = {}): DeploymentConfig {
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`Context ${key} must be a string`);
    return String(value).trim();
  };
  const stage = (text('stage') ?? 'dev') as Stage;
  if (!STAGES.includes(stage)) {
    throw new Error(`Context stage must be one of ${STAGES.join(', ')} (got "${stage}"): -c stage=dev`);
  }
  const mailDomain = text('mailDomain');
  const alarmEmail = text('alarmEmail');
  if (stage !== 'dev') {
    const missing = [
      ...(mailDomain ? [] : ['-c mailDomain=<the domain email is sent from, e.g. u4ssc.example.int>']),
      ...(alarmEmail ? [] : ['-c alarmEmail=<the operator mailbox that receives alarms>']),
    ];
    if (missing.length) throw new Error(`Stage ${stage} needs ${missing.join(' and ')}.`);
  }
  if (mailDomain && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(mailDomain)) {
    throw new Error(`Context mailDomain "${mailDomain}" is not a domain name`);
  }
  for (const [key, value] of [
    ['alarmEmail', alarmEmail],
    ['secretariatEmail', text('secretariatEmail')],
  ] as const) {
    if (value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))
      throw new Error(`Context ${key} "${value}" is not an email address`);
  }
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('A custom domain needs both -c domainName=<host name> and -c certificateArn=<ACM certificate ARN>');
  }
  const number = (key: string, fallback: number, min: number): number => {
    const value = text(key);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`Context ${key} must be a whole number ≥ ${min}`);
    return parsed;
  };
  return {
    stage,
    region: text('region') ?? DEFAULT_REGION,
    account: text('account') ?? defaults.account,
    mailDomain: mailDomain ?? DEFAULT_MAIL_DOMAIN,
    secretariatEmail: text('secretariatEmail') ?? DEFAULT_SECRETARIAT_EMAIL,
    alarmEmail,
    authDomainPrefix: text('authDomainPrefix') ?? `u4ssc-${stage}`,
    mailRatePerSecond: number('mailRatePerSecond', 14, 1),
    domainName,
    certificateArn,
    documentVersionsDays: number('documentVersionsDays', 30, 1),
  };
}

/** `U4ssc-dev`, `U4ssc-prod`… */
export const stackName = (stage: Stage) => `U4ssc-${stage}`;
