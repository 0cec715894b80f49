import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { mappedStack } from '../../functions/http/stack-map.ts';

const dir = mkdtempSync(join(tmpdir(), 'u4ssc-stack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `export function fail(): Error {
  try {
    // the throw is on line 5 of this file
    const value: number = Math.random() + 2;
    if (value > 1) throw new Error('boom');
    return new Error('unreachable');
  } catch (error) {
    return error as Error;
  }
}
`;

describe('stacks of logged errors, mapped on the error path only', () => {
  it('turns a bundled frame into its source file and line, reading the map beside the bundle', async () => {
    writeFileSync(join(dir, 'failing.ts'), SOURCE);
    const outfile = join(dir, 'bundle', 'index.mjs');
    await build({
      entryPoints: [join(dir, 'failing.ts')],
      bundle: true,
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      outfile,
      logLevel: 'error',
    });
    // In a plain Node process, as in Lambda (the test runner maps stacks itself).
    const script = `
      const { fail } = await import(process.argv[1]);
      const { mappedStack } = await import(process.argv[2]);
      const error = fail();
      process.stdout.write(JSON.stringify({ enabled: process.sourceMapsEnabled, raw: error.stack, mapped: mappedStack(error.stack) }));`;
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        script,
        pathToFileURL(outfile).href,
        new URL('../../functions/http/stack-map.ts', import.meta.url).href,
      ],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(child.stderr).toBe('');
    const { enabled, raw, mapped } = JSON.parse(child.stdout) as { enabled: boolean; raw: string; mapped: string };
    expect(enabled).toBe(false);
    expect(raw).toContain('index.mjs:1:');
    expect(mapped).toMatch(/failing\.ts:5:\d+/);
    expect(mapped).not.toContain('index.mjs');
    expect(mapped.split('\n')[0]).toBe('Error: boom');
  });

  it('leaves frames without a map beside them, and an absent stack, as they are', () => {
    const stack = 'Error: x\n    at f (file:///nowhere/index.mjs:1:10)\n    at node:internal/modules/esm:1:1';
    expect(mappedStack(stack)).toBe(stack);
    expect(mappedStack(undefined)).toBeUndefined();
  });
});
