import { join, resolve } from 'node:path';

/**
 * The settings of the local platform, read from the environment the same way by `npm start`
 * and `npm run job` (so a job always targets the platform that `npm start` runs): the data
 * directory, the four ports, the rate limit of public forms and the sending rate.
 */
export class SettingError extends Error {}

export interface LocalSettings {
  /** Absolute. */
  dataDir: string;
  ports: { app: number; dynamodb: number; ses: number; s3: number };
  rateLimitPerMinute: number;
  mailRatePerSecond: number;
}

export const DEFAULTS = {
  PORT: 3000,
  DYNAMODB_PORT: 8000,
  SES_PORT: 8005,
  S3_PORT: 4568,
  RATE_LIMIT_PER_MINUTE: 30,
  MAIL_RATE_PER_SECOND: 14,
} as const;

export function localSettings(env: NodeJS.ProcessEnv, root: string): LocalSettings {
  const number = (name: keyof typeof DEFAULTS, test: (n: number) => boolean, what: string) => {
    const raw = env[name]?.trim();
    if (!raw) return DEFAULTS[name];
    const value = Number(raw);
    if (!test(value)) throw new SettingError(`${name}=${raw} is not ${what}.`);
    return value;
  };
  const port = (name: keyof typeof DEFAULTS) =>
    number(name, (n) => Number.isInteger(n) && n >= 1 && n <= 65535, 'a port number');
  return {
    dataDir: resolve(env.DATA_DIR?.trim() || join(root, '.data')),
    ports: { app: port('PORT'), dynamodb: port('DYNAMODB_PORT'), ses: port('SES_PORT'), s3: port('S3_PORT') },
    rateLimitPerMinute: number(
      'RATE_LIMIT_PER_MINUTE',
      (n) => Number.isInteger(n) && n >= 1,
      'a whole number of requests (1 or more)',
    ),
    mailRatePerSecond: number('MAIL_RATE_PER_SECOND', (n) => Number.isFinite(n) && n > 0, 'a rate above 0'),
  };
}
