import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';
import { precompileTemplates } from '../../infra/tools/precompile-templates.ts';

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

/**
 * `templates/` as a bundle has it beside itself: copied into `dir` and precompiled, as the
 * Lambda construct does (the bundles carry Handlebars' runtime only). Returns the folder, for
 * TEMPLATES_DIR.
 */
export function bundleTemplates(dir: string): string {
  const out = join(dir, 'templates');
  cpSync(join(REPO_ROOT, 'templates'), out, { recursive: true });
  precompileTemplates(out);
  return out;
}
