import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName } from '../../functions/routes.ts';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';

/**
 * Every Lambda function's bundle, made from its entry (functions/lambdas/<name>.ts) with the
 * options the CDK construct uses (infra/constructs/bundling.ts): what it weighs, minified and
 * without its source map, and which sources reached it (esbuild's metafile: an input with no
 * byte in the output was tree-shaken away).
 */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KB = 1024;

/** A function that renders no PDF. */
const BUDGET = 600 * KB;
/**
 * A function that renders PDFs (the fonts are copied beside the bundle, not into it): 1.0 MB
 * today, 1.4–1.5 MB when it carried brotli's WOFF2 decoder.
 */
const RENDERING_BUDGET = 1.2 * KB * KB;

/**
 * The PDF engine: only functions that render may carry any byte of it. Metafile paths are
 * relative to the repository root (`../…` for a dependency installed above it).
 */
const PDF_ENGINE = /(^|\/)node_modules\/(pdfkit|fontkit)\/|^functions\/documents\/pdf\.ts$/;

interface Bundle {
  bytes: number;
  /** Source files with at least one byte in the output. */
  carried: string[];
}

const bundles = new Map<FunctionName, Bundle>();

async function bundle(name: FunctionName): Promise<Bundle> {
  const result = await build({
    ...esbuildOptions(),
    absWorkingDir: REPO_ROOT,
    entryPoints: [`functions/lambdas/${name}.ts`],
    outfile: `out/${name}/index.mjs`,
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  const output: Metafile['outputs'][string] | undefined = Object.values(result.metafile.outputs).find(
    (candidate) => candidate.entryPoint,
  );
  if (!js || !output) throw new Error(`esbuild wrote no bundle for ${name}`);
  const carried = Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { bytes: js.contents.length, carried };
}

const rendering = FUNCTION_NAMES.filter((name) => FUNCTIONS[name].renders);
const nonRendering = FUNCTION_NAMES.filter((name) => !FUNCTIONS[name].renders);

const bundleOf = (name: FunctionName): Bundle => {
  const found = bundles.get(name);
  if (!found) throw new Error(`${name} was not bundled`);
  return found;
};

describe('Lambda bundles', () => {
  beforeAll(async () => {
    const built = await Promise.all(FUNCTION_NAMES.map(async (name) => [name, await bundle(name)] as const));
    for (const [name, result] of built) bundles.set(name, result);
  }, 180_000);

  it('has functions of both kinds to check', () => {
    expect(rendering.length).toBeGreaterThan(0);
    expect(nonRendering.length).toBeGreaterThan(0);
  });

  it.each(nonRendering)('%s (no PDF) weighs at most 600 KB minified, without source map', (name) => {
    const { bytes } = bundleOf(name);
    expect(bytes, `${name}: ${bytes} bytes`).toBeLessThanOrEqual(BUDGET);
  });

  it.each(rendering)('%s (renders PDFs) weighs at most 1.2 MB minified, without source map', (name) => {
    const { bytes } = bundleOf(name);
    expect(bytes, `${name}: ${bytes} bytes`).toBeLessThanOrEqual(RENDERING_BUDGET);
  });

  it.each(nonRendering)('%s (no PDF) carries nothing of pdfkit, fontkit or documents/pdf.ts', (name) => {
    expect(bundleOf(name).carried.filter((path) => PDF_ENGINE.test(path))).toEqual([]);
  });

  it.each(rendering)('%s (renders PDFs) does carry the PDF engine, but not the WOFF2 decoder', (name) => {
    const carried = bundleOf(name).carried;
    expect(carried).toContain('functions/documents/pdf.ts');
    expect(carried.some((path) => /(^|\/)node_modules\/pdfkit\//.test(path))).toBe(true);
    expect(carried.some((path) => /(^|\/)node_modules\/fontkit\//.test(path))).toBe(true);
    expect(carried.filter((path) => /(^|\/)node_modules\/brotli\//.test(path))).toEqual([]);
    expect(carried).toContain('functions/documents/no-woff2.ts');
  });
});

describe('the PDF engine as bundled', () => {
  it('renders Russian (TTF fonts) and Hebrew (a WOFF font) without the WOFF2 decoder; the fonts shipped hold no WOFF2', async () => {
    const { FONT_FILES } = await import('../../functions/documents/fonts.ts');
    expect(FONT_FILES.filter((font) => !/\.(ttf|woff)$/.test(font.file))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'u4ssc-bundled-pdf-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        `import { renderPdf } from ${JSON.stringify(join(REPO_ROOT, 'functions/documents/pdf.ts'))};
const pdf = await renderPdf({
  lang: 'ru', title: 'Проверка', continuationHeader: 'Проверка', annexes: [],
  blocks: [{ type: 'paragraph', runs: [{ text: 'Съезд в Женеве и שלום עולם' }] }],
});
process.stdout.write(JSON.stringify({ bytes: pdf.length, head: pdf.subarray(0, 5).toString('latin1') }));
`,
      );
      await build({
        ...esbuildOptions(),
        absWorkingDir: REPO_ROOT,
        entryPoints: [entry],
        outfile: join(dir, 'index.mjs'),
      });
      // As in Lambda: the fonts copied beside the bundle (FONTS_DIR), none from node_modules.
      const require = createRequire(import.meta.url);
      mkdirSync(join(dir, 'fonts'));
      for (const font of FONT_FILES) {
        copyFileSync(require.resolve(`${font.package}/${font.file}`), join(dir, 'fonts', basename(font.file)));
      }
      const out = execFileSync(process.execPath, [join(dir, 'index.mjs')], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, FONTS_DIR: join(dir, 'fonts') },
      });
      const result = JSON.parse(out) as { bytes: number; head: string };
      expect(result.head).toBe('%PDF-');
      expect(result.bytes).toBeGreaterThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
