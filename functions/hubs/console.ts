import { DomainError, ValidationError } from '../errors.ts';
import type { Identity } from '../http/claims.ts';
import { dirOf, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages.ts';
import { KPIS } from './catalogue.ts';
import type { HubYearView } from './operations.ts';
import type { PortfolioRow } from './portfolio.ts';
import { ACTIVITY_KINDS } from './records.ts';

/**
 * The console's hub pages (English, U4SSC's working language): the secretariat's portfolio,
 * a hub's list of years, and a year's page with the draft's figures, the report's state and
 * history, and the forms that call the same operations as the API.
 */
const user = (identity: Identity | undefined) => (identity ? { email: identity.email } : null);

export function hubsConsolePage(input: {
  identity: Identity | undefined;
  portfolio?: { years: number[]; hubs: PortfolioRow[] } | undefined;
  own: { hubId: string; name: string }[];
  thisYear: number;
}) {
  return {
    title: 'Console: hubs',
    consoleUser: user(input.identity),
    thisYear: input.thisYear,
    portfolio: input.portfolio
      ? {
          years: input.portfolio.years,
          hubs: input.portfolio.hubs.map((h) => ({
            ...h,
            years: h.years.map((c) => ({ ...c, label: c.status.replace('-', ' '), missing: c.status === 'missing' })),
          })),
        }
      : null,
    own: input.own,
  };
}

export function hubYearConsolePage(
  view: HubYearView,
  identity: Identity | undefined,
  notice: { done?: string | undefined; error?: string | undefined },
) {
  const secretariat = identity?.roles.includes('secretariat') ?? false;
  const report = view.report;
  const status = report?.status ?? 'not started';
  const can = (...states: string[]) => states.includes(status);
  return {
    title: `Console: ${view.hub.name} ${view.year}`,
    consoleUser: user(identity),
    done: notice.done ?? null,
    error: notice.error ?? null,
    hub: { hubId: view.hub.hubId, name: view.hub.name },
    year: view.year,
    open: view.open,
    report: {
      status,
      edition: report?.edition ?? 1,
      version: report?.version ?? 0,
      corrects: report?.corrects ?? null,
      summary: report?.narratives.en?.summary ?? '',
      highlights: report?.narratives.en?.highlights ?? '',
      challenges: report?.narratives.en?.challenges ?? '',
      languages: Object.keys(report?.narratives ?? {}).join(', ') || 'none yet',
      history: (report?.history ?? []).map((e) => ({ ...e, comment: e.comment ?? '' })),
      /** The report's words in the five other languages, each in its own form. */
      otherLanguages: LANGUAGES.filter((lang) => lang !== 'en').map((lang) => {
        const words = report?.narratives[lang];
        return {
          lang,
          name: LANGUAGE_NAMES[lang],
          dir: dirOf(lang),
          written: words !== undefined,
          summary: words?.summary ?? '',
          highlights: words?.highlights ?? '',
          challenges: words?.challenges ?? '',
        };
      }),
    },
    actions: {
      edit: !report || can('draft', 'returned'),
      submit: can('draft', 'returned') && !secretariat,
      review: secretariat && can('submitted'),
      publish: secretariat && can('accepted'),
      correct: can('published'),
    },
    editions: view.editions.map((e) => ({ ...e, publishedAt: e.publishedAt ?? null, corrects: e.corrects ?? null })),
    totals: view.draft.totals,
    quarters: view.draft.quarters.map((q) => ({
      quarter: q.quarter,
      activities: q.activities.map((a) => ({
        ...a,
        cities: a.cities.join(', '),
        partnerLines: a.partners.join('\n'),
        linkLines: a.links.join('\n'),
        kinds: ACTIVITY_KINDS.map((kind) => ({ value: kind, selected: kind === a.kind })),
      })),
    })),
    cities: view.draft.cities.map((c) => ({
      name: c.city.name,
      cityId: c.city.cityId,
      values: c.results.length,
      core: `${c.coverage.core.reported} / ${c.coverage.core.total}`,
      advanced: `${c.coverage.advanced.reported} / ${c.coverage.advanced.total}`,
    })),
    shares: view.draft.shares.map((s) => ({
      dimension: s.dimensionId,
      current: s.current === undefined ? '—' : `${s.current} %`,
      previous: s.previous === undefined ? '—' : `${s.previous} %`,
      meeting: `${s.meeting} of ${s.withTarget}`,
    })),
    /** Finances and next year's plan as the form's lines ("source | amount", "Q1 | title"). */
    yearRecord: {
      version: view.records.version,
      currency: view.records.finances?.currency ?? '',
      income: (view.records.finances?.income ?? []).map((i) => `${i.source} | ${i.amount}`).join('\n'),
      expenditure: (view.records.finances?.expenditure ?? []).map((e) => `${e.item} | ${e.amount}`).join('\n'),
      notes: view.records.finances?.notes ?? '',
      objectives: (view.records.plan?.objectives ?? []).join('\n'),
      planActivities: (view.records.plan?.activities ?? []).map((a) => `${a.quarter} | ${a.title}`).join('\n'),
      budget: view.records.plan?.budget === undefined ? '' : String(view.records.plan.budget),
    },
    kpiCount: KPIS.length,
    kpiTables: view.records.cities.map((city) => {
      const mine = new Map(view.records.values.filter((v) => v.cityId === city.cityId).map((v) => [v.code, v]));
      return {
        cityId: city.cityId,
        name: city.name,
        rows: KPIS.map((kpi) => {
          const v = mine.get(kpi.code);
          return {
            code: kpi.code,
            name: kpi.name.en,
            unit: kpi.unit,
            type: kpi.type,
            value: v ? String(v.value) : '',
            source: v?.source ?? '',
            collectedOn: v?.collectedOn ?? '',
            verified: v?.verification === 'verified',
          };
        }),
      };
    }),
  };
}

/** A form's fields as the change the API takes (the same validation then applies). */
const FORM_FIELDS = new Set([
  'action',
  'activityId',
  'lang',
  'currency',
  'income',
  'expenditure',
  'notes',
  'objectives',
  'planActivities',
  'budget',
  'version',
  'date',
  'kind',
  'title',
  'description',
  'cities',
  'participants',
  'partners',
  'links',
  'cityId',
  'name',
  'country',
  'csv',
  'summary',
  'highlights',
  'challenges',
  'comment',
  'corrects',
]);

/** The KPI table's inputs: `value.<code>`, `source.<code>`, `date.<code>`, `verified.<code>`. */
const KPI_FIELD = /^(value|source|date|verified)\.([A-Z]{2}-[A-Z]{2,3}-[A-Z]{2,3}-\d[CA])$/;

function kpiTableChange(fields: Record<string, unknown>, cityId: string): Record<string, unknown> {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');
  const values = KPIS.filter((kpi) => text(`value.${kpi.code}`) !== '').map((kpi) => {
    const raw = text(`value.${kpi.code}`);
    return {
      cityId,
      code: kpi.code,
      // A number stays a number; anything else goes through as text, so the schema names the row.
      value: /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : raw,
      source: text(`source.${kpi.code}`),
      collectedOn: text(`date.${kpi.code}`),
      verification: text(`verified.${kpi.code}`) ? 'verified' : 'self-reported',
    };
  });
  return { action: 'kpi.save', values };
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A number stays a number; anything else goes through as text, so the schema names the field. */
const numberOrText = (raw: string) => (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : raw);

/** "left | right" lines as pairs (a line without "|" has no right part, which the schema refuses). */
const pairs = (value: string) =>
  lines(value).map((line) => {
    const at = line.lastIndexOf('|');
    return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });

export function hubYearChangeFromForm(fields: Record<string, unknown>): Record<string, unknown> {
  const unknown = Object.keys(fields).filter((key) => !FORM_FIELDS.has(key) && !KPI_FIELD.test(key));
  if (unknown.length)
    throw new ValidationError(
      'The form has fields this page does not take.',
      Object.fromEntries(unknown.map((key) => [key, `Unknown field "${key}".`])),
    );
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const version = Number(text('version') || '0');
  switch (text('action')) {
    case 'finances.save':
      return {
        action: 'year.save',
        version,
        finances: {
          currency: text('currency').trim().toUpperCase(),
          income: pairs(text('income')).map(([source, amount]) => ({ source, amount: numberOrText(amount ?? '') })),
          expenditure: pairs(text('expenditure')).map(([item, amount]) => ({
            item,
            amount: numberOrText(amount ?? ''),
          })),
          notes: text('notes'),
        },
      };
    case 'plan.save':
      return {
        action: 'year.save',
        version,
        plan: {
          objectives: lines(text('objectives')),
          activities: pairs(text('planActivities')).map(([quarter, title]) => ({ quarter, title })),
          ...(text('budget').trim() ? { budget: numberOrText(text('budget').trim()) } : {}),
        },
      };
    case 'activity.delete':
      return { action: 'activity.delete', activityId: text('activityId') };
    case 'activity.save':
      return {
        action: 'activity.save',
        // with an id, the recorded activity is changed (its attached files stay)
        ...(text('activityId') ? { activityId: text('activityId') } : {}),
        activity: {
          date: text('date'),
          kind: text('kind'),
          title: text('title'),
          description: text('description'),
          cities: text('cities')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          participants: Number(text('participants') || '0'),
          partners: lines(text('partners')),
          links: lines(text('links')),
        },
      };
    case 'city.save':
      return { action: 'city.save', city: { cityId: text('cityId'), name: text('name'), country: text('country') } };
    case 'kpi.import':
      return { action: 'kpi.import', csv: text('csv') };
    case 'kpi.table':
      return kpiTableChange(fields, text('cityId'));
    case 'narrative.save':
      return {
        action: 'narrative.save',
        version,
        lang: text('lang') || 'en',
        narrative: { summary: text('summary'), highlights: text('highlights'), challenges: text('challenges') },
      };
    case 'submit':
    case 'accept':
      return { action: text('action'), version };
    case 'return':
      return { action: 'return', version, comment: text('comment') };
    case 'correct':
      return { action: 'correct', version, corrects: text('corrects') };
    default:
      return { action: text('action') };
  }
}

/** What the page says after a form: what was done, or why not (the problem's detail and its fields). */
export function outcomeOf(result: Record<string, unknown>): string {
  if (typeof result.stored === 'number' && result.rejected === undefined) return `Saved ${result.stored} KPI values.`;
  if (typeof result.rejected === 'number')
    return `Imported ${result.stored} of ${result.rows} rows; ${result.rejected} refused${
      Array.isArray(result.errors) && result.errors.length
        ? `: ${(result.errors as { line: number; reason: string }[])
            .slice(0, 5)
            .map((e) => `line ${e.line}: ${e.reason}`)
            .join('; ')}${result.errors.length > 5 ? '; …' : ''}`
        : ''
    }.`;
  return 'Saved.';
}

export function problemText(error: unknown): string | undefined {
  if (!(error instanceof DomainError) || error.statusCode >= 500) return undefined;
  const errors = error.extensions.errors as Record<string, string> | undefined;
  return errors
    ? `${error.message} ${Object.entries(errors)
        .map(([field, message]) => `${field}: ${message}`)
        .join(' ')}`
    : error.message;
}
