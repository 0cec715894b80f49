import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { DomainError } from '../errors.ts';
import type { Lang } from '../i18n/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import { compileTemplate } from '../templating/compile.ts';
import { escapeMarkup, MarkupError, parseDocument } from './markup.ts';
import type { DocumentModel } from './model.ts';

/**
 * Document templates: templates/documents/<kind>/<lang>.hbs, editable by the secretariat
 * without touching code. Every value is escaped for the document markup before it is inserted
 * (so a value can only ever be text), templates are compiled from these files only, and
 * strict mode makes a missing value fail the render with the field's name — at preview time.
 */
export const DOCUMENT_KINDS = [
  'circular',
  'circular-meeting-paragraphs',
  'invitation',
  'hub-annual-report',
  'hub-report',
  'hub-portfolio',
  'decision-record',
  'annex-ii',
  'consent-letter',
  'work-plan',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class TemplateError extends DomainError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(422, 'Unprocessable Content', detail, extensions);
  }
}

const documents = Handlebars.create();
documents.registerHelper('inc', (value: unknown) => Number(value) + 1);
documents.registerHelper('join', (list: unknown, separator: unknown) =>
  Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
);
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Deep copy with every string escaped for the markup. */
function escapeAll(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkup(value);
  if (Array.isArray(value)) return value.map(escapeAll);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeAll(v)]));
  return value;
}

export function hasDocumentTemplate(kind: DocumentKind, lang: Lang): boolean {
  return existsSync(join(templatesDir(), 'documents', kind, `${lang}.hbs`));
}

export function renderDocument(kind: DocumentKind, lang: Lang, data: Record<string, unknown>): DocumentModel {
  const name = `${kind}/${lang}`;
  let template = compiled.get(name);
  if (!template) {
    const file = join(templatesDir(), 'documents', kind, `${lang}.hbs`);
    if (!existsSync(file))
      throw new TemplateError(`There is no ${lang} template for ${kind} documents (templates/documents/${name}.hbs).`);
    template = compileTemplate(documents, `documents/${name}.hbs`, 'document');
    compiled.set(name, template);
  }
  let markup: string;
  try {
    markup = template(escapeAll(data));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const field = /"([^"]+)" not defined/.exec(message)?.[1];
    throw new TemplateError(
      field
        ? `The ${name} template needs the value "${field}", which is missing.`
        : `The ${name} template failed: ${message}`,
      { template: name, ...(field ? { field } : {}) },
    );
  }
  try {
    return parseDocument(markup, lang);
  } catch (error) {
    if (error instanceof MarkupError)
      throw new TemplateError(`The ${name} template produced a malformed document: ${error.message}`, {
        template: name,
      });
    throw error;
  }
}
