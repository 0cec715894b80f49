import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ENV, optionalEnv } from '../config.ts';

/**
 * Server-rendered pages from `templates/pages/`. Templates are files of the repository (never
 * user input), compiled once per container; every value inserted is HTML-escaped by
 * Handlebars, and `strict` makes a template that names a missing value fail loudly.
 */
const templatesDir = () => optionalEnv(ENV.templatesDir, fileURLToPath(new URL('../../templates/', import.meta.url)));

const pages = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

pages.registerHelper('join', (list: unknown, separator: unknown) =>
  Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
);

function template(name: string): Handlebars.TemplateDelegate {
  let delegate = compiled.get(name);
  if (!delegate) {
    const source = readFileSync(join(templatesDir(), 'pages', `${name}.hbs`), 'utf8');
    delegate = pages.compile(source, { strict: true });
    compiled.set(name, delegate);
  }
  return delegate;
}

export interface PageContext {
  title: string;
  lang?: string;
  [key: string]: unknown;
}

/** Renders `templates/pages/<name>.hbs` inside the shared layout. */
export function renderPage(name: string, context: PageContext): string {
  const body = template(name)(context);
  const lang = context.lang ?? 'en';
  return template('layout')({
    ...context,
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    body: new Handlebars.SafeString(body),
  });
}
