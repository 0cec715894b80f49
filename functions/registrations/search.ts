import { compareCodePoints } from '../calendar/compare.ts';
import { ValidationError } from '../errors.ts';
import type { Registration } from './registration.ts';

/**
 * The console's registration list: a search over name, email and organisation, a sort and
 * pages. A meeting's registrations are read once (keys and the listed fields only, through the
 * status index) and searched in memory: DynamoDB has no substring search, and one meeting's
 * registrations, even 5,000, are a few hundred kilobytes (measured, see README).
 */
export const SORT_KEYS = ['since', 'name', 'email', 'organisation', 'status', 'registered'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZE = 50;

export interface RegistrationQuery {
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
}

export interface RegistrationPage {
  rows: Registration[];
  /** How many match the search (all pages). */
  total: number;
  page: number;
  pages: number;
  query: RegistrationQuery;
}

/** The list's query from the address bar: anything unknown falls back to the default, never an error page. */
export function parseRegistrationQuery(input: Record<string, string | undefined>): RegistrationQuery {
  const sort = SORT_KEYS.find((key) => key === input.sort) ?? 'since';
  const dir = input.dir === 'desc' ? 'desc' : 'asc';
  const page = Number.parseInt(input.page ?? '1', 10);
  const q = (input.q ?? '').trim().slice(0, 200);
  return { q, sort, dir, page: Number.isFinite(page) && page >= 1 ? Math.min(page, 100_000) : 1 };
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

const sortValue = (r: Registration, key: SortKey): string => {
  switch (key) {
    case 'since':
      return r.statusAt;
    case 'registered':
      return r.createdAt;
    case 'status':
      return r.status;
    default:
      return fold(r[key]);
  }
};

/** Built on the first sort by text: the first Intl object of a process costs a cold start ~8 ms. */
let collator: Intl.Collator | undefined;

function textCollator(): Intl.Collator {
  collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return collator;
}

/** One page of the registrations that match, sorted; a page past the end shows the last one. */
export function pageOfRegistrations(registrations: Registration[], query: RegistrationQuery): RegistrationPage {
  if (query.q.length > 200) throw new ValidationError('The search is too long.', { q: 'Use at most 200 characters.' });
  const words = fold(query.q).split(/\s+/).filter(Boolean);
  const matching = words.length
    ? registrations.filter((r) => {
        const text = fold(`${r.name} ${r.email} ${r.organisation}`);
        return words.every((word) => text.includes(word));
      })
    : registrations;
  const sign = query.dir === 'desc' ? -1 : 1;
  const byText = query.sort === 'name' || query.sort === 'email' || query.sort === 'organisation';
  const keyed = matching.map((r) => ({ key: sortValue(r, query.sort), r }));
  const compareText = byText ? textCollator().compare : undefined;
  keyed.sort((a, b) => {
    const order = compareText ? compareText(a.key, b.key) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return sign * order || compareCodePoints(a.r.registrationId, b.r.registrationId);
  });
  const sorted = keyed.map((k) => k.r);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: matching.length,
    page,
    pages,
    query: { ...query, page },
  };
}
