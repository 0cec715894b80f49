import type { Lang } from '../i18n/languages.ts';
import type { Block, DocumentModel, Run } from './model.ts';

/**
 * The small line-based language that document templates write, parsed into a DocumentModel.
 * A line `@name argument` starts a block; the lines after it are its content:
 *
 *   @title TSB Circular 352            (document title)       @header TSB Circular 352  (continuation header)
 *   @letterhead                         one line each
 *   @meta                               `Label | value`, and `| more` continues the value
 *   @addressees                         `@group To:` then `- item` lines
 *   @subject Subject:                   the subject text
 *   @paragraph 1                        text (joined), `- item` bullets; `[text](url)` links, `*bold*`
 *   @heading / @salutation / @closing   one text
 *   @signature                          one line each
 *   @table Caption                      `a | b | c` rows, the first is the header; `@widths 2 | 1 | 1`
 *   @chart Title | 100                  `@categories A | B`, then `Series | 1 | 2` lines
 *   @pagebreak                          @annex Title   (what follows belongs to the annex)
 *
 * Values inserted by a template are escaped by `escapeMarkup`, so no value can start a block,
 * make a bullet or a link, or split a line.
 */

const SPECIAL = /[\\[\]()|@*`-]/g;

/** Escapes a value for the markup: special characters get a backslash; line breaks become spaces. */
export function escapeMarkup(value: unknown): string {
  return String(value ?? '')
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(SPECIAL, '\\$&');
}

const URL = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})/;

const unescapeText = (text: string) => text.replace(/\\(.)/g, '$1');

/** Splits on an unescaped `|`. */
function cells(line: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i] as string;
    if (char === '\\' && i + 1 < line.length) {
      current += char + line[i + 1];
      i++;
    } else if (char === '|') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim());
}

/** Inline markup → runs: `[text](url)` links and `*bold*`; escapes are honoured. */
export function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  let buffer = '';
  let bold = false;
  const flush = () => {
    // Plain http(s) addresses and email addresses become links of their own.
    for (const [index, part] of buffer.split(URL).entries()) {
      if (!part) continue;
      const isUrl = index % 2 === 1;
      const link = isUrl ? (/^https?:/i.test(part) ? part : `mailto:${part}`) : undefined;
      runs.push({ text: part, ...(bold ? { bold: true } : {}), ...(link ? { link } : {}) });
    }
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '\\' && i + 1 < text.length) {
      buffer += text[i + 1];
      i++;
      continue;
    }
    if (char === '*') {
      flush();
      bold = !bold;
      continue;
    }
    if (char === '[') {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(((?:\\.|[^)\\])*)\)/.exec(text.slice(i));
      if (link) {
        flush();
        const url = unescapeText(link[2] ?? '');
        const label = unescapeText(link[1] ?? '');
        runs.push(/^(https?:|mailto:)/i.test(url) ? { text: label, link: url } : { text: label });
        i += link[0].length - 1;
        continue;
      }
    }
    buffer += char;
  }
  flush();
  return runs;
}

export class MarkupError extends Error {}

export function parseDocument(markup: string, lang: Lang): DocumentModel {
  const model: DocumentModel = { lang, title: '', continuationHeader: '', blocks: [], annexes: [] };
  let target = model.blocks;
  let block: Block | undefined;
  let text: string[] = [];

  const finish = () => {
    if (!block) return;
    const joined = text.join(' ').replace(/\s+/g, ' ').trim();
    if (block.type === 'paragraph') block.runs = parseRuns(joined);
    else if (
      block.type === 'subject' ||
      block.type === 'heading' ||
      block.type === 'salutation' ||
      block.type === 'closing'
    ) {
      block.text = unescapeText(joined);
    }
    target.push(block);
    block = undefined;
    text = [];
  };

  const lines = markup.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    const where = `line ${index + 1}`;
    if (!line) continue;
    const directive = /^@([a-z]+)\s*(.*)$/.exec(line);
    if (directive) {
      const [, name = '', argument = ''] = directive;
      if (name === 'group') {
        if (block?.type !== 'addressees') throw new MarkupError(`${where}: @group outside @addressees`);
        block.groups.push({ label: unescapeText(argument), items: [] });
        continue;
      }
      if (name === 'widths' || name === 'categories') {
        if (name === 'widths' && block?.type === 'table') block.widths = cells(argument).map(Number);
        else if (name === 'categories' && block?.type === 'chart') block.categories = cells(argument).map(unescapeText);
        else throw new MarkupError(`${where}: @${name} outside its block`);
        continue;
      }
      finish();
      switch (name) {
        case 'title':
          model.title = unescapeText(argument);
          break;
        case 'header':
          model.continuationHeader = unescapeText(argument);
          break;
        case 'letterhead':
          block = { type: 'letterhead', lines: [] };
          break;
        case 'meta':
          block = { type: 'meta', rows: [] };
          break;
        case 'addressees':
          block = { type: 'addressees', groups: [] };
          break;
        case 'subject':
          block = { type: 'subject', label: unescapeText(argument), text: '' };
          break;
        case 'paragraph':
          block = argument
            ? { type: 'paragraph', number: unescapeText(argument), runs: [] }
            : { type: 'paragraph', runs: [] };
          break;
        case 'heading':
        case 'salutation':
        case 'closing':
          block = { type: name, text: '' };
          if (argument) text.push(argument);
          break;
        case 'signature':
          block = { type: 'signature', lines: [] };
          break;
        case 'table':
          block = argument
            ? { type: 'table', caption: unescapeText(argument), header: [], rows: [] }
            : { type: 'table', header: [], rows: [] };
          break;
        case 'chart': {
          const [title = '', max = '100'] = cells(argument);
          block = { type: 'chart', title: unescapeText(title), categories: [], series: [], max: Number(max) || 100 };
          break;
        }
        case 'pagebreak':
          target.push({ type: 'pageBreak' });
          break;
        case 'annex': {
          const annex = { title: unescapeText(argument), blocks: [] as Block[] };
          model.annexes.push(annex);
          target = annex.blocks;
          break;
        }
        default:
          throw new MarkupError(`${where}: unknown block @${name}`);
      }
      continue;
    }
    if (!block) throw new MarkupError(`${where}: text outside a block: "${line.slice(0, 40)}"`);
    const bullet = /^-\s+(.*)$/.exec(line);
    switch (block.type) {
      case 'letterhead':
      case 'signature':
        block.lines.push(unescapeText(line));
        break;
      case 'meta': {
        const [label = '', ...values] = cells(line);
        const last = block.rows.at(-1);
        if (line.startsWith('|') && last) last.lines.push(...values.map(unescapeText));
        else block.rows.push({ label: unescapeText(label), lines: values.map(unescapeText) });
        break;
      }
      case 'addressees': {
        const group = block.groups.at(-1);
        if (!group || !bullet) throw new MarkupError(`${where}: addressees are "- item" lines after @group`);
        group.items.push(unescapeText(bullet[1] ?? ''));
        break;
      }
      case 'paragraph':
        if (bullet) {
          block.bullets ??= [];
          block.bullets.push(parseRuns(bullet[1] ?? ''));
        } else text.push(line);
        break;
      case 'table':
        if (block.header.length === 0) block.header = cells(line).map(unescapeText);
        else block.rows.push(cells(line).map(unescapeText));
        break;
      case 'chart': {
        const [name = '', ...values] = cells(line);
        block.series.push({ name: unescapeText(name), values: values.map(Number) });
        break;
      }
      default:
        text.push(line);
    }
  }
  finish();
  if (!model.title) throw new MarkupError('The document has no @title');
  return model;
}
