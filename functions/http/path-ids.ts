import { DomainError } from '../errors.ts';

/**
 * The ids a path may carry, checked at the edge before a handler runs: a value that cannot be
 * an id is a 404 that names the parameter, and never reaches the database (DynamoDB refuses
 * keys over its size limit with an error, which would otherwise be a 500).
 *
 * Meeting and distribution-list ids are chosen by people and are case-insensitive: they are
 * made canonical (lower case) here, so every lookup and write uses the id as stored.
 * Registration and circular ids are random (mixed case) and kept as they are.
 */
export interface PathId {
  readonly pattern: RegExp;
  readonly canonical?: (value: string) => string;
  /** What a valid value looks like, for the 404's message. */
  readonly hint: string;
}

const lower = (value: string) => value.toLowerCase();

export const PATH_IDS: Readonly<Record<string, PathId>> = {
  meetingId: {
    pattern: /^[a-z0-9][a-z0-9-]{1,62}$/,
    canonical: lower,
    hint: '2 to 63 letters, digits and hyphens',
  },
  listId: {
    pattern: /^[a-z0-9][a-z0-9-]{1,62}$/,
    canonical: lower,
    hint: '2 to 63 letters, digits and hyphens',
  },
  registrationId: { pattern: /^[A-Za-z0-9]{1,64}$/, hint: 'up to 64 letters and digits' },
  /** A governance request: random, mixed case. */
  requestId: { pattern: /^[A-Za-z0-9]{1,64}$/, hint: 'up to 64 letters and digits' },
  /** A deliverable of a thematic group: a slug. */
  deliverableId: {
    pattern: /^[a-z0-9][a-z0-9-]{1,62}$/,
    canonical: lower,
    hint: '2 to 63 letters, digits and hyphens',
  },
  /** Minutes of a deliverable's e-meeting: the meeting's day and a random suffix. */
  minutesId: {
    pattern: /^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/,
    hint: 'the meeting day and 8 hex digits, e.g. 2026-11-20-0a1b2c3d',
  },
  circularId: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, hint: 'up to 64 letters, digits and hyphens' },
  messageId: { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,511}$/, hint: 'up to 512 letters, digits, dots and hyphens' },
  file: { pattern: /^[a-z]{2}\.pdf$/, hint: 'a language code and .pdf, e.g. en.pdf' },
  /** A hub's id as its record has it (seeded ones are slugs; hubs made from requests may carry other ids). */
  hubId: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, hint: 'up to 64 letters, digits and hyphens' },
  /** A file attached to a hub's activity: a UUID. */
  attachmentId: { pattern: /^[0-9a-f-]{36}$/, hint: 'a UUID' },
  year: { pattern: /^\d{4}$/, hint: 'a year of four digits, e.g. 2025' },
  /** An issuing body (templates/issuing-bodies/<id>.json): TSB, UNECE, UN-HABITAT… */
  bureau: {
    pattern: /^[A-Z][A-Z0-9-]{1,19}$/,
    canonical: (value) => value.toUpperCase(),
    hint: '2 to 20 capital letters, digits and hyphens, e.g. TSB',
  },
};

/** Any other parameter: short, printable, no slash. */
const OTHER: PathId = { pattern: /^[\x21-\x2e\x30-\x7e]{1,200}$/, hint: 'up to 200 printable characters' };

/** Checks and canonicalises the path's ids; throws a 404 naming the first that cannot be one. */
export function checkPathIds(params: Record<string, string | undefined>): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    const rule = Object.hasOwn(PATH_IDS, name) ? (PATH_IDS[name] as PathId) : OTHER;
    const value = rule.canonical ? rule.canonical(raw) : raw;
    if (!rule.pattern.test(value)) {
      throw new DomainError(404, 'Not Found', `Nothing is found here: ${name} is not a valid id (${rule.hint}).`, {
        errors: { [name]: `Not a valid id: use ${rule.hint}.` },
      });
    }
    checked[name] = value;
  }
  return checked;
}
