/**
 * Stands in for `jsonschema` in the Lambda bundles (see `alias` in infra/constructs/bundling.ts).
 * ElectroDB's only use of it is to validate each entity's model against its JSON Schema when the
 * entity is built (twice over: first as a "beta" model, then as v1), and to tell a model from an
 * entity instance when a Service joins them. The platform's models are fixed in the code and are
 * validated by the real library wherever the code runs unbundled (every test, `npm start`); in
 * Lambda that check cost each cold start the library's 29 KB and its schema walks for every entity
 * built. This answers as the real validator does for what ElectroDB asks: a model is valid, an
 * entity instance (which ElectroDB marks with `_instance`) is not a model.
 */
export class Validator {
  declare customFormats: Record<string, (input: unknown) => boolean>;
  addSchema(): void {}
  validate(instance: unknown): { errors: { property: string; message: string }[] } {
    const entity = typeof instance === 'object' && instance !== null && '_instance' in instance;
    return { errors: entity ? [{ property: 'instance', message: 'is an entity, not a model' }] : [] };
  }
}
/** ElectroDB adds its custom formats here at import. */
Validator.prototype.customFormats = {};

export default { Validator };
