import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, FUNCTIONS, type FunctionName } from '../../functions/routes.ts';
import { esbuildOptions } from '../../infra/constructs/bundling.ts';
import { bundleFonts, bundleTemplates } from '../bench/lambda-bundle.ts';

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

  it.each(rendering)(
    '%s (renders PDFs) does carry the PDF engine, but not the WOFF2 decoder, the JavaScript inflater nor AES',
    (name) => {
      const carried = bundleOf(name).carried;
      expect(carried).toContain('functions/documents/pdf.ts');
      expect(carried.some((path) => /(^|\/)node_modules\/pdfkit\//.test(path))).toBe(true);
      expect(carried.some((path) => /(^|\/)node_modules\/fontkit\//.test(path))).toBe(true);
      expect(carried.filter((path) => /(^|\/)node_modules\/brotli\//.test(path))).toEqual([]);
      expect(carried).toContain('functions/documents/no-woff2.ts');
      expect(carried.filter((path) => /(^|\/)node_modules\/tiny-inflate\//.test(path))).toEqual([]);
      expect(carried).toContain('functions/documents/inflate.ts');
      expect(carried.filter((path) => /(^|\/)node_modules\/@noble\/ciphers\//.test(path))).toEqual([]);
      expect(carried).toContain('functions/documents/no-pdf-encryption.ts');
    },
  );

  it.each(FUNCTION_NAMES)('%s carries Handlebars without its compiler (templates come precompiled)', (name) => {
    const carried = bundleOf(name).carried;
    expect(carried.filter((path) => /node_modules\/handlebars\/.*\/compiler\//.test(path))).toEqual([]);
    expect(carried.filter((path) => /(^|\/)node_modules\/source-map\//.test(path))).toEqual([]);
  });

  it.each(FUNCTION_NAMES)(
    '%s carries no classic zod (zod/mini alone), and of its locales English alone, set',
    (name) => {
      const carried = bundleOf(name).carried;
      expect(carried.filter((path) => /(^|\/)node_modules\/zod\/v4\/classic\//.test(path))).toEqual([]);
      expect(
        carried.filter((path) => /(^|\/)node_modules\/zod\/v4\/locales\/(?!en\.js$|index\.js$)/.test(path)),
      ).toEqual([]);
      if (carried.some((path) => /(^|\/)node_modules\/zod\//.test(path)))
        expect(carried).toContain('functions/validation/zod.ts');
    },
  );

  it.each(FUNCTION_NAMES)('%s carries ElectroDB without its model validator (jsonschema)', (name) => {
    const carried = bundleOf(name).carried;
    expect(carried.filter((path) => /(^|\/)node_modules\/jsonschema\//.test(path))).toEqual([]);
    if (carried.some((path) => /(^|\/)node_modules\/electrodb\//.test(path)))
      expect(carried).toContain('functions/adapters/dynamodb/no-model-validation.ts');
  });
});

/**
 * Bundles `source` as the functions are, in a folder of the repository (where the AWS SDK resolves,
 * as the runtime's does in Lambda), runs it with the variables `prepare` gives, and returns its stdout.
 */
async function runBundled(source: string, prepare?: (dir: string) => Record<string, string>) {
  const dir = mkdtempSync(join(REPO_ROOT, '.bundled-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, source);
    await build({
      ...esbuildOptions(),
      absWorkingDir: REPO_ROOT,
      entryPoints: [entry],
      outfile: join(dir, 'index.mjs'),
    });
    const env = prepare?.(dir) ?? {};
    return execFileSync(process.execPath, [join(dir, 'index.mjs')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...env },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A page (with a partial) in Arabic, every email to registrants in every language, and Circular
 * 352 in Russian and English: rendered unbundled (each template compiled from its source) and
 * by a bundle with Handlebars' runtime alone over the templates precompiled as the Lambda
 * construct leaves them; the two must be the same to the byte.
 */
const RENDER_ALL = `import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { circularDocument } from ${JSON.stringify(join(REPO_ROOT, 'functions/circulars/operations.ts'))};
import { LANGUAGES } from ${JSON.stringify(join(REPO_ROOT, 'functions/i18n/languages.ts'))};
import { renderEmail } from ${JSON.stringify(join(REPO_ROOT, 'functions/mail/render.ts'))};
import { registerPage } from ${JSON.stringify(join(REPO_ROOT, 'functions/pages/registration.ts'))};
import { renderPage } from ${JSON.stringify(join(REPO_ROOT, 'functions/pages/render.ts'))};
import { templatesDir } from ${JSON.stringify(join(REPO_ROOT, 'functions/templates-dir.ts'))};
import { MEETING_6 } from ${JSON.stringify(join(REPO_ROOT, 'infra/local/seed-data.ts'))};
import { CIRCULAR_352 } from ${JSON.stringify(join(REPO_ROOT, 'test/fixtures/circular-352.ts'))};
const now = new Date('2021-11-01T09:00:00Z');
const meeting = { ...MEETING_6, requiresApproval: false, seatsTaken: 0, calendarSequence: 0, notifiedSequence: 0, retentionDays: 180, version: 1 };
const values = {
  name: 'Amina <Diallo> & Co', promoted: true, cancelsCalendar: true, days: 7, reason: 'Capacity \u202e reserved',
  joiningDetails: 'https://meet.example.org/x\\nPasscode 2030',
  meeting: { title: 'Seventh U4SSC meeting', when: '7 December 2026, 10:00–15:30 Geneva time', format: 'Hybrid', eventUrl: 'https://www.itu.int/u4ssc' },
  links: { manage: 'https://u4ssc.example/m?token=abc', verify: 'https://u4ssc.example/v?token=def' },
};
const out = {
  page: renderPage('register', registerPage(meeting, 'ar', now, { name: 'x' }, { email: 'Enter an address.' })),
  emails: readdirSync(join(templatesDir(), 'emails')).filter((t) => t.endsWith('.to-registrant'))
    .flatMap((t) => LANGUAGES.map((lang) => renderEmail(t, lang, values))),
  documents: ['ru', 'en'].map((lang) => circularDocument(CIRCULAR_352, lang, now)),
};
process.stdout.write(JSON.stringify(out));
`;

describe('templates as bundled (Handlebars runtime, precompiled templates)', () => {
  it('render the same pages, emails and documents as compiled from their source', async () => {
    const bundled = await runBundled(RENDER_ALL, (dir) => ({ TEMPLATES_DIR: bundleTemplates(dir) }));
    const dir = mkdtempSync(join(REPO_ROOT, '.bundled-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, RENDER_ALL);
      const unbundled = execFileSync(process.execPath, [entry], { encoding: 'utf8', timeout: 60_000 });
      const parsed = JSON.parse(bundled) as { emails: unknown[]; page: string };
      expect(parsed.emails.length).toBeGreaterThanOrEqual(30);
      expect(parsed.page).toContain('dir="rtl"');
      expect(bundled).toBe(unbundled);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a template the build did not precompile fails by name, not with a compiler error', async () => {
    const source = `import { renderPage } from ${JSON.stringify(join(REPO_ROOT, 'functions/pages/render.ts'))};
try { renderPage('message', { title: 't', heading: 'h', paragraphs: [] }); } catch (error) { process.stdout.write(error.message); }
`;
    const message = await runBundled(source, (dir) => {
      const templates = bundleTemplates(dir);
      rmSync(join(templates, 'pages', 'message.hbs.cjs'));
      return { TEMPLATES_DIR: templates };
    });
    expect(message).toBe(
      'templates/pages/message.hbs was not precompiled, and this build carries no template compiler',
    );
  }, 60_000);
});

describe('the table store as bundled (ElectroDB without its model validator)', () => {
  it('builds every entity, joins them in one service and writes the same requests as unbundled', async () => {
    const source = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createService } from ${JSON.stringify(join(REPO_ROOT, 'functions/adapters/dynamodb/store.ts'))};
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const service = createService({ client, table: 't' });
const entities = Object.keys(service.entities).sort();
const params = [
  service.entities.meeting.get({ meetingId: 'm-1' }).params(),
  service.entities.registration.query.byId({ meetingId: 'm-1' }).params(),
];
let refused = '';
try { service.entities.meeting.get({}).params(); } catch (error) { refused = error.message; }
process.stdout.write(JSON.stringify({ entities, params, refused }));
`;
    const bundled = JSON.parse(await runBundled(source)) as { entities: string[]; params: unknown[]; refused: string };
    const { createService } = await import('../../functions/adapters/dynamodb/store.ts');
    const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
    const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
    const service = createService({
      client: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })),
      table: 't',
    });
    expect(bundled.entities).toEqual(Object.keys(service.entities).sort());
    expect(bundled.entities.length).toBeGreaterThan(30);
    expect(bundled.params).toEqual([
      service.entities.meeting.get({ meetingId: 'm-1' }).params(),
      service.entities.registration.query.byId({ meetingId: 'm-1' }).params(),
    ]);
    // A missing key is still refused: the validator stood in for checks models, not requests.
    expect(bundled.refused).toMatch(/meetingId/);
  }, 60_000);
});

describe('the PDF engine as bundled', () => {
  it('renders Russian (TTF fonts) and Hebrew (a WOFF font) without the WOFF2 decoder; the fonts shipped hold no WOFF2', async () => {
    const { FONT_FILES } = await import('../../functions/documents/fonts.ts');
    expect(FONT_FILES.filter((font) => !/\.(ttf|woff)$/.test(font.file))).toEqual([]);
    const source = `import { renderPdf } from ${JSON.stringify(join(REPO_ROOT, 'functions/documents/pdf.ts'))};
const pdf = await renderPdf({
  lang: 'ru', title: 'Проверка', continuationHeader: 'Проверка', annexes: [],
  blocks: [{ type: 'paragraph', runs: [{ text: 'Съезд в Женеве и שלום עולם' }] }],
});
process.stdout.write(JSON.stringify({ bytes: pdf.length, head: pdf.subarray(0, 5).toString('latin1') }));
`;
    // As in Lambda: the fonts and their digests copied beside the bundle (FONTS_DIR), none from node_modules.
    const out = await runBundled(source, (dir) => ({ FONTS_DIR: bundleFonts(dir) }));
    const result = JSON.parse(out) as { bytes: number; head: string };
    expect(result.head).toBe('%PDF-');
    expect(result.bytes).toBeGreaterThan(1000);
  }, 60_000);
});
