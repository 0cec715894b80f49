import * as z from 'zod';
import type { StoredFile } from '../files/uploads.ts';

/**
 * What a hub records through its year (ToR §30): its cities, its activities, the cities' KPI
 * values, its finances and next year's plan. The annual report is drafted from these.
 */
export const ACTIVITY_KINDS = ['event', 'training', 'city-project', 'publication', 'outreach'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const VERIFICATION = ['self-reported', 'verified'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDay = z.iso.date({ error: 'Give a date as YYYY-MM-DD.' });
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'Use 2 to 63 letters, digits and hyphens.' });

export const activityInput = z.strictObject({
  date: isoDay,
  kind: z.enum(ACTIVITY_KINDS),
  title: text(200),
  description: z.string().trim().max(4000).default(''),
  partners: z.array(text(200)).max(30).default([]),
  cities: z.array(slug).max(30).default([]),
  participants: z.number().int().min(0).max(10_000_000).default(0),
  links: z
    .array(z.url({ protocol: /^https?$/ }).max(500))
    .max(20)
    .default([]),
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
  value: z.number().finite(),
  unit: z.string().trim().max(60).optional(),
  /** The city's own target, where it has one (used before the catalogue's). */
  target: z.number().finite().optional(),
  source: text(300),
  collectedOn: isoDay,
  verification: z.enum(VERIFICATION).default('self-reported'),
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

const money = z.number().finite().min(0).max(1e12);
export const financesInput = z.strictObject({
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, { error: 'Give an ISO 4217 code, e.g. EUR.' }),
  income: z.array(z.strictObject({ source: text(200), amount: money })).max(30),
  expenditure: z.array(z.strictObject({ item: text(200), amount: money })).max(30),
  notes: z.string().trim().max(2000).default(''),
});
export type Finances = z.output<typeof financesInput>;

export const planInput = z.strictObject({
  objectives: z.array(text(500)).max(20),
  activities: z.array(z.strictObject({ quarter: z.enum(['Q1', 'Q2', 'Q3', 'Q4']), title: text(300) })).max(50),
  budget: money.optional(),
});
export type Plan = z.output<typeof planInput>;

/** The hub's own words in the report, per language it writes in (English required). */
export const narrativeInput = z.strictObject({
  summary: z.string().trim().max(6000),
  highlights: z.string().trim().max(6000).default(''),
  challenges: z.string().trim().max(6000).default(''),
});
export type Narrative = z.output<typeof narrativeInput>;
