/** The local runtime's settings and its reading of DynamoDB Local's failures; the errors that mean "try again later". */
import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../../functions/errors.ts';
import { dataFileProblem } from '../../infra/local/engines.ts';
import { localSettings, SettingError } from '../../infra/local/settings.ts';

describe('localSettings', () => {
  it('defaults: ports, .data under the project, 30 writes a minute, 14 emails a second', () => {
    expect(localSettings({}, '/project')).toEqual({
      dataDir: '/project/.data',
      ports: { app: 3000, dynamodb: 8000, ses: 8005, s3: 4568 },
      rateLimitPerMinute: 30,
      mailRatePerSecond: 14,
    });
  });

  it('honours every variable, and resolves a relative DATA_DIR', () => {
    const settings = localSettings(
      { DATA_DIR: 'elsewhere', PORT: '3100', RATE_LIMIT_PER_MINUTE: '5', MAIL_RATE_PER_SECOND: '0.5' },
      '/project',
    );
    expect(settings.dataDir).toBe(`${process.cwd()}/elsewhere`);
    expect(settings.ports.app).toBe(3100);
    expect(settings.rateLimitPerMinute).toBe(5);
    expect(settings.mailRatePerSecond).toBe(0.5);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT=70000 is not a port number.'],
    [{ DYNAMODB_PORT: 'x' }, 'DYNAMODB_PORT=x is not a port number.'],
    [{ RATE_LIMIT_PER_MINUTE: '2.5' }, 'RATE_LIMIT_PER_MINUTE=2.5 is not a whole number of requests (1 or more).'],
    [{ MAIL_RATE_PER_SECOND: '0' }, 'MAIL_RATE_PER_SECOND=0 is not a rate above 0.'],
  ])('refuses %o in one line', (env, message) => {
    expect(() => localSettings(env, '/project')).toThrow(new SettingError(message));
  });
});

describe('dataFileProblem', () => {
  it("names SQLite's cause from DynamoDB Local's output", () => {
    const output = [
      'WARNING: [sqlite] SQLiteDBAccess$1@3545e569: job exception',
      "com.almworks.sqlite4java.SQLiteBusyException: [5] DB[1] prepare() SELECT name FROM sqlite_master WHERE type='table' AND name='cf'; [database is locked]",
      '\tat com.almworks.sqlite4java.SQLiteConnection.throwResult(SQLiteConnection.java:1432)',
    ].join('\n');
    expect(dataFileProblem(output)).toBe('database is locked');
    expect(
      dataFileProblem(
        'com.almworks.sqlite4java.SQLiteException: [26] DB[1] prepare() SELECT 1; [file is encrypted or is not a database]',
      ),
    ).toBe('file is encrypted or is not a database');
  });

  it('is undefined when DynamoDB Local said nothing about its file', () => {
    expect(dataFileProblem('Initializing DynamoDB Local with the following configuration:')).toBeUndefined();
  });
});

describe('isUnavailable', () => {
  const wrapped = (cause: unknown) => Object.assign(new Error('Error thrown by DynamoDB client'), { cause });

  it('sees a refused connection or a throttle, also wrapped', () => {
    expect(isUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isUnavailable(wrapped(Object.assign(new Error('x'), { code: 'ECONNRESET' })))).toBe(true);
    expect(isUnavailable(wrapped(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
  });

  it('does not take a bug or a refusal for an outage', () => {
    expect(isUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isUnavailable(wrapped(Object.assign(new Error('no'), { name: 'ValidationException' })))).toBe(false);
    expect(isUnavailable(undefined)).toBe(false);
  });
});
