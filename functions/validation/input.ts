import { ValidationError } from '../errors.ts';
import * as z from './zod.ts';

/**
 * Every input is read through a schema before anything else happens. `parseInput`
 * answers the parsed value or throws a 400 (`ValidationError`) whose `errors` map names each
 * faulty field:
 *
 * - a body that is not an object (a JSON array, string, number, null) → `{ body: … }`;
 * - a field of the wrong type (an object where a string is expected, …) → `{ field: … }`;
 * - a field the request does not take → `{ field: 'Unknown field …' }`: object schemas are
 *   made strict here, so a misspelt or forged field is refused, never silently dropped.
 *
 * Nothing has been read, written or queued when it throws, so a refused request changes nothing.
 */
export function parseInput<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  detail = 'The request is not valid: see the fields named in errors.',
): z.output<S> {
  const value = input === undefined || input === null || input === '' ? {} : input;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError('The body must be a JSON object or an HTML form.', {
      body: `Send an object with the fields of this request, not ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}.`,
    });
  }
  const result = z.safeParse(strict(schema), value);
  if (result.success) return result.data as z.output<S>;
  throw new ValidationError(detail, fieldErrors(result.error));
}

const strictSchemas = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * The schema with unknown keys refused (its nested objects keep their own setting). An object
 * schema is recognised by its definition, so one built with classic zod (a test's) is made
 * strict as well.
 */
function strict(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema._zod.def.type !== 'object') return schema;
  let found = strictSchemas.get(schema);
  if (!found) {
    found = z.catchall(schema as z.ZodMiniObject, z.never());
    strictSchemas.set(schema, found);
  }
  return found;
}

/**
 * A zod error as `{ field: message }`, the first message per field; nested fields are named
 * by their path (`members.2.email`). Built with `Object.fromEntries`, so even a field named
 * `__proto__` is an ordinary key.
 */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const entries = new Map<string, string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = [...issue.path, key].join('.');
        if (!entries.has(field)) entries.set(field, `Unknown field "${key}": this request does not take it.`);
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || 'body';
    if (!entries.has(field)) entries.set(field, issue.message);
  }
  return Object.fromEntries(entries);
}

/** The keys the caller actually sent: a partial update changes these and nothing else. */
export const sentKeys = (input: unknown): Set<string> =>
  new Set(input && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : []);
