import { LANGUAGES } from '../i18n/languages.ts';
import * as z from '../validation/zod.ts';
import { activityInput, cityInput, financesInput, kpiValueInput, narrativeInput, planInput } from './records.ts';

/** The JSON bodies of the hub routes (also read by the OpenAPI document, so nothing heavier is imported here). */
const version = z.number().check(z.int(), z.gte(0));
export const hubYearChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('activity.save'),
    activityId: z.optional(z.string().check(z.uuid())),
    activity: activityInput,
  }),
  z.strictObject({ action: z.literal('activity.delete'), activityId: z.string().check(z.uuid()) }),
  z.strictObject({ action: z.literal('city.save'), city: cityInput }),
  z.strictObject({
    action: z.literal('kpi.save'),
    values: z.array(kpiValueInput).check(z.minLength(1), z.maxLength(100)),
  }),
  z.strictObject({ action: z.literal('kpi.import'), csv: z.string().check(z.minLength(1), z.maxLength(250_000)) }),
  z.strictObject({
    action: z.literal('year.save'),
    version,
    finances: z.optional(financesInput),
    plan: z.optional(planInput),
  }),
  z.strictObject({
    action: z.literal('narrative.save'),
    version,
    lang: z.enum(LANGUAGES),
    narrative: narrativeInput,
  }),
  z.strictObject({ action: z.literal('submit'), version }),
  z.strictObject({
    action: z.literal('accept'),
    version,
    comment: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
  }),
  z.strictObject({
    action: z.literal('return'),
    version,
    comment: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  }),
  z.strictObject({
    action: z.literal('correct'),
    version,
    corrects: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
  }),
]);

export type HubYearChange = z.output<typeof hubYearChangeSchema>;

export const hubReportPublishSchema = z.strictObject({ version: z.number().check(z.int(), z.gte(1)) });
