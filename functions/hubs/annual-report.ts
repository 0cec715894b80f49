import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longDate } from '../circulars/phrasing.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderDocument } from '../documents/templates.ts';
import { ValidationError } from '../errors.ts';
import { LANGUAGES, type Lang } from '../i18n/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import * as z from '../validation/zod.ts';

/** The three U4SSC dimensions of the city KPIs. */
export const KPI_DIMENSIONS = ['Economy', 'Environment', 'Society and Culture'] as const;

/**
 * A hub's year (ToR §30): the data its annual report is rendered from. Collecting it from hubs
 * through the year comes later; the report renders from this typed object.
 */
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const hubAnnualReportSchema = z.strictObject({
  lang: z._default(z.enum(LANGUAGES), 'en'),
  hub: z.strictObject({
    name: text(200),
    city: text(200),
    country: text(200),
    partner: text(200),
  }),
  year: z.number().check(z.int(), z.gte(2015), z.lte(2100)),
  summary: text(4000),
  preparedBy: text(200),
  quarters: z
    .array(
      z.strictObject({
        quarter: z.enum(['Q1', 'Q2', 'Q3', 'Q4']),
        activities: z.array(text(500)).check(z.maxLength(50)),
      }),
    )
    .check(z.length(4, { error: 'Give the four quarters, Q1 to Q4.' })),
  dimensions: z
    .array(
      z.strictObject({
        dimension: z.enum(KPI_DIMENSIONS),
        indicators: z
          .array(
            z.strictObject({
              name: text(200),
              value: z.number(),
              target: z.number(),
              unit: z.string().check(z.trim(), z.maxLength(40)),
              /** Whether a higher value is better (else lower is). */
              higherIsBetter: z._default(z.boolean(), true),
            }),
          )
          .check(z.minLength(1), z.maxLength(60)),
      }),
    )
    .check(z.length(3, { error: 'Give the three dimensions: Economy; Environment; Society and Culture.' })),
});

export type HubAnnualReport = z.input<typeof hubAnnualReportSchema>;

/** Dimension and quarter names per language: templates/documents/hub-annual-report/labels.json. */
type Labels = { dimensions: Record<string, string>; quarters: Record<string, string> };
let labels: Partial<Record<Lang, Labels>> | undefined;
function labelsFor(lang: Lang): Labels {
  labels ??= JSON.parse(
    readFileSync(join(templatesDir(), 'documents', 'hub-annual-report', 'labels.json'), 'utf8'),
  ) as Partial<Record<Lang, Labels>>;
  const found = labels[lang] ?? labels.en;
  if (!found) throw new Error('templates/documents/hub-annual-report/labels.json has no English labels');
  return found;
}

/** The report as a document, with the share of indicators meeting their target per dimension, charted. */
export function hubAnnualReportDocument(input: unknown, now: Date): DocumentModel {
  const parsed = hubAnnualReportSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'body'] ??= issue.message;
    throw new ValidationError('The hub report data is not complete.', errors);
  }
  const report = parsed.data;
  const lang: Lang = report.lang;
  const names = labelsFor(lang);
  const dimensions = report.dimensions.map((d) => {
    const met = d.indicators.filter((i) => (i.higherIsBetter ? i.value >= i.target : i.value <= i.target)).length;
    return {
      name: names.dimensions[d.dimension] ?? d.dimension,
      score: Math.round((met / d.indicators.length) * 100),
      target: 100,
      indicators: d.indicators,
    };
  });
  return renderDocument('hub-annual-report', lang, {
    hub: report.hub,
    report: {
      year: String(report.year),
      placeAndDate: `${report.hub.city}, ${longDate(now.toISOString(), 'UTC', lang)}`,
      summary: report.summary,
      preparedBy: report.preparedBy,
      quarters: report.quarters.map((q) => ({
        label: names.quarters[q.quarter] ?? q.quarter,
        activities: q.activities,
      })),
      dimensions,
    },
  });
}

export async function hubAnnualReportPdf(
  deps: { renderPdf: (model: DocumentModel) => Promise<Buffer>; now: () => Date },
  input: unknown,
) {
  return deps.renderPdf(hubAnnualReportDocument(input, deps.now()));
}
