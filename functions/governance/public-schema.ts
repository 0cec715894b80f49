import * as z from 'zod';

/** The public hub request form (ToR §30); messages are codes the page words in its language. */
const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too-long');

export const publicHubRequestSchema = z
  .object({
    hubName: text(200),
    country: text(100),
    city: z.string().trim().max(100, 'too-long').optional(),
    partnerId: text(63),
    contactName: text(200),
    contactEmail: z.string().trim().toLowerCase().pipe(z.email('invalid-email').max(254, 'too-long')),
    description: text(4000),
    lang: z.string().max(5).optional(),
  })
  .strict();
