import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LambdaBundle {
  /** Absolute path of the `index.mjs` written. */
  file: string;
  /** Size of `index.mjs` alone, without its source map. */
  bytes: number;
}

/**
 * Bundles `entry` as the CDK does (the options of infra/constructs/bundling.ts, which the
 * Lambda construct uses too), into `<outDir>/index.mjs` (+ `.map`).
 */
export async function bundleLambda(entry: string, outDir: string): Promise<LambdaBundle> {
  const file = join(outDir, 'index.mjs');
  await build({ ...esbuildOptions(), absWorkingDir: REPO_ROOT, entryPoints: [entry], outfile: file });
  return { file, bytes: statSync(file).size };
}
