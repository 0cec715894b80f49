import * as z from 'zod';
import { requestFiles } from './attachments.ts';
import { ACTIONS, KIND_NAMES, type Kind, VotingRuleInput } from './kinds.ts';
import { CHOICES } from './request.ts';

/** The JSON bodies of the governance routes (strict: an unknown field is a 400 naming it). */
const iso = z.iso.datetime({ offset: true, message: 'Give a date and time (ISO 8601, e.g. 2026-12-01T12:00:00Z).' });

export const openBody = z
  .object({
    kind: z.enum(KIND_NAMES as [Kind, ...Kind[]]),
    fields: z.record(z.string(), z.unknown()),
    closesAt: iso.optional(),
    rule: VotingRuleInput.optional(),
    /** Files the request carries from the start (attachments.ts). */
    attachments: requestFiles.optional(),
  })
  .strict();

export const transitionBody = z
  .object({
    action: z.enum(ACTIONS),
    version: z.number().int().min(1),
    comment: z.string().trim().max(4000).optional(),
    closesAt: iso.optional(),
    rule: VotingRuleInput.optional(),
  })
  .strict();

export const voteBody = z
  .object({
    choice: z.enum(CHOICES),
    comment: z.string().trim().max(4000).optional(),
    /** Only for a focal point of more than one partner. */
    partnerId: z.string().max(63).optional(),
  })
  .strict();
