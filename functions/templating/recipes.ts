/**
 * How each template file is compiled, in one place: the renderers compile by these recipes,
 * and the Lambda build precompiles by the same ones (infra/tools/precompile-templates.ts), so
 * a template behaves the same in both.
 */
export interface Recipe {
  /** `strict`: a missing value fails the render, naming it. `noEscape`: for text that is not HTML. */
  options: { strict: true; noEscape?: boolean };
  /** Appended to the file's source before compiling (an email renders one of its inline partials). */
  suffix?: string;
}

const PAGE: Record<string, Recipe> = { page: { options: { strict: true } } };

/** PDF markup is escaped per format by the renderer (functions/documents/templates.ts), not as HTML. */
const DOCUMENT: Record<string, Recipe> = { document: { options: { strict: true, noEscape: true } } };

/** An email declares the inline partials `subject` and `body`: its subject as text, its body as text and as HTML. */
const EMAIL: Record<string, Recipe> = {
  'text:subject': { options: { strict: true, noEscape: true }, suffix: '{{> subject}}' },
  'text:body': { options: { strict: true, noEscape: true }, suffix: '{{> body}}' },
  'html:body': { options: { strict: true }, suffix: '{{> body}}' },
};

/** The variants a template compiles to, by its path under templates/ (`pages/layout.hbs`). */
export function recipesFor(path: string): Readonly<Record<string, Recipe>> {
  if (!path.endsWith('.hbs')) return {};
  if (path.startsWith('pages/')) return PAGE;
  if (path.startsWith('documents/')) return DOCUMENT;
  if (path.startsWith('emails/')) return EMAIL;
  return {};
}
