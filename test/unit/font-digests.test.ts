import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIGESTED_FONTS, digestPath } from '../../functions/documents/fonts.ts';
import { digestFile } from '../../infra/tools/font-digests.ts';

/**
 * The fast path's digests of the fonts (functions/documents/font-digests/) are what the installed
 * fonts give: a font package updated without `npm run font-digests` fails here (and would, in
 * the meantime, be read from its tables: a digest names the SHA-256 of the font it describes).
 */
describe('font digests', () => {
  it.each(DIGESTED_FONTS)('the %s digest is the one the installed font gives', (key) => {
    const committed = JSON.parse(readFileSync(digestPath(key), 'utf8'));
    expect(committed, 'run npm run font-digests').toEqual(JSON.parse(JSON.stringify(digestFile(key))));
    expect(committed.digest.simple.length).toBeGreaterThan(500);
    expect(committed.digest.kern.length).toBeGreaterThan(0);
  });
});
