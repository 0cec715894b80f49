import type { StoredFile } from '../files/uploads.ts';
import * as z from '../validation/zod.ts';

/**
 * What a hub records through its year (ToR §30): its cities, its activities, the cities' KPI
 * values, its finances and next year's plan. The annual report is drafted from these.
 */
export const ACTIVITY_KINDS = ['event', 'training', 'city-project', 'publication', 'outreach'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const VERIFICATION = ['self-reported', 'verified'] as const;

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const isoDay = z.iso.date({ error: 'Give a date as YYYY-MM-DD.' });
const slug = z
  .string()
  .check(
    z.trim(),
    z.toLowerCase(),
    z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Use 2 to 63 letters, digits and hyphens.' }),
  );

export const activityInput = z.strictObject({
  date: isoDay,
  kind: z.enum(ACTIVITY_KINDS),
  title: text(200),
  description: z._default(z.string().check(z.trim(), z.maxLength(4000)), ''),
  partners: z._default(z.array(text(200)).check(z.maxLength(30)), []),
  cities: z._default(z.array(slug).check(z.maxLength(30)), []),
  participants: z._default(z.number().check(z.int(), z.gte(0), z.lte(10_000_000)), 0),
  links: z._default(z.array(z.url({ protocol: /^https?$/ }).check(z.maxLength(500))).check(z.maxLength(20)), []),
});
export type ActivityInput = z.output<typeof activityInput>;
/** A file attached to an activity (stored in S3, see attachments.ts). */
export type Attachment = StoredFile;
export interface Activity extends ActivityInput {
  activityId: string;
  /** Kept when the activity is saved again; added one by one (attachments.ts). */
  attachments?: Attachment[];
}

export const cityInput = z.strictObject({
  cityId: slug,
  name: text(200),
  country: text(100),
});
export type City = z.output<typeof cityInput>;

export const kpiValueInput = z.strictObject({
  cityId: slug,
  code: text(30),
  value: z.number(),
  unit: z.optional(z.string().check(z.trim(), z.maxLength(60))),
  /** The city's own target, where it has one (used before the catalogue's). */
  target: z.optional(z.number()),
  source: text(300),
  collectedOn: isoDay,
  verification: z._default(z.enum(VERIFICATION), 'self-reported'),
});
export interface KpiValue {
  cityId: string;
  code: string;
  value: number;
  target?: number | undefined;
  source: string;
  collectedOn: string;
  verification: (typeof VERIFICATION)[number];
}

const money = z.number().check(z.gte(0), z.lte(1e12));
export const financesInput = z.strictObject({
  currency: z.string().check(z.trim(), z.regex(/^[A-Z]{3}$/, { error: 'Give an ISO 4217 code, e.g. EUR.' })),
  income: z.array(z.strictObject({ source: text(200), amount: money })).check(z.maxLength(30)),
  expenditure: z.array(z.strictObject({ item: text(200), amount: money })).check(z.maxLength(30)),
  notes: z._default(z.string().check(z.trim(), z.maxLength(2000)), ''),
});
export type Finances = z.output<typeof financesInput>;

export const planInput = z.strictObject({
  objectives: z.array(text(500)).check(z.maxLength(20)),
  activities: z
    .array(z.strictObject({ quarter: z.enum(['Q1', 'Q2', 'Q3', 'Q4']), title: text(300) }))
    .check(z.maxLength(50)),
  budget: z.optional(money),
});
export type Plan = z.output<typeof planInput>;

/** The hub's own words in the report, per language it writes in (English required). */
export const narrativeInput = z.strictObject({
  summary: z.string().check(z.trim(), z.maxLength(6000)),
  highlights: z._default(z.string().check(z.trim(), z.maxLength(6000)), ''),
  challenges: z._default(z.string().check(z.trim(), z.maxLength(6000)), ''),
});
export type Narrative = z.output<typeof narrativeInput>;
