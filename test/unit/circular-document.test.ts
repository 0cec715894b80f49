import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Circular } from '../../functions/circulars/circular.ts';
import { issuingBodies, issuingBody, referenceOf } from '../../functions/circulars/issuing-bodies.ts';
import { circularDocument } from '../../functions/circulars/operations.ts';
import { renderDocumentEmail } from '../../functions/documents/email.ts';
import { renderPdf } from '../../functions/documents/pdf.ts';
import { LANGUAGES } from '../../functions/i18n/languages.ts';
import { CIRCULAR_352 } from '../fixtures/circular-352.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const draft: Circular = { ...CIRCULAR_352, status: 'draft', number: undefined, issuedOn: undefined };

describe('a circular as a document', () => {
  it('a draft carries DRAFT in its own language on every page; an issued one never', () => {
    expect(circularDocument(draft, 'ru', NOW).watermark).toBe('ПРОЕКТ');
    expect(circularDocument(draft, 'en', NOW).watermark).toBe('DRAFT');
    expect(circularDocument(CIRCULAR_352, 'ru', NOW).watermark).toBeUndefined();
    expect(circularDocument({ ...CIRCULAR_352, status: 'issuing' }, 'en', NOW).watermark).toBeUndefined();
  });

  it('bears the date chosen at issue, in the body’s words, and today (at the body’s seat) for a draft', () => {
    const en = circularDocument(CIRCULAR_352, 'en', NOW);
    const meta = en.blocks.find((b) => b.type === 'meta');
    expect(JSON.stringify(meta)).toContain('Geneva, 13 October 2021');
    expect(JSON.stringify(circularDocument(draft, 'ru', NOW).blocks)).toContain('Женева, 26 ноября 2026 года');
  });

  it('makes URLs and email addresses in the text links, in the PDF model and the email', () => {
    const withLinks: Circular = {
      ...CIRCULAR_352,
      content: {
        en: {
          ...(CIRCULAR_352.content.en as NonNullable<Circular['content']['en']>),
          paragraphs: [{ text: 'Write to u4ssc@itu.int or see https://www.itu.int/go/u4ssc.', bullets: [] }],
        },
      },
      languages: ['en'],
    };
    const model = circularDocument(withLinks, 'en', NOW);
    const runs = model.blocks.flatMap((b) => (b.type === 'paragraph' ? b.runs : []));
    expect(runs.filter((r) => r.link).map((r) => r.link)).toEqual([
      'mailto:u4ssc@itu.int',
      'https://www.itu.int/go/u4ssc',
    ]);
    const email = renderDocumentEmail(model);
    expect(email.html).toContain('href="mailto:u4ssc@itu.int"');
    expect(email.html).toContain('href="https://www.itu.int/go/u4ssc"');
    expect(email.text).toContain('Write to u4ssc@itu.int or see https://www.itu.int/go/u4ssc.');
  });

  it('numbers paragraphs, or not, as the document says', () => {
    const numbered = circularDocument(CIRCULAR_352, 'en', NOW).blocks.filter((b) => b.type === 'paragraph');
    expect(numbered.map((b) => (b.type === 'paragraph' ? b.number : undefined))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    const plain = circularDocument({ ...CIRCULAR_352, numberedParagraphs: false }, 'en', NOW).blocks;
    expect(plain.filter((b) => b.type === 'paragraph' && b.number !== undefined)).toEqual([]);
  });
});

describe('issuing bodies (templates/issuing-bodies)', () => {
  it('ship no emblem; an emblem the operator supplies is drawn above the letterhead', async () => {
    expect(issuingBodies().filter((b) => b.emblem)).toEqual([]);
    const png = new PNG({ width: 60, height: 40 });
    png.data.fill(0x80);
    const file = join(mkdtempSync(join(tmpdir(), 'u4ssc-emblem-')), 'emblem.png');
    writeFileSync(file, PNG.sync.write(png));
    const model = circularDocument(CIRCULAR_352, 'en', NOW);
    const without = (await renderPdf(model)).toString('latin1');
    const withEmblem = (await renderPdf({ ...model, emblem: file })).toString('latin1');
    expect(without).not.toContain('/Subtype /Image');
    expect(withEmblem).toContain('/Subtype /Image');
  });

  it('ITU TSB, BDT and BR, UNECE and UN-Habitat, each with a letterhead in all six languages', () => {
    expect(issuingBodies().map((b) => b.id)).toEqual(['BDT', 'BR', 'TSB', 'UN-HABITAT', 'UNECE']);
    for (const body of issuingBodies())
      for (const lang of LANGUAGES) expect(body.languages[lang], `${body.id} ${lang}`).toBeDefined();
  });

  it('references follow each body’s scheme, revisions included', () => {
    expect(referenceOf(issuingBody('TSB'), 'ru', { number: 352 }, 'ПРОЕКТ')).toBe('Циркуляр 352 БСЭ');
    expect(referenceOf(issuingBody('TSB'), 'en', { number: 352, revision: 1 }, 'DRAFT')).toBe(
      'Revision 1 of TSB Circular 352',
    );
    expect(referenceOf(issuingBody('UNECE'), 'en', { number: 40, issuedOn: '2026-11-20' }, 'DRAFT')).toBe(
      'ECE/U4SSC/2026/40',
    );
  });
});
