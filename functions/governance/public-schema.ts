import * as z from '../validation/zod.ts';

/** The public hub request form (ToR §30); messages are codes the page words in its language. */
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, 'too-long'));

export const publicHubRequestSchema = z.strictObject({
  hubName: text(200),
  country: text(100),
  city: z.optional(z.string().check(z.trim(), z.maxLength(100, 'too-long'))),
  partnerId: text(63),
  contactName: text(200),
  contactEmail: z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.email('invalid-email').check(z.maxLength(254, 'too-long')),
  ),
  description: text(4000),
  lang: z.optional(z.string().check(z.maxLength(5))),
});
