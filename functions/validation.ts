import type * as z from 'zod';
import { ValidationError } from './errors.ts';

/**
 * Field-level messages of a failed parse: `{ "content.ru.subject": "This field is required." }`.
 * A field the schema does not know (strict objects) is named with "Unknown field", so a caller
 * that sends `date` or `language` learns that nothing was set, rather than getting a 2xx.
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors[at ? `${at}.${key}` : key] ??= 'Unknown field: nothing was changed. Check its name and place.';
      continue;
    }
    errors[at || 'body'] ??= issue.message;
  }
  return errors;
}

/** Parses `input` with `schema` or throws a 400 naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError(message, fieldErrors(parsed.error));
  return parsed.data;
}

/** The keys the caller actually sent: a partial update changes these and nothing else. */
export const sentKeys = (input: unknown): Set<string> =>
  new Set(input && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : []);
