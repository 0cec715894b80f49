import { DEFAULT_LANG, isLang, LANGUAGES, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { isSafeLine } from '../validation/text.ts';
import * as z from '../validation/zod.ts';
import { countryName, isItuMemberState } from './countries.ts';
import { REGISTRATION_CATEGORIES, type RegistrationDetails } from './registration.ts';

/**
 * The one validation of a registration, shared by the HTML form and the JSON API. Errors are
 * codes (`required`, `tooLong:200`, …) turned into messages in the registrant's language.
 */
const MAX_TEXT = 200;
// Line breaks, control characters, bidi overrides and lone surrogates have no place in a name
// or a title (they would let a value break out of an email header or a CSV row, or disguise it).

const text = (max = MAX_TEXT) =>
  z.pipe(
    z.pipe(
      z.string({ error: 'required' }),
      z.transform((value: string) => value.normalize('NFC').trim()),
    ),
    z
      .string()
      .check(
        z.minLength(1, { error: 'required' }),
        z.maxLength(max, { error: `tooLong:${max}` }),
        z.refine(isSafeLine, { error: 'controlCharacters' }),
      ),
  );

const checkboxValue = z.optional(
  z.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false'), z.literal('')]),
);
const checkbox = z.pipe(
  checkboxValue,
  z.transform((value: z.output<typeof checkboxValue>) => value === true || value === 'on' || value === 'true'),
);

export const registrationDetailsSchema = z.object({
  name: text(),
  email: z.pipe(
    z.pipe(
      z.string({ error: 'required' }),
      z.transform((value: string) => value.trim().toLowerCase()),
    ),
    z
      .string()
      .check(
        z.minLength(1, { error: 'required' }),
        z.maxLength(254, { error: 'tooLong:254' }),
        z.regex(/^[^\s@"<>,;()[\]\\]+@[^\s@"<>,;()[\]\\]+\.[^\s@"<>,;()[\]\\]{2,}$/, { error: 'email' }),
        z.refine(isSafeLine, { error: 'email' }),
      ),
  ),
  organisation: text(),
  category: z.enum(REGISTRATION_CATEGORIES, { error: 'category' }),
  country: z.pipe(
    z.pipe(
      z.string({ error: 'country' }),
      z.transform((value: string) => value.trim().toUpperCase()),
    ),
    z
      .string()
      .check(z.regex(/^[A-Z]{2}$/, { error: 'country' }), z.refine(isItuMemberState, { error: 'countryNotMember' })),
  ),
  title: text(),
  language: z.optional(z.enum(LANGUAGES, { error: 'language' })),
  listConsent: checkbox,
});

export const registrationSchema = z.extend(registrationDetailsSchema, {
  privacyConsent: checkbox.check(z.refine((value) => value, { error: 'privacy' })),
  /** The honeypot: people leave it empty; a filled one marks a bot. */
  website: z.optional(z.string()),
});

export type RegistrationInput = z.input<typeof registrationSchema>;

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function messageFor(code: string, lang: Lang, field: string, input: Record<string, unknown>): string {
  const [key = 'required', param] = code.split(':');
  if (key === 'tooLong') return translate(lang, 'errors.tooLong', { max: Number(param) });
  if (key === 'countryNotMember') {
    const raw = String(input[field] ?? '')
      .trim()
      .toUpperCase();
    return translate(lang, 'errors.countryNotMember', { country: raw ? countryName(raw, lang) : raw });
  }
  return translate(lang, `errors.${key}`);
}

/**
 * Parses with the schema; a field the form does not have (other than `allowed`, read elsewhere)
 * is refused by name, so nothing sent is silently dropped. Errors are built in a Map, so even a
 * field named `__proto__` is reported as an ordinary key.
 */
function parseWith<S extends z.ZodMiniObject>(
  schema: S,
  input: unknown,
  lang: Lang,
  allowed: readonly string[] = [],
): Parsed<z.output<S>> {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    return { ok: false, errors: { body: translate(lang, 'errors.required') } };
  }
  const values = (input ?? {}) as Record<string, unknown>;
  const errors = new Map<string, string>();
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(schema.shape, key) && !allowed.includes(key)) {
      errors.set(key, translate(lang, 'errors.unknownField'));
    }
  }
  const result = schema.safeParse(values);
  if (result.success && errors.size === 0) return { ok: true, value: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    const field = String(issue.path[0] ?? 'body');
    if (errors.has(field)) continue;
    const code = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;
    errors.set(field, messageFor(isKnownCode(code) ? code : 'required', lang, field, values));
  }
  return { ok: false, errors: Object.fromEntries(errors) };
}

const CODES = [
  'required',
  'tooLong',
  'email',
  'category',
  'country',
  'countryNotMember',
  'privacy',
  'language',
  'controlCharacters',
];
const isKnownCode = (code: string) => CODES.includes(code.split(':')[0] ?? '');

export type ValidRegistration = RegistrationDetails & { privacyConsent: true; website?: string | undefined };

/** Validates a registration; `lang` is the language of the messages (and the default email language). */
export function parseRegistration(input: unknown, lang: Lang): Parsed<ValidRegistration> {
  // `lang`: the form's language, read by the handler.
  const parsed = parseWith(registrationSchema, input, lang, ['lang']);
  if (!parsed.ok) return parsed;
  const { language, ...rest } = parsed.value;
  return { ok: true, value: { ...rest, language: language ?? lang, privacyConsent: true } };
}

/** Validates changed details from the self-service page (the email address cannot change). */
export function parseDetailsUpdate(input: unknown, lang: Lang, email: string): Parsed<RegistrationDetails> {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    return { ok: false, errors: { body: translate(lang, 'errors.required') } };
  }
  // `token` and `lang` travel with the form and are read by the handler.
  const parsed = parseWith(registrationDetailsSchema, { ...(input as object), email }, lang, ['token', 'lang']);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, language: parsed.value.language ?? lang } };
}

export const langOf = (value: unknown): Lang => (isLang(value) ? value : DEFAULT_LANG);
