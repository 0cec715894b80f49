import * as z from 'zod';
import { LANGUAGES } from '../i18n/languages.ts';
import { activityInput, cityInput, financesInput, kpiValueInput, narrativeInput, planInput } from './records.ts';

/** The JSON bodies of the hub routes (also read by the OpenAPI document, so nothing heavier is imported here). */
const version = z.number().int().min(0);
export const hubYearChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('activity.save'),
    activityId: z.string().uuid().optional(),
    activity: activityInput,
  }),
  z.strictObject({ action: z.literal('activity.delete'), activityId: z.string().uuid() }),
  z.strictObject({ action: z.literal('city.save'), city: cityInput }),
  z.strictObject({ action: z.literal('kpi.save'), values: z.array(kpiValueInput).min(1).max(100) }),
  z.strictObject({ action: z.literal('kpi.import'), csv: z.string().min(1).max(250_000) }),
  z.strictObject({
    action: z.literal('year.save'),
    version,
    finances: financesInput.optional(),
    plan: planInput.optional(),
  }),
  z.strictObject({
    action: z.literal('narrative.save'),
    version,
    lang: z.enum(LANGUAGES),
    narrative: narrativeInput,
  }),
  z.strictObject({ action: z.literal('submit'), version }),
  z.strictObject({ action: z.literal('accept'), version, comment: z.string().trim().max(4000).optional() }),
  z.strictObject({ action: z.literal('return'), version, comment: z.string().trim().min(1).max(4000) }),
  z.strictObject({ action: z.literal('correct'), version, corrects: z.string().trim().min(1).max(2000) }),
]);

export type HubYearChange = z.output<typeof hubYearChangeSchema>;

export const hubReportPublishSchema = z.strictObject({ version: z.number().int().min(1) });
