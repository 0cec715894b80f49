import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './global-setup.ts';

/** `npm start` as a newcomer runs it: a child process, its output, its ports, Ctrl-C. */
const START = 'infra/local/start.ts';
const dataDir = mkdtempSync(join(tmpdir(), 'u4ssc-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function ports() {
  return {
    PORT: await freePort(),
    DYNAMODB_PORT: await freePort(),
    SES_PORT: await freePort(),
    S3_PORT: await freePort(),
  };
}

type Ports = Awaited<ReturnType<typeof ports>>;

function start(p: Ports, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const child = spawn(process.execPath, [START, ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)])),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (stdout.includes('Ctrl-C stops everything') && stdout.includes('Seed data')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${stderr}`));
    });
  });
  ready.catch(() => undefined); // awaited only by the tests that expect a start
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, out: () => stdout, err: () => stderr };
}

/** Local addresses of the sockets listening on a port, read from the kernel's tables. */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local) continue; // 0A = LISTEN
      const [address = '', hexPort = ''] = local.split(':');
      if (Number.parseInt(hexPort, 16) === port) found.push(address);
    }
  }
  return found;
}

const LOOPBACK_V4 = '0100007F';
const LOOPBACK_V4_MAPPED = '0000000000000000FFFF00000100007F';

async function stop(run: ReturnType<typeof start>) {
  run.child.kill('SIGINT');
  return run.exited;
}

describe('npm start', () => {
  let p: Ports;
  let first: ReturnType<typeof start> | undefined;

  it('starts everything on 127.0.0.1 only, seeds the data and prints the URLs', async () => {
    p = await ports();
    first = start(p);
    await first.ready;
    expect(first.out()).toContain(`http://127.0.0.1:${p.PORT}/`);
    expect(first.out()).toContain(`http://127.0.0.1:${p.SES_PORT}/`);
    expect(first.out()).toMatch(/Seed data: 37 records created, 0 already there/);
    for (const port of Object.values(p)) {
      const addresses = listeners(port);
      expect(addresses.length, `something listens on ${port}`).toBeGreaterThan(0);
      for (const address of addresses) expect([LOOPBACK_V4, LOOPBACK_V4_MAPPED]).toContain(address.toUpperCase());
    }
    const meetings = await fetch(`http://127.0.0.1:${p.PORT}/api/meetings`).then((r) => r.json());
    expect(JSON.stringify(meetings)).toContain('u4ssc-6');
    const sesViewer = await fetch(`http://127.0.0.1:${p.SES_PORT}/`);
    expect(sesViewer.status).toBe(200);
  }, 90_000);

  it('Ctrl-C stops every child process and frees every port', async () => {
    if (!first) throw new Error('first start did not run');
    expect(await stop(first)).toBe(0);
    for (const port of Object.values(p)) expect(listeners(port)).toEqual([]);
  }, 30_000);

  it('a second start keeps the data and seeds nothing twice', async () => {
    const second = start(p);
    await second.ready;
    expect(second.out()).toMatch(/table u4ssc-local: existing/);
    expect(second.out()).toMatch(/Seed data: 0 records created, 37 already there/);
    expect(await stop(second)).toBe(0);
  }, 90_000);

  it('a port in use is one clear line and a non-zero exit', async () => {
    const busy: Server = createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => busy.listen(taken, '127.0.0.1', resolve));
    try {
      const run = start({ ...(await ports()), SES_PORT: taken });
      const code = await run.exited;
      expect(code).not.toBe(0);
      expect(run.err().trim()).toBe(
        `Port ${taken} on 127.0.0.1 is already in use; the SES emulator (SES_PORT) needs it (stop the other process or set another port).`,
      );
    } finally {
      busy.close();
    }
  }, 30_000);

  it('missing Java is one clear line and a non-zero exit', async () => {
    const run = start(await ports(), { PATH: '/nonexistent' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(run.err().trim()).toMatch(/^Java was not found: DynamoDB Local needs Java 17 or newer/);
    expect(run.err().trim().split('\n')).toHaveLength(1);
  }, 30_000);

  it('npm run token prints a token that the started platform accepts', async () => {
    const result = spawnSync(
      process.execPath,
      ['infra/local/token.ts', '--role', 'partner', '--email', 'partner@demo.u4ssc.local'],
      {
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const run = start(await ports().then((fresh) => (p = fresh)));
    await run.ready;
    const me = await fetch(`http://127.0.0.1:${p.PORT}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ roles: ['partner'], name: 'Demo Partner Representative' });
    expect(await stop(run)).toBe(0);
  }, 90_000);

  it('honours RATE_LIMIT_PER_MINUTE and MAIL_RATE_PER_SECOND, and names the real data directory', async () => {
    const run = start(await ports().then((fresh) => (p = fresh)), {
      RATE_LIMIT_PER_MINUTE: '3',
      MAIL_RATE_PER_SECOND: '2',
    });
    await run.ready;
    expect(run.out()).toContain('3 public writes per client and minute (RATE_LIMIT_PER_MINUTE), 2 emails a second');
    expect(run.out()).toContain(`data in ${join(dataDir, 'dynamodb')}`);
    expect(run.out()).toContain(`documents in ${join(dataDir, 's3')}`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`http://127.0.0.1:${p.PORT}/api/meetings/u4ssc-demo/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
    expect(await stop(run)).toBe(0);
  }, 90_000);

  it('an unusable setting is one clear line and exit status 2', async () => {
    const run = start(await ports(), { MAIL_RATE_PER_SECOND: 'fast' });
    expect(await run.exited).toBe(2);
    expect(run.err().trim()).toBe('MAIL_RATE_PER_SECOND=fast is not a rate above 0.');
  });

  it('DynamoDB Local dying (kill -9) stops the platform with one line and a non-zero exit', async () => {
    const run = start(await ports().then((fresh) => (p = fresh)));
    await run.ready;
    const pid = Number(/DynamoDB Local\s+\S+\s+\(pid (\d+)/.exec(run.out())?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    expect(await run.exited).toBe(1);
    expect(run.err().trim()).toBe(
      `DynamoDB Local (pid ${pid}) was killed (SIGKILL): the platform stopped. Data stays in ${dataDir}; start it again with npm start.`,
    );
    for (const port of Object.values(p)) expect(listeners(port)).toEqual([]);
  }, 90_000);

  it('a data file emptied after it held data is refused, naming it; --reseed starts afresh', async () => {
    const file = join(dataDir, 'dynamodb', 'shared-local-instance.db');
    writeFileSync(file, '');
    const refused = start(await ports());
    expect(await refused.exited).toBe(1);
    expect(refused.err().trim().split('\n')).toHaveLength(1);
    expect(refused.err()).toContain(`${file} has lost the data it held (table u4ssc-local is missing`);
    expect(refused.err()).toContain('npm start -- --reseed');

    const reseeded = start(await ports(), {}, ['--reseed']);
    await reseeded.ready;
    expect(reseeded.out()).toMatch(/Seed data: 37 records created, 0 already there/);
    expect(await stop(reseeded)).toBe(0);
  }, 120_000);

  it('a corrupt data file is named with its cause', async () => {
    const file = join(dataDir, 'dynamodb', 'shared-local-instance.db');
    writeFileSync(file, Buffer.alloc(20_000, 7));
    const refused = start(await ports());
    expect(await refused.exited).toBe(1);
    expect(refused.err().trim().split('\n')).toHaveLength(1);
    expect(refused.err()).toContain(`DynamoDB Local cannot use its data file ${file}: file `);
    expect(refused.err().trim()).toMatch(
      /: file (is encrypted or )?is not a database — move it away and start afresh with npm start -- --reseed, or restore a copy\.$/,
    );
  }, 90_000);

  it('npm run token refuses an unknown role with a usage line', () => {
    const result = spawnSync(process.execPath, ['infra/local/token.ts', '--role', 'emperor', '--email', 'a@b.org'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown role: emperor.');
  });
});
