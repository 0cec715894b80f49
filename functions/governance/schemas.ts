import * as z from '../validation/zod.ts';
import { requestFiles } from './attachments.ts';
import { ACTIONS, KIND_NAMES, type Kind, VotingRuleInput } from './kinds.ts';
import { CHOICES } from './request.ts';

/** The JSON bodies of the governance routes (strict: an unknown field is a 400 naming it). */
const iso = z.iso.datetime({ offset: true, message: 'Give a date and time (ISO 8601, e.g. 2026-12-01T12:00:00Z).' });

export const openBody = z.strictObject({
  kind: z.enum(KIND_NAMES as [Kind, ...Kind[]]),
  fields: z.record(z.string(), z.unknown()),
  closesAt: z.optional(iso),
  rule: z.optional(VotingRuleInput),
  /** Files the request carries from the start (attachments.ts). */
  attachments: z.optional(requestFiles),
});

export const transitionBody = z.strictObject({
  action: z.enum(ACTIONS),
  version: z.number().check(z.int(), z.gte(1)),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
  closesAt: z.optional(iso),
  rule: z.optional(VotingRuleInput),
});

export const voteBody = z.strictObject({
  choice: z.enum(CHOICES),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
  /** Only for a focal point of more than one partner. */
  partnerId: z.optional(z.string().check(z.maxLength(63))),
});
