import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import inflate from '../../functions/documents/inflate.ts';

/** The bundles' stand-in for tiny-inflate gives what tiny-inflate gives, buffer for buffer. */
const tinyInflate = createRequire(import.meta.url)('tiny-inflate') as (s: Uint8Array, d: Uint8Array) => Uint8Array;

describe('inflate (tiny-inflate by zlib)', () => {
  it('answers the same bytes as tiny-inflate, filled or shorter than the destination, twice deflated as unicode-trie stores', () => {
    const text = Buffer.from('Съезд в Женеве, 7 декабря 2021 г. '.repeat(200));
    for (const data of [text, randomBytes(5000), Buffer.alloc(0)]) {
      for (const extra of [0, 17]) {
        const once = deflateRawSync(data);
        const twice = deflateRawSync(once);
        // as unicode-trie does: one destination size for both steps, the larger one's
        const size = Math.max(once.length, data.length) + extra;
        const ours = inflate(inflate(twice, new Uint8Array(size)), new Uint8Array(size));
        const theirs = tinyInflate(tinyInflate(twice, new Uint8Array(size)), new Uint8Array(size));
        expect(Buffer.from(ours).subarray(0, data.length).equals(data)).toBe(true);
        expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
        expect(ours.byteOffset).toBe(0);
        expect(ours.buffer.byteLength).toBe(ours.length);
      }
    }
  });

  it('refuses data that does not fit its destination, and data that is not deflated', () => {
    expect(() => inflate(deflateRawSync(Buffer.alloc(100)), new Uint8Array(10))).toThrow(/longer than its destination/);
    expect(() => inflate(Buffer.from('not deflate data'), new Uint8Array(100))).toThrow();
  });
});
