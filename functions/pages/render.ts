import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { DEFAULT_LANG, dirOf, isLang, LANGUAGE_NAMES, LANGUAGES, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { templatesDir } from '../templates-dir.ts';

/**
 * Server-rendered pages from `templates/pages/`. Templates are files of the repository (never
 * user input), compiled once per container; every value inserted is HTML-escaped by
 * Handlebars, and `strict` makes a template that names a missing value fail loudly.
 */

const pages = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

pages.registerHelper('join', (list: unknown, separator: unknown) =>
  Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
);

/** `{{t "register.fields.name"}}` or `{{t "manage.position" position=3}}`, in the page's language. */
pages.registerHelper('t', function translateHelper(key: unknown, options: Handlebars.HelperOptions) {
  const lang = (options.data?.root as { lang?: unknown } | undefined)?.lang;
  return translate(isLang(lang) ? lang : DEFAULT_LANG, String(key), options.hash as Record<string, string | number>);
});

pages.registerHelper('eq', (a: unknown, b: unknown) => a === b);

/**
 * `{{linkify text}}`: the text escaped, its http(s) addresses made links. Each link is a
 * left-to-right isolate (`dir="ltr"`), so an address keeps its order inside Arabic text.
 */
pages.registerHelper('linkify', (value: unknown) => {
  const escaped = pages.escapeExpression(typeof value === 'string' ? value : '');
  return new Handlebars.SafeString(
    escaped.replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}" dir="ltr">${url}</a>`),
  );
});

let partialsLoaded = false;

/** `templates/pages/partials/<name>.hbs` become partials (`{{> name}}`). */
function loadPartials(): void {
  if (partialsLoaded) return;
  const dir = join(templatesDir(), 'pages', 'partials');
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.hbs')) pages.registerPartial(file.slice(0, -4), readFileSync(join(dir, file), 'utf8'));
  }
  partialsLoaded = true;
}

function template(name: string): Handlebars.TemplateDelegate {
  loadPartials();
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
  lang?: Lang;
  /** The page's address without `lang`, to offer it in the other languages. */
  languagePath?: string;
  [key: string]: unknown;
}

/** Renders `templates/pages/<name>.hbs` inside the shared layout, in the context's language. */
export function renderPage(name: string, context: PageContext): string {
  const lang = context.lang ?? DEFAULT_LANG;
  const full = { ...context, lang, dir: dirOf(lang) };
  const body = template(name)(full);
  const path = context.languagePath;
  const languageLinks = path
    ? LANGUAGES.map((code) => ({
        code,
        name: LANGUAGE_NAMES[code],
        href: `${path}${path.includes('?') ? '&' : '?'}`,
        current: code === lang,
      }))
    : null;
  return template('layout')({ ...full, languageLinks, body: new Handlebars.SafeString(body) });
}
