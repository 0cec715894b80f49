/**
 * Stands in for brotli's decoder (`brotli/decompress.js`, which fontkit imports to read WOFF2
 * fonts) in the Lambda bundles: see `alias` in infra/constructs/bundling.ts. The fonts the
 * renderer ships are TTF and WOFF (zlib), never WOFF2 (a test holds it), so the 486 KB decoder
 * and its dictionary need not be loaded at every cold start.
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts cannot be read in the Lambda bundles: ship the font as TTF or WOFF.');
}
