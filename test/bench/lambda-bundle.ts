import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The esbuild options of the Lambda bundles, replicated from `infra/constructs/u4ssc-function.ts`
 * (its `bundling` props are not exported as a constant), translated the way aws-cdk-lib's
 * NodejsFunction turns them into esbuild arguments: `--bundle --target=node24 --platform=node
 * --format=esm --minify --sourcemap --main-fields=module,main --banner:js=…`, and no
 * `--external` because `bundleAwsSDK: true`. Keep the two in step when the construct changes.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24', // lambda.Runtime.NODEJS_24_X
  minify: true,
  sourcemap: true, // SourceMapMode.DEFAULT: a linked index.mjs.map beside the bundle
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  absWorkingDir: REPO_ROOT, // projectRoot
  logLevel: 'warning',
} as const satisfies BuildOptions;

export interface LambdaBundle {
  /** Absolute path of the `index.mjs` written. */
  file: string;
  /** Size of `index.mjs` alone, without its source map. */
  bytes: number;
}

/** Bundles `entry` as the CDK would, into `<outDir>/index.mjs` (+ `.map`). */
export async function bundleLambda(entry: string, outDir: string): Promise<LambdaBundle> {
  const file = join(outDir, 'index.mjs');
  await build({ ...LAMBDA_BUILD_OPTIONS, entryPoints: [entry], outfile: file });
  return { file, bytes: statSync(file).size };
}
