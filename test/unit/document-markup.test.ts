import { describe, expect, it } from 'vitest';
import { escapeMarkup, parseDocument, parseRuns } from '../../functions/documents/markup.ts';
import { renderDocument, TemplateError } from '../../functions/documents/templates.ts';

describe('document markup', () => {
  it('parses every block kind', () => {
    const model = parseDocument(
      [
        '@title T',
        '@header H',
        '@letterhead',
        'ITU',
        '@meta',
        '| Geneva, 1 May',
        'Tel.: | +41 | +42',
        '| more',
        '@addressees',
        '@group To:',
        '- A',
        '- B',
        '@subject Subject:',
        'The subject',
        'continues',
        '@paragraph 1',
        'See [the site](https://www.itu.int) and *this*.',
        '- first',
        '@table Caption',
        'a | b',
        '1 | 2',
        '@chart Scores | 50',
        '@categories X | Y',
        '2025 | 10 | 20',
        '@annex Annex 1',
        '@paragraph',
        'In the annex.',
      ].join('\n'),
      'en',
    );
    expect(model).toMatchObject({ title: 'T', continuationHeader: 'H' });
    expect(model.blocks[0]).toEqual({ type: 'letterhead', lines: ['ITU'] });
    expect(model.blocks[1]).toEqual({
      type: 'meta',
      rows: [
        { label: '', lines: ['Geneva, 1 May'] },
        { label: 'Tel.:', lines: ['+41', '+42', 'more'] },
      ],
    });
    expect(model.blocks[2]).toEqual({ type: 'addressees', groups: [{ label: 'To:', items: ['A', 'B'] }] });
    expect(model.blocks[3]).toEqual({ type: 'subject', label: 'Subject:', text: 'The subject continues' });
    expect(model.blocks[4]).toMatchObject({ type: 'paragraph', number: '1', bullets: [[{ text: 'first' }]] });
    expect(model.blocks[5]).toEqual({ type: 'table', caption: 'Caption', header: ['a', 'b'], rows: [['1', '2']] });
    expect(model.blocks[6]).toEqual({
      type: 'chart',
      title: 'Scores',
      max: 50,
      categories: ['X', 'Y'],
      series: [{ name: '2025', values: [10, 20] }],
    });
    expect(model.annexes[0]?.title).toBe('Annex 1');
  });

  it('makes links of [text](url) and of plain addresses, and bold of *text*', () => {
    expect(parseRuns('See [the site](https://www.itu.int) and *this*.')).toEqual([
      { text: 'See ' },
      { text: 'the site', link: 'https://www.itu.int' },
      { text: ' and ' },
      { text: 'this', bold: true },
      { text: '.' },
    ]);
    expect(parseRuns('At http://www.itu.int/en/a.aspx.')).toEqual([
      { text: 'At ' },
      { text: 'http://www.itu.int/en/a.aspx', link: 'http://www.itu.int/en/a.aspx' },
      { text: '.' },
    ]);
    expect(parseRuns('[x](javascript:alert(1))')).toEqual([{ text: 'x' }, { text: ')' }]);
  });

  it('an escaped value is text, whatever it contains', () => {
    const hostile = '@paragraph 9\n- x | [a](https://evil.example) *b* \\ (c)';
    const model = parseDocument(
      `@title T\n@meta\nL: | ${escapeMarkup(hostile)}\n@paragraph\n${escapeMarkup(hostile)}`,
      'en',
    );
    expect(model.blocks[0]).toEqual({
      type: 'meta',
      rows: [{ label: 'L:', lines: ['@paragraph 9 - x | [a](https://evil.example) *b* \\ (c)'] }],
    });
    expect(model.blocks[1]).toMatchObject({ type: 'paragraph' });
    expect(model.blocks).toHaveLength(2);
  });

  it('says where markup is malformed', () => {
    expect(() => parseDocument('@title T\n@nonsense', 'en')).toThrow(/line 2: unknown block @nonsense/);
    expect(() => parseDocument('@paragraph\nx', 'en')).toThrow(/no @title/);
  });
});

describe('document templates', () => {
  it('a missing value fails the render and names it', () => {
    expect(() => renderDocument('circular', 'en', { circular: { bureau: 'TSB' } })).toThrow(TemplateError);
    try {
      renderDocument('circular', 'en', { circular: { bureau: 'TSB' } });
    } catch (error) {
      expect((error as TemplateError).message).toMatch(/The circular\/en template needs the value "reference"/);
    }
  });

  it('a language without a template says so', () => {
    expect(() => renderDocument('hub-annual-report', 'zz' as never, {})).toThrow(/There is no zz template/);
  });
});
