import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { templatesDir } from '../templates-dir.ts';
import { recipesFor } from './recipes.ts';

/** A Handlebars environment (`Handlebars.create()`); in the Lambda bundles, Handlebars' runtime alone. */
type Engine = typeof Handlebars;

/**
 * Beside each template in a Lambda bundle, its variants precompiled (`layout.hbs.cjs`, written
 * by infra/tools/precompile-templates.ts): the bundles carry Handlebars' runtime only (its
 * compiler is 65 KB and compiling a page's templates ~15 ms of a cold start). Run unbundled
 * (tests, `npm start`), there is none, and the template compiles from its source.
 */
export const PRECOMPILED_SUFFIX = '.cjs';

const load = createRequire(import.meta.url);

/**
 * `templates/<path>` compiled as `variant` of its recipe (functions/templating/recipes.ts):
 * precompiled where the build left it, else from the source.
 */
export function compileTemplate(engine: Engine, path: string, variant: string): Handlebars.TemplateDelegate {
  const recipe = recipesFor(path)[variant];
  if (!recipe) throw new Error(`templates/${path} has no "${variant}" recipe`);
  const file = join(templatesDir(), path);
  const precompiled = `${file}${PRECOMPILED_SUFFIX}`;
  if (existsSync(precompiled)) {
    const specs = load(precompiled) as Record<string, Parameters<Engine['template']>[0] | undefined>;
    const spec = specs[variant];
    if (!spec) throw new Error(`${precompiled} holds no "${variant}": precompile the templates again`);
    return engine.template(spec);
  }
  if (typeof engine.compile !== 'function')
    throw new Error(`templates/${path} was not precompiled, and this build carries no template compiler`);
  return engine.compile(readFileSync(file, 'utf8') + (recipe.suffix ?? ''), recipe.options);
}
