import { describe, it } from 'vitest';
import { circularDocument } from '../../functions/circulars/operations.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { CIRCULAR_352_ALL, CIRCULAR_352_ISSUED_AT } from '../fixtures/circular-352.ts';
import { hasPdftoppm, referenceWorkspace } from '../support/reference-image.ts';

/**
 * Page 1 of TSB Circular 352 (Russian and English as issued; Arabic and Chinese as drafted from
 * meeting 6), rendered to PDF with a fixed date, against reviewed reference images (rule and
 * limit in test/support/reference-image.ts). Only a one-digit change on a line that does not
 * reflow (0.004%) slips under the limit; the words are also checked by pdftotext in
 * documents-render.test.ts, and a dropped addressee differs by about 8.5%.
 *
 * To accept a deliberate change of layout: run
 *   UPDATE_REFERENCES=1 npx vitest run --project unit test/unit/circular-reference.test.ts
 * which writes the references instead of comparing; then look at both PNGs before committing.
 */
const workspace = referenceWorkspace('reference');

describe.skipIf(!hasPdftoppm)('TSB Circular 352, page 1 against the reviewed reference image', () => {
  it.each(['ru', 'en', 'ar', 'zh'] as const)('%s', async (lang) => {
    const date = new Date(CIRCULAR_352_ISSUED_AT);
    const pdf = await renderPdf(circularDocument(CIRCULAR_352_ALL, lang, date), { date });
    const file = workspace.savePdf(`circular-352-${lang}`, pdf);
    const name = `circular-352-${lang}-p1`;
    workspace.compare(name, workspace.rasterise(file, 1, name), `circular 352 ${lang} page 1`);
  });
});

if (!hasPdftoppm) {
  describe('TSB Circular 352 reference images', () => {
    it.skip('need pdftoppm (poppler-utils), which is not installed', () => {});
  });
}
