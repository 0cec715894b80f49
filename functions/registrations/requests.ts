import { isSafeText } from '../validation/text.ts';
import * as z from '../validation/zod.ts';
import { registrationDetailsSchema, registrationSchema } from './schema.ts';

/**
 * The bodies of the registration routes, read with `parseBody` (functions/http/body.ts) before
 * anything else: a wrong type or an unknown field is a 400 naming it, and nothing changes. The
 * registrant's own fields are then checked by `schema.ts`, with messages in their language.
 */
const token = z.string().check(z.maxLength(200), z.describe('The secret of the link the registrant was emailed'));
const lang = z
  .optional(z.string().check(z.maxLength(10)))
  .check(z.describe('The language of the page (ar, en, es, fr, ru, zh)'));

export const registrationBody = z.extend(registrationSchema, { lang });

export const verifyBody = z.object({ token: z.optional(token), lang });

export const withdrawBody = z.object({ token, lang });

export const deleteBody = z.object({
  token,
  lang,
  confirm: z
    .optional(z.union([z.string().check(z.maxLength(10)), z.boolean()]))
    .check(z.describe('"on" (or true): the registrant confirms')),
});

/** The self-service form: the link's token and the changed details (checked by `parseDetailsUpdate`). */
export const updateBody = z.object({
  token,
  lang,
  ...Object.fromEntries(
    Object.keys(registrationDetailsSchema.shape)
      .filter((key) => key !== 'email')
      .map((key) => [key, z.optional(z.unknown())]),
  ),
});

/** What the OpenAPI document shows for the update form (the real types of the details). */
export const updateBodyDocumented = z.extend(z.omit(registrationDetailsSchema, { email: true }), { token, lang });

const reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'This field is required.' : 'Give the reason as text.') })
  .check(
    z.maxLength(1000, { error: 'Use at most 1000 characters.' }),
    z.refine(isSafeText, { error: 'Remove control characters.' }),
    z.describe('The reason the registrant will read'),
  );

export const rejectBody = z.object({ reason });

/** Approval takes no fields: a body, if any, must be empty. */
export const approveBody = z.object({});

/** Registration ids are short and printable (random letters and digits, see tokens.ts); an unknown one is reported per id. */
const registrationId = z.string().check(z.regex(/^[!-~]{1,64}$/, { error: 'Not a registration id.' }));

export const decisionsBody = z.object({
  action: z.enum(['approve', 'reject'], { error: 'Use "approve" or "reject".' }),
  registrationIds: z
    .array(registrationId, { error: 'Give a list of registration ids.' })
    .check(
      z.minLength(1, { error: 'Give at least one registration id.' }),
      z.maxLength(500, { error: 'Give at most 500 registration ids at once.' }),
    ),
  reason: z.optional(reason),
});

/**
 * The console's bulk form: one ticked box is one value, several are a list. A row's own button
 * sends `row` ("approve:<id>" or "reject:<id>") and decides that registration alone; `back` is
 * where the list was (its query string) or the registration's own page ("/<id>").
 */
export const decisionsForm = z.object({
  action: z.optional(z.string().check(z.maxLength(20))),
  reason: z.optional(z.string().check(z.maxLength(1000))),
  registrationIds: z.optional(z.union([registrationId, z.array(registrationId).check(z.maxLength(500))])),
  row: z.optional(z.string().check(z.maxLength(200))),
  apply: z.optional(z.string().check(z.maxLength(10))),
  back: z.optional(z.string().check(z.maxLength(2000))),
});
