import { inflateRawSync } from 'node:zlib';

/**
 * Stands in for `tiny-inflate` in the Lambda bundles (see `alias` in infra/constructs/bundling.ts):
 * the same function, `inflate(source, dest)` of raw deflate data, by Node's zlib instead of
 * JavaScript. The Unicode tables that the PDF engine's line breaking and script detection
 * (`unicode-trie`) inflate at import, twice over, were ~9 ms of every rendering cold start.
 * Like tiny-inflate it fills `dest` and answers it, or a copy of the part written when the data
 * is shorter.
 */
export default function inflate(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error: inflated data longer than its destination');
  dest.set(out);
  return out.length === dest.length ? dest : dest.slice(0, out.length);
}
