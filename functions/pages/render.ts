import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { DEFAULT_LANG, dirOf, isLang, LANGUAGE_NAMES, LANGUAGES, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { templatesDir } from '../templates-dir.ts';
import { compileTemplate } from '../templating/compile.ts';

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
 * Runs of left-to-right values inside right-to-left text: numbers and times ("10:00–15:30",
 * "+41 22 730 5111"), Latin words and codes ("Room A-12", "TSB Circular 352"), addresses.
 */
const LTR_RUN = /[A-Za-z0-9+][A-Za-z0-9 +\-–.:,/@#_&'()]*[A-Za-z0-9)]|[A-Za-z0-9]/g;

/**
 * The text escaped; on a right-to-left page, each left-to-right run isolated in `<bdi dir="ltr">`
 * so it keeps its own order ("10:00–15:30" is not shown as "15:30–10:00") and does not reorder
 * the punctuation around it; links (http/https) are made clickable and isolated too. On a
 * left-to-right page: escaped, links made.
 */
export function isolateLtr(value: string, rtl: boolean): string {
  const escaped = (text: string) => pages.escapeExpression(text);
  const out: string[] = [];
  let last = 0;
  for (const match of value.matchAll(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g)) {
    out.push(plain(value.slice(last, match.index)));
    const url = escaped(match[0]);
    out.push(`<a href="${url}" dir="ltr">${url}</a>`);
    last = match.index + match[0].length;
  }
  out.push(plain(value.slice(last)));
  return out.join('');

  function plain(text: string): string {
    if (!rtl) return escaped(text);
    let result = '';
    let at = 0;
    for (const run of text.matchAll(LTR_RUN)) {
      result += escaped(text.slice(at, run.index));
      result += `<bdi dir="ltr">${escaped(run[0])}</bdi>`;
      at = run.index + run[0].length;
    }
    return result + escaped(text.slice(at));
  }
}

/** `{{isolate value}}`: see isolateLtr; right-to-left when the page is. */
pages.registerHelper('isolate', function isolateHelper(value: unknown, options: Handlebars.HelperOptions) {
  const dir = (options.data?.root as { dir?: unknown } | undefined)?.dir;
  return new Handlebars.SafeString(isolateLtr(typeof value === 'string' ? value : String(value ?? ''), dir === 'rtl'));
});

let partialsLoaded = false;

/** `templates/pages/partials/<name>.hbs` become partials (`{{> name}}`). */
function loadPartials(): void {
  if (partialsLoaded) return;
  for (const file of readdirSync(join(templatesDir(), 'pages', 'partials'))) {
    if (file.endsWith('.hbs'))
      pages.registerPartial(file.slice(0, -4), compileTemplate(pages, `pages/partials/${file}`, 'page'));
  }
  partialsLoaded = true;
}

function template(name: string): Handlebars.TemplateDelegate {
  loadPartials();
  let delegate = compiled.get(name);
  if (!delegate) {
    delegate = compileTemplate(pages, `pages/${name}.hbs`, 'page');
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
