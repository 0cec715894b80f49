import { describe, expect, it } from 'vitest';
import { toCsv } from '../../functions/registrations/csv.ts';

/** The data records without the BOM, the header line and the final CRLF. */
const body = (csv: string): string => csv.slice(1).split('\r\n').slice(1, -1).join('\r\n');
const one = (value: Parameters<typeof toCsv>[1][number][number]): string => body(toCsv(['x'], [[value]]));

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const csv = toCsv(
      ['name', 'country'],
      [
        ['Ana', 'ES'],
        ['Li', 'CN'],
      ],
    );
    expect(csv).toBe('\uFEFFname,country\r\nAna,ES\r\nLi,CN\r\n');
    expect(csv.codePointAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles inner quotes', () => {
    expect(one('Geneva, CH')).toBe('"Geneva, CH"');
    expect(one('say "hi"')).toBe('"say ""hi"""');
    expect(one('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(one('a\r\nb')).toBe('"a\r\nb"');
    expect(one('He said "no, \nthanks"')).toBe('"He said ""no, \nthanks"""');
    expect(one('plain text')).toBe('plain text');
  });

  it('neutralises formula injection with a leading apostrophe', () => {
    expect(one('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(one('+1+1')).toBe("'+1+1");
    expect(one('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(one('-2+3')).toBe("'-2+3");
    expect(one('\tcmd')).toBe("'\tcmd");
    expect(one('\r=1')).toBe(`"'\r=1"`);
    expect(one('=1,2')).toBe(`"'=1,2"`);
  });

  it('neutralises the header too', () => {
    expect(toCsv(['=cmd()'], [])).toBe("\uFEFF'=cmd()\r\n");
  });

  it('leaves characters that are only dangerous at the start alone elsewhere', () => {
    expect(one('a=b')).toBe('a=b');
    expect(one('jane@example.org')).toBe('jane@example.org');
    expect(one(' =1')).toBe(' =1');
  });

  it('writes numbers as numbers, negative ones included, and strings that look numeric as text', () => {
    expect(one(-5)).toBe('-5');
    expect(one(-2.5)).toBe('-2.5');
    expect(one(0)).toBe('0');
    expect(one(42)).toBe('42');
    expect(one('-5')).toBe("'-5");
    expect(one('+41 22 730 5111')).toBe("'+41 22 730 5111");
  });

  it('treats non-finite numbers as text', () => {
    expect(one(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
    expect(one(Number.NaN)).toBe('NaN');
  });

  it('writes booleans, and null/undefined as empty fields', () => {
    expect(body(toCsv(['a', 'b', 'c', 'd'], [[true, false, null, undefined]]))).toBe('true,false,,');
  });

  it('keeps Arabic, Chinese and Cyrillic text unchanged', () => {
    const row = ['المملكة العربية السعودية', '中华人民共和国', 'Швейцария'];
    expect(body(toCsv(['a', 'b', 'c'], [row]))).toBe(row.join(','));
  });

  it('never writes a control character raw', () => {
    expect(one('a\u0007b@x.org')).toBe('a\uFFFDb@x.org');
    expect(one('a@b.co\u0000')).toBe('a@b.co\uFFFD');
  });
});
