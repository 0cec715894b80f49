/**
 * One cold sample of the `circular-pdf` benchmark, run in a new process:
 * `node circular-pdf-cold.ts <fast|shaped> <n> [warm]` imports the renderer, reads the fonts on
 * first use and renders the n-th new-text variant of Circular 352 (ru). Prints
 * `{ ms, importMs, warmMs, renderMs, bytes }` as JSON: ms from before the imports to the PDF.
 * With `warm`, the template's fixed text is laid out before the render (to measure whether
 * warming the fast path's caches at start-up pays).
 */
const started = performance.now();
const [mode = 'fast', n = '0', warm] = process.argv.slice(2);
const simple = await import('../../functions/documents/simple-layout.ts');
simple.setSimpleLayout(mode === 'fast');
const { renderPdf } = await import('../../functions/documents/pdf.ts');
const { variantDocument } = await import('./circular-pdf.ts');
const imported = performance.now();
if (warm === 'warm') {
  const { loadFont } = await import('../../functions/documents/fonts.ts');
  const { documentTexts } = await import('../../functions/documents/glyphs.ts');
  // the fixed text: what two variants of the circular have in common
  const a = new Set(documentTexts(variantDocument(-1)));
  const fixed = documentTexts(variantDocument(-2)).filter((t) => a.has(t));
  for (const key of ['sans', 'sansBold'] as const)
    simple.warmSimpleLayout(loadFont(key) as unknown as Parameters<typeof simple.warmSimpleLayout>[0], fixed);
}
const warmed = performance.now();
const pdf = await renderPdf(variantDocument(Number(n)), { date: new Date('2021-10-13T08:00:00.000Z') });
const done = performance.now();
process.stdout.write(
  JSON.stringify({
    ms: done - started,
    importMs: imported - started,
    warmMs: warmed - imported,
    renderMs: done - warmed,
    bytes: pdf.length,
  }),
);
