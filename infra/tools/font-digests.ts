/**
 * Writes functions/documents/font-digests/<font file>.digest.json for each font of the PDF
 * renderer's fast path: what it reads from the font's GSUB and GPOS tables (which glyphs simple
 * text may hold, which a lookup may touch, the ligatures, the kerning of those glyphs), so that
 * a cold start reads ~84 KB of JSON instead of the tables (functions/documents/simple-layout.ts,
 * `fontDigest`). Each digest names the font file and its SHA-256; a font whose bytes differ is
 * read from its tables, and `test/unit/font-digests.test.ts` fails until this is run again.
 *
 *   npm run font-digests
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
// @ts-expect-error fontkit (pdfkit's own font engine) ships no type declarations.
import { create as fontkitCreate } from 'fontkit';
import {
  DIGESTED_FONTS,
  digestPath,
  type FontDigestFile,
  type FontKey,
  fontPath,
} from '../../functions/documents/fonts.ts';
import { type FontkitFont, fontDigest } from '../../functions/documents/simple-layout.ts';

/** The digest file of a font, made from its bytes as installed. */
export function digestFile(key: FontKey): FontDigestFile {
  const bytes = readFileSync(fontPath(key));
  return {
    source: { file: basename(fontPath(key)), sha256: createHash('sha256').update(bytes).digest('hex') },
    digest: fontDigest(fontkitCreate(bytes) as FontkitFont),
  };
}

if (import.meta.main) {
  delete process.env.FONTS_DIR; // the repository's folder, from the installed fonts
  for (const key of DIGESTED_FONTS) {
    const path = digestPath(key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(digestFile(key))}\n`);
    process.stdout.write(`${path}\n`);
  }
}
