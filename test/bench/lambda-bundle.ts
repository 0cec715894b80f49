import { copyFileSync, cpSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { FONT_FILES } from '../../functions/documents/fonts.ts';
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

/**
 * The fonts as a rendering bundle has them beside itself (FONTS_DIR): the font files and the PDF
 * fast path's digests of them, copied into `dir/fonts` as the Lambda construct copies them.
 */
export function bundleFonts(dir: string): string {
  const out = join(dir, 'fonts');
  mkdirSync(out, { recursive: true });
  const require = createRequire(import.meta.url);
  for (const font of FONT_FILES)
    copyFileSync(require.resolve(`${font.package}/${font.file}`), join(out, basename(font.file)));
  const digests = join(REPO_ROOT, 'functions', 'documents', 'font-digests');
  for (const file of readdirSync(digests)) copyFileSync(join(digests, file), join(out, file));
  return out;
}
