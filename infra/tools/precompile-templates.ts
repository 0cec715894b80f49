/**
 * Precompiles the templates of a Lambda bundle: beside each `templates/**\/*.hbs` of the folder
 * given, a `<name>.hbs.cjs` holding its variants (functions/templating/recipes.ts) as Handlebars
 * template specifications, which the bundle's Handlebars runtime loads without a compiler
 * (functions/templating/compile.ts). The Lambda construct runs it on each bundle's copy of
 * `templates/` (infra/constructs/u4ssc-function.ts); never on the repository's own folder.
 *
 *   node infra/tools/precompile-templates.ts <bundle>/templates
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { PRECOMPILED_SUFFIX } from '../../functions/templating/compile.ts';
import { recipesFor } from '../../functions/templating/recipes.ts';

/** Writes the precompiled form of every template under `dir`; returns how many files it wrote. */
export function precompileTemplates(dir: string): number {
  let written = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const recipes = Object.entries(recipesFor(relative(dir, file).split(sep).join('/')));
    if (recipes.length === 0) continue;
    const source = readFileSync(file, 'utf8');
    const specs = recipes.map(
      ([variant, recipe]) =>
        `${JSON.stringify(variant)}: ${Handlebars.precompile(source + (recipe.suffix ?? ''), recipe.options)}`,
    );
    writeFileSync(`${file}${PRECOMPILED_SUFFIX}`, `module.exports = {\n${specs.join(',\n')}\n};\n`);
    written++;
  }
  return written;
}

if (import.meta.main) {
  const [dir] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node infra/tools/precompile-templates.ts <bundle>/templates');
  process.stdout.write(`${precompileTemplates(dir)} templates precompiled in ${dir}\n`);
}
