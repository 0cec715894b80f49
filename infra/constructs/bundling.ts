import type { BuildOptions } from 'esbuild';

/**
 * esbuild's ESM output has no `require`; CommonJS dependencies that call it (directly or
 * through esbuild's `__require` shim) get one made from the module's own URL.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * How every Lambda function is bundled, in one place. The construct (u4ssc-function.ts) maps
 * these to NodejsFunction `bundling` props, which aws-cdk-lib turns into esbuild CLI arguments
 * (`--bundle --platform=node --target=… --format=esm --minify --sourcemap
 * --sources-content=false --external:… --main-fields=… --banner:js=…`); the bundle budget test
 * (test/infra/bundles.test.ts) and the benchmarks map them to esbuild's API with
 * `esbuildOptions()`. Change them here only.
 */
export const LAMBDA_BUNDLING = {
  /** lambda.Runtime.NODEJS_24_X. */
  target: 'node24',
  format: 'esm',
  minify: true,
  /** ESM builds first: the AWS SDK's `dist-es` tree-shakes, its `dist-cjs` bundles every command. */
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  /**
   * Source maps stay, without the sources: a logged error's stack is mapped to TypeScript
   * file:line (functions/http/stack-map.ts reads the map beside the bundle the first time an
   * error is logged), which is what an incident needs, while the sources themselves are in the
   * repository. Without the sources the map is 1.2–2.9 MB a function; Node's
   * `--enable-source-maps` would read it at every cold start, so the functions run without it.
   */
  sourceMap: true,
  sourcesContent: false,
  /**
   * Not bundled.
   * - `@aws-sdk/*`: the AWS SDK v3 that the Lambda Node.js 24 runtime carries. Bundled, the SDK
   *   (its DynamoDB client, credential chain and ElectroDB's use of lib-dynamodb) made every
   *   function 660–970 KB; from the runtime, the largest non-rendering function is ~500 KB and
   *   cold starts are no slower. The price: in AWS the SDK is the runtime's (a recent v3), not
   *   the lockfile's version the tests run against; the calls used are stable v3 APIs.
   */
  external: ['@aws-sdk/*'],
  /**
   * Replaced in the bundles (by a package, or a file named from the repository root).
   * `brotli/decompress.js`: fontkit's WOFF2 decoder, a third of a rendering bundle (486 KB of
   * 1.49 MB) and ~20 ms of its import,
   * for fonts the functions never load (they ship TTF and WOFF: functions/documents/fonts.ts);
   * the stand-in throws if a WOFF2 font were ever read. `jsonschema`: ElectroDB's validation of
   * each entity's model as it is built (29 KB and ~7 ms of a cold start); the models are fixed in
   * the code and validated by the real library wherever the code runs unbundled (tests, `npm start`).
   * `handlebars`: its runtime alone (18 KB instead of 84 KB, ~4 ms of import instead of ~17 ms);
   * the templates are precompiled beside the bundle (infra/tools/precompile-templates.ts), so no
   * compiler is needed and none compiles at the first call. `tiny-inflate`: the same inflater
   * by Node's zlib (functions/documents/inflate.ts), for the Unicode tables the PDF engine
   * inflates at import (~9 ms of a rendering cold start in JavaScript). `@noble/ciphers/aes`:
   * pdfkit's AES, only for password-protected PDFs, which the platform never makes; imported, it
   * builds its tables (~5 ms of a rendering cold start); the stand-in throws if ever called.
   */
  alias: {
    handlebars: 'handlebars/runtime',
    'brotli/decompress.js': './functions/documents/no-woff2.ts',
    jsonschema: './functions/adapters/dynamodb/no-model-validation.ts',
    'tiny-inflate': './functions/documents/tiny-inflate.cjs',
    '@noble/ciphers/aes': './functions/documents/no-pdf-encryption.ts',
  },
} as const;

/** `LAMBDA_BUNDLING` as esbuild build options (what NodejsFunction passes on its command line). */
export function esbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLING.target,
    format: LAMBDA_BUNDLING.format,
    minify: LAMBDA_BUNDLING.minify,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    banner: { js: LAMBDA_BUNDLING.banner },
    // SourceMapMode.DEFAULT: a linked index.mjs.map beside the bundle.
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    external: [...LAMBDA_BUNDLING.external],
    alias: { ...LAMBDA_BUNDLING.alias },
    logLevel: 'warning',
  };
}
