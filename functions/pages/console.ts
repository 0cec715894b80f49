import { compareCodePoints } from '../calendar/compare.ts';
import type { Circular, DistributionList } from '../circulars/circular.ts';
import { circularReferenceIn } from '../circulars/defaults.ts';
import { issuingBodies, issuingBody, todayAt } from '../circulars/issuing-bodies.ts';
import type { DistributionProgress, SequenceState } from '../circulars/operations.ts';
import type { Dashboard } from '../dashboard/dashboard.ts';
import type { Identity } from '../http/claims.ts';
import { dirOf, isLang, LANGUAGE_NAMES, LANGUAGES, type Lang } from '../i18n/languages.ts';
import { renderAsSent } from '../mail/log.ts';
import type { OutboxMessage } from '../mail/outbox.ts';
import { MEETING_BASE_LANGUAGE, MEETING_FORMATS, type Meeting } from '../meetings/meeting.ts';
import { describeWhen, formatName } from '../meetings/when.ts';
import { utcToZoned, zonedToUtc } from '../meetings/zoned-time.ts';
import { countryName } from '../registrations/countries.ts';
import type { RegistrationAuditEvent } from '../registrations/ports.ts';
import { REGISTRATION_STATUSES, type Registration } from '../registrations/registration.ts';
import { PAGE_SIZE, type RegistrationPage, type RegistrationQuery, type SortKey } from '../registrations/search.ts';
import { registrationWindow } from '../registrations/window.ts';

/** View models of the secretariat console (English, like the secretariat's working language). */
type Fields = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

const consoleUser = (identity: Identity | undefined) => (identity ? { email: identity.email } : null);

/** The dashboard: each number links to the list it counts. */
export function consoleDashboardPage(dashboard: Dashboard, identity: Identity | undefined, now: Date) {
  const registrations = (meetingId: string, status: string) =>
    `/console/meetings/${encodeURIComponent(meetingId)}/registrations?status=${status}`;
  const row = (m: Meeting) => ({
    meetingId: m.meetingId,
    number: m.number,
    title: m.title,
    when: describeWhen(m),
    format: formatName(m.format),
    registration: registrationWindow(m, now).state.replace('-', ' '),
    approval: m.requiresApproval ? 'approval' : 'automatic',
  });
  const { circulars, failedEmails } = dashboard;
  return {
    title: 'Console: dashboard',
    consoleUser: consoleUser(identity),
    meetings: dashboard.meetings.map((f) => ({
      ...row(f.meeting),
      seats: f.capacity === undefined ? `${f.seatsTaken} (no limit)` : `${f.seatsTaken} / ${f.capacity}`,
      seatsHref: registrations(f.meeting.meetingId, 'approved'),
      pending: f.pending,
      pendingHref: registrations(f.meeting.meetingId, 'pending'),
      waitlisted: f.waitlisted,
      waitlistedHref: registrations(f.meeting.meetingId, 'waitlisted'),
    })),
    pastMeetings: dashboard.pastMeetings.map((m) => ({
      ...row(m),
      seats: m.capacity === undefined ? `${m.seatsTaken}` : `${m.seatsTaken} / ${m.capacity}`,
    })),
    circulars: [
      { label: 'Drafts', count: circulars.draft, href: '/console/circulars?status=draft' },
      { label: 'Issued', count: circulars.issued, href: '/console/circulars?status=issued' },
      { label: 'Being distributed', count: circulars.distributing, href: '/console/circulars?status=distributing' },
    ],
    failedEmails: {
      count: failedEmails.count,
      days: failedEmails.days,
      href: `/console/emails?status=failed&days=${failedEmails.days}`,
    },
  };
}

/** The meeting editor's fields by the words on the form, for the error summary. */
const MEETING_FIELD_LABELS: Record<string, string> = {
  meetingId: 'Meeting id',
  number: 'Number',
  format: 'Format',
  title: 'Title',
  organisers: 'Organisers',
  startsAt: 'Starts',
  endsAt: 'Ends',
  timeZone: 'Time zone',
  languages: 'Working languages',
  objectives: 'Objectives',
  eventUrl: 'Event page',
  announcedBy: 'Announced by',
  joiningDetails: 'Joining details',
  registrationOpensAt: 'Registration opens',
  registrationClosesAt: 'Registration closes',
  capacity: 'Seats',
  retentionDays: 'Delete personal data after the end',
  requiresApproval: 'Approval',
  version: 'Version',
};

export function meetingFieldLabel(name: string): string {
  const translated = /^translations\.(\w+)\.(\w+)$/.exec(name);
  if (translated) {
    const [, lang, field] = translated;
    const language = isLang(lang) ? ENGLISH_NAMES[lang] : lang;
    return `${MEETING_FIELD_LABELS[field ?? ''] ?? field} (${language})`;
  }
  const base = name.split('.')[0] ?? name;
  return MEETING_FIELD_LABELS[base] ?? 'This form';
}

/** A message meant for the JSON API, said the way the console's form asks for the value. */
function plainMessage(message: string): string {
  if (message.startsWith('Give an ISO 8601 date and time')) return 'Give a date and a time, e.g. 07/12/2026 10:00.';
  return message;
}

/** "Europe/Zurich (Geneva time)": the zone the editor's times are in, named. */
function zoneLabel(zone: string): string {
  if (!zone) return 'the time zone below';
  return zone === 'Europe/Zurich' ? 'Europe/Zurich, Geneva time' : zone;
}

/** The editor's fields from a stored meeting, times shown in the meeting's own zone. */
function fieldsOf(m: Meeting): Fields {
  return {
    meetingId: m.meetingId,
    number: String(m.number),
    title: m.title,
    organisers: m.organisers.join(', '),
    format: m.format,
    timeZone: m.timeZone,
    startsAt: utcToZoned(m.startsAt, m.timeZone),
    endsAt: utcToZoned(m.endsAt, m.timeZone),
    languages: m.languages,
    objectives: m.objectives.join('\n'),
    eventUrl: m.eventUrl ?? '',
    announcedBy: m.announcedBy ?? '',
    joiningDetails: m.joiningDetails ?? '',
    registrationOpensAt: m.registrationOpensAt ? utcToZoned(m.registrationOpensAt, m.timeZone) : '',
    registrationClosesAt: m.registrationClosesAt ? utcToZoned(m.registrationClosesAt, m.timeZone) : '',
    capacity: m.capacity === undefined ? '' : String(m.capacity),
    requiresApproval: m.requiresApproval,
    retentionDays: String(m.retentionDays),
    version: String(m.version),
    ...translationFields(m),
  };
}

/** The languages a meeting's words are translated into, beside its English text. */
const TRANSLATED: readonly Lang[] = LANGUAGES.filter((lang) => lang !== MEETING_BASE_LANGUAGE);
const trField = (lang: Lang, field: string) => `translations.${lang}.${field}`;

function translationFields(m: Meeting): Fields {
  const fields: Fields = {};
  for (const lang of TRANSLATED) {
    const own = m.translations?.[lang];
    fields[trField(lang, 'title')] = own?.title ?? '';
    fields[trField(lang, 'objectives')] = (own?.objectives ?? []).join('\n');
    fields[trField(lang, 'joiningDetails')] = own?.joiningDetails ?? '';
  }
  return fields;
}

export function meetingEditorPage(input: {
  meeting?: Meeting;
  identity: Identity | undefined;
  values?: Fields;
  errors?: Record<string, string>;
  flash?: string | null;
}) {
  const values =
    input.values ??
    (input.meeting ? fieldsOf(input.meeting) : { timeZone: 'Europe/Zurich', languages: ['en'], retentionDays: '180' });
  const errors = input.errors
    ? Object.fromEntries(Object.entries(input.errors).map(([name, message]) => [name, plainMessage(message)]))
    : undefined;
  const error = (name: string) => errors?.[name] ?? null;
  const field = (name: string) => ({ value: str(values[name]), error: error(name) });
  const chosen = list(values.languages);
  return {
    title: input.meeting ? `Edit: ${input.meeting.title}` : 'New meeting',
    consoleUser: consoleUser(input.identity),
    isNew: !input.meeting,
    meetingId: input.meeting?.meetingId ?? null,
    action: input.meeting ? `/console/meetings/${encodeURIComponent(input.meeting.meetingId)}` : '/console/meetings',
    flash: input.flash ?? null,
    errorList: errors
      ? Object.entries(errors).map(([name, message]) => ({ name, label: meetingFieldLabel(name), message }))
      : null,
    zoneLabel: zoneLabel(str(values.timeZone)),
    f: {
      meetingId: field('meetingId'),
      number: field('number'),
      title: field('title'),
      organisers: field('organisers'),
      timeZone: field('timeZone'),
      startsAt: field('startsAt'),
      endsAt: field('endsAt'),
      objectives: field('objectives'),
      eventUrl: field('eventUrl'),
      announcedBy: field('announcedBy'),
      joiningDetails: field('joiningDetails'),
      registrationOpensAt: field('registrationOpensAt'),
      registrationClosesAt: field('registrationClosesAt'),
      capacity: field('capacity'),
      retentionDays: field('retentionDays'),
      version: field('version'),
    },
    translations: TRANSLATED.map((lang) => {
      const cell = (name: string) => ({
        name: trField(lang, name),
        value: str(values[trField(lang, name)]),
        error: error(trField(lang, name)),
      });
      const title = cell('title');
      const objectives = cell('objectives');
      const joiningDetails = cell('joiningDetails');
      return {
        code: lang,
        name: LANGUAGE_NAMES[lang],
        dir: lang === 'ar' ? 'rtl' : 'ltr',
        title,
        objectives,
        joiningDetails,
        // English shows through where this language is empty and English is not.
        fallsBack: (['title', 'objectives', 'joiningDetails'] as const).some(
          (name) => str(values[trField(lang, name)]).trim() === '' && str(values[name]).trim() !== '',
        ),
      };
    }),
    english: {
      title: str(values.title),
      objectives: str(values.objectives),
      joiningDetails: str(values.joiningDetails),
    },
    formats: MEETING_FORMATS.map((value) => ({ value, label: formatName(value), selected: values.format === value })),
    languageChoices: LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], checked: chosen.includes(code) })),
    languagesError: error('languages'),
    formatError: error('format'),
    requiresApproval: values.requiresApproval === true || values.requiresApproval === 'on',
  };
}

/**
 * The editor's form → the meeting API's input. Times typed in the meeting's zone become
 * instants; an unreadable time is left as typed, so validation names the field.
 */
export function meetingInputFromForm(fields: Fields): Record<string, unknown> {
  const zone = str(fields.timeZone).trim() || 'Europe/Zurich';
  const instant = (name: string) => {
    const raw = str(fields[name]).trim();
    if (!raw) return undefined;
    return zonedToUtc(raw, zone) ?? raw;
  };
  const number = (name: string) => {
    const raw = str(fields[name]).trim();
    return raw === '' ? undefined : Number(raw);
  };
  const optional = (name: string) => str(fields[name]).trim() || undefined;
  return {
    ...(optional('meetingId') ? { meetingId: optional('meetingId') } : {}),
    number: number('number'),
    title: str(fields.title),
    organisers: str(fields.organisers)
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    format: str(fields.format),
    timeZone: zone,
    startsAt: instant('startsAt'),
    endsAt: instant('endsAt'),
    languages: list(fields.languages),
    objectives: str(fields.objectives)
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean),
    eventUrl: optional('eventUrl'),
    announcedBy: optional('announcedBy'),
    joiningDetails: str(fields.joiningDetails).replace(/\r\n/g, '\n').trim() || undefined,
    registrationOpensAt: instant('registrationOpensAt'),
    registrationClosesAt: instant('registrationClosesAt'),
    capacity: number('capacity'),
    requiresApproval: fields.requiresApproval === 'on',
    retentionDays: number('retentionDays'),
    translations: Object.fromEntries(
      TRANSLATED.map((lang) => [
        lang,
        {
          title: str(fields[trField(lang, 'title')]).trim(),
          objectives: str(fields[trField(lang, 'objectives')])
            .split(/\r?\n/)
            .map((o) => o.trim())
            .filter(Boolean),
          joiningDetails: str(fields[trField(lang, 'joiningDetails')]).replace(/\r\n/g, '\n').trim(),
        },
      ]),
    ),
    ...(optional('version') ? { version: number('version') } : {}),
  };
}

/** The query string of a registration list (status, search, sort, page), without empty parts. */
export function listQuery(
  status: string | undefined,
  query: RegistrationQuery,
  changes: Partial<RegistrationQuery> = {},
) {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q.q) params.set('q', q.q);
  if (q.sort !== 'since') params.set('sort', q.sort);
  if (q.dir !== 'asc') params.set('dir', q.dir);
  if (q.page > 1) params.set('page', String(q.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const SORT_LABELS: Record<SortKey, string> = {
  since: 'Since (UTC)',
  name: 'Name',
  email: 'Email',
  organisation: 'Organisation',
  status: 'Status',
  registered: 'Registered (UTC)',
};

/** What the secretariat can do with a registration in this status, as row buttons. */
function rowActions(status: string) {
  return [
    ...(status === 'pending' ? [{ action: 'approve', label: 'Approve' }] : []),
    ...(status === 'rejected' ? [{ action: 'approve', label: 'Approve again' }] : []),
    ...(status === 'waitlisted' ? [{ action: 'approve', label: 'Promote' }] : []),
    ...(['unverified', 'pending', 'approved', 'waitlisted'].includes(status)
      ? [{ action: 'reject', label: 'Reject' }]
      : []),
  ];
}

export function registrationsPage(input: {
  meeting: Meeting;
  page: RegistrationPage;
  status: string | undefined;
  identity: Identity | undefined;
  flash?: string | null;
  selectAll?: boolean;
}) {
  const { meeting, page } = input;
  const base = `/console/meetings/${encodeURIComponent(meeting.meetingId)}/registrations`;
  const here = listQuery(input.status, page.query);
  const sortLink = (key: SortKey) => {
    const current = page.query.sort === key;
    const dir = current && page.query.dir === 'asc' ? 'desc' : 'asc';
    return {
      label: SORT_LABELS[key],
      href: `${base}${listQuery(input.status, page.query, { sort: key, dir, page: 1 })}`,
      sort: current ? (page.query.dir === 'asc' ? 'ascending' : 'descending') : null,
    };
  };
  const first = (page.page - 1) * PAGE_SIZE + 1;
  return {
    title: `Registrations: ${meeting.title}`,
    consoleUser: consoleUser(input.identity),
    meeting: { meetingId: meeting.meetingId, title: meeting.title, when: describeWhen(meeting) },
    seats:
      meeting.capacity === undefined
        ? `${meeting.seatsTaken} (no limit)`
        : `${meeting.seatsTaken} of ${meeting.capacity}`,
    flash: input.flash ?? null,
    filters: [
      { label: 'All', href: `${base}${listQuery(undefined, page.query, { page: 1 })}`, current: !input.status },
      ...REGISTRATION_STATUSES.map((s) => ({
        label: statusWords(s),
        href: `${base}${listQuery(s, page.query, { page: 1 })}`,
        current: input.status === s,
      })),
    ],
    search: { q: page.query.q, status: input.status ?? '', sort: page.query.sort, dir: page.query.dir },
    columns: {
      name: sortLink('name'),
      email: sortLink('email'),
      organisation: sortLink('organisation'),
      status: sortLink('status'),
      since: sortLink('since'),
    },
    action: base,
    back: here,
    selectAll: input.selectAll === true,
    selectAllHref: `${base}${here}${here ? '&' : '?'}select=all`,
    clearHref: `${base}${here}`,
    csv: `${base}.csv${input.status ? `?status=${input.status}` : ''}`,
    summary: page.total
      ? `${first}–${first + page.rows.length - 1} of ${page.total}${page.query.q ? ` matching “${page.query.q}”` : ''}`
      : page.query.q
        ? `No registration matches “${page.query.q}”.`
        : 'No registration.',
    pagination:
      page.pages > 1
        ? {
            label: `Page ${page.page} of ${page.pages}`,
            previous: page.page > 1 ? `${base}${listQuery(input.status, page.query, { page: page.page - 1 })}` : null,
            next:
              page.page < page.pages ? `${base}${listQuery(input.status, page.query, { page: page.page + 1 })}` : null,
            first: page.page > 1 ? `${base}${listQuery(input.status, page.query, { page: 1 })}` : null,
            last: page.page < page.pages ? `${base}${listQuery(input.status, page.query, { page: page.pages })}` : null,
          }
        : null,
    rows: page.rows.map((r) => ({
      registrationId: r.registrationId,
      href: `${base}/${encodeURIComponent(r.registrationId)}`,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      country: countryName(r.country, 'en'),
      category: categoryWords(r.category),
      status: statusWords(r.status),
      since: r.statusAt.slice(0, 16).replace('T', ' '),
      undeliverable: r.emailUndeliverable === true,
      actions: rowActions(r.status),
    })),
  };
}

/** One registration: the full record, its decisions and its emails. */
export function registrationDetailPage(input: {
  meeting: Meeting;
  registration: Registration;
  audit: RegistrationAuditEvent[];
  emails: OutboxMessage[];
  /** More emails than the first page: where the log of this registration continues. */
  emailsCursor?: string | undefined;
  identity: Identity | undefined;
  flash?: string | null;
  waitlistPosition?: number | undefined;
}) {
  const { meeting, registration: r } = input;
  const base = `/console/meetings/${encodeURIComponent(meeting.meetingId)}/registrations`;
  const time = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
  return {
    title: `Registration: ${r.name}`,
    consoleUser: consoleUser(input.identity),
    meeting: { meetingId: meeting.meetingId, title: meeting.title, when: describeWhen(meeting) },
    list: base,
    action: base,
    back: `/${encodeURIComponent(r.registrationId)}`,
    flash: input.flash ?? null,
    registrationId: r.registrationId,
    name: r.name,
    facts: [
      { label: 'Status', value: statusWords(r.status) },
      ...(input.waitlistPosition
        ? [{ label: 'Place on the waiting list', value: String(input.waitlistPosition) }]
        : []),
      { label: 'Since', value: time(r.statusAt) },
      { label: 'Name', value: r.name },
      { label: 'Title', value: r.title || '—' },
      { label: 'Email', value: r.email + (r.emailUndeliverable ? ' (undeliverable)' : '') },
      { label: 'Organisation', value: r.organisation },
      { label: 'Country', value: countryName(r.country, 'en') },
      { label: 'Category', value: categoryWords(r.category) },
      {
        label: 'Language',
        value: isLang(r.language) ? ENGLISH_NAMES[r.language] : r.language,
      },
      { label: 'On the participants list', value: r.listConsent ? 'Yes' : 'No' },
      { label: 'Holds a seat', value: r.holdsSeat ? 'Yes' : 'No' },
      { label: 'Registered', value: time(r.createdAt) },
      { label: 'Email confirmed', value: time(r.verifiedAt) },
      { label: 'Privacy notice accepted', value: time(r.privacyConsentAt) },
      ...(r.rejectionReason ? [{ label: 'Reason for rejection', value: r.rejectionReason }] : []),
      ...(r.decidedBy ? [{ label: 'Last decided by', value: r.decidedBy }] : []),
      { label: 'Registration id', value: r.registrationId },
    ],
    actions: rowActions(r.status),
    canReject: ['unverified', 'pending', 'approved', 'waitlisted'].includes(r.status),
    audit: input.audit.map((e) => ({
      at: time(e.at),
      actor: e.actor,
      what: AUDIT_WORDS[e.action] ?? e.action,
      change: `${statusWords(e.from)} → ${statusWords(e.to)}`,
      reason: e.reason ?? '',
    })),
    emails: input.emails.map((m) => ({
      href: `/console/emails/${encodeURIComponent(m.messageId)}`,
      createdAt: time(m.createdAt),
      subject: renderAsSent(m)?.subject ?? m.template,
      template: m.template,
      status: m.status,
    })),
    emailLog: `/console/emails?recipient=${encodeURIComponent(r.email)}`,
    olderEmails: input.emailsCursor
      ? `/console/emails?${new URLSearchParams({ meetingId: r.meetingId, registrationId: r.registrationId, cursor: input.emailsCursor })}`
      : null,
  };
}

const AUDIT_WORDS: Record<string, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  're-approve': 'Approved again',
  promote: 'Promoted from the waiting list',
};

/** What a bulk decision did, truthfully: "2 approved, 1 put on the waiting list, 1 not changed: …". */
export function bulkOutcome(
  results: { ok: boolean; status?: string | undefined; error?: string | undefined }[],
): string {
  const said: Record<string, string> = {
    approved: 'approved',
    waitlisted: 'put on the waiting list',
    rejected: 'rejected',
    pending: 'left waiting for approval',
  };
  const counts = new Map<string, number>();
  for (const result of results.filter((r) => r.ok)) {
    const phrase = said[result.status ?? ''] ?? `now ${result.status}`;
    counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  const failures = new Map<string, number>();
  for (const result of results.filter((r) => !r.ok)) {
    failures.set(result.error ?? 'unknown reason', (failures.get(result.error ?? 'unknown reason') ?? 0) + 1);
  }
  const parts = [
    ...[...counts].map(([phrase, n]) => `${n} ${phrase}`),
    ...[...failures].map(([reason, n]) => `${n} not changed: ${reason}`),
  ];
  if (!parts.length) return 'Nothing was changed.';
  const text = parts.join(', ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Registration categories and statuses in words, as the console shows them. */
const CATEGORY_WORDS: Record<string, string> = {
  'member-state': 'Member State delegate',
  'sector-member': 'Sector Member',
  associate: 'Associate',
  academia: 'Academia',
  individual: 'Individual',
};
const STATUS_WORDS: Record<string, string> = {
  unverified: 'Email not confirmed',
  pending: 'Waiting for a decision',
  approved: 'Approved',
  waitlisted: 'On the waiting list',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};
export const categoryWords = (code: string) => (Object.hasOwn(CATEGORY_WORDS, code) ? CATEGORY_WORDS[code] : code);
export const statusWords = (code: string) => (Object.hasOwn(STATUS_WORDS, code) ? STATUS_WORDS[code] : code);

// --- Circulars ------------------------------------------------------------------------------------

/** Language names in English, the console's language. */
const ENGLISH_NAMES: Record<Lang, string> = {
  ar: 'Arabic',
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  ru: 'Russian',
  zh: 'Chinese',
};
const languageName = (lang: Lang) => ENGLISH_NAMES[lang];
const utc = (iso: string | undefined) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : null);
const lines = (value: unknown) =>
  str(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const ids = (value: unknown) =>
  str(value)
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
const errorSummary = (errors: Record<string, string> | undefined) =>
  errors && Object.keys(errors).length
    ? Object.entries(errors).map(([name, message]) => ({ name, label: circularFieldLabel(name), message }))
    : null;

/** "TSB Circular 12", or "Draft" before a number is given. */
export function circularReference(c: Circular): string {
  return c.number === undefined ? 'Draft' : circularReferenceIn(c, 'en');
}

const subjectOf = (c: Circular) => {
  const first = c.languages[0];
  return (first && c.content[first]?.subject) || '(no subject yet)';
};

export function circularsPage(input: {
  circulars: Circular[];
  meetings: Meeting[];
  languages: readonly Lang[];
  identity: Identity | undefined;
  values?: Fields;
  errors?: Record<string, string>;
  /** Only the circulars in this state are listed (a dashboard link). */
  state?: string | undefined;
  /** The id of a draft just deleted. */
  deleted?: string | undefined;
}) {
  const values = input.values ?? { bureau: 'TSB', languages: ['en'], meetingId: '' };
  const chosen = list(values.languages);
  const error = (name: string) => input.errors?.[name] ?? null;
  return {
    title: 'Console: circulars',
    consoleUser: consoleUser(input.identity),
    stateFilter: input.state ?? null,
    deleted: input.deleted ?? null,
    refreshSeconds: null,
    wide: null,
    rows: [...input.circulars]
      .sort((a, b) => compareCodePoints(b.createdAt, a.createdAt))
      .map((c) => ({
        circularId: c.circularId,
        reference: circularReference(c),
        subject: subjectOf(c),
        languages: c.languages.join(', '),
        status: c.status,
        issuedAt: utc(c.issuedAt) ?? '—',
        distributed: c.distributedAt ? `yes, ${utc(c.distributedAt)}` : 'no',
      })),
    errorList: errorSummary(input.errors),
    meetingError: error('meetingId'),
    bureauError: error('bureau'),
    languagesError: error('languages'),
    meetingChoices: [
      { value: '', label: 'None: a blank draft', selected: str(values.meetingId) === '' },
      ...[...input.meetings].reverse().map((m) => ({
        value: m.meetingId,
        label: `${m.number}. ${m.title} (${describeWhen(m)})`,
        selected: values.meetingId === m.meetingId,
      })),
    ],
    bureaus: issuingBodies().map((body) => ({
      code: body.id,
      name: body.name,
      checked: (str(values.bureau) || 'TSB') === body.id,
    })),
    languageChoices: input.languages.map((code) => ({
      code,
      name: languageName(code),
      checked: chosen.includes(code),
    })),
  };
}

/** The new-circular form → createCircularDraft's input. */
export function circularDraftFromForm(fields: Fields): Record<string, unknown> {
  const meetingId = str(fields.meetingId).trim();
  const bureau = str(fields.bureau).trim();
  return {
    ...(meetingId ? { meetingId } : {}),
    ...(bureau ? { bureau } : {}),
    languages: list(fields.languages),
  };
}

/** Form field names of the circular editor; they are also the ids the error summary links to. */
const contentField = (lang: Lang, path: string) => `content.${lang}.${path}`;

/** The editor's fields from a stored circular; each paragraph keeps its index. */
function circularFields(c: Circular): Fields {
  const fields: Fields = {
    'contact.tel': c.contact.tel,
    'contact.fax': c.contact.fax,
    'contact.email': c.contact.email,
    'distribution.to': c.distribution.to.join(', '),
    'distribution.copy': c.distribution.copy.join(', '),
    numberedParagraphs: c.numberedParagraphs ? 'on' : '',
    version: String(c.version),
  };
  for (const lang of c.languages) {
    const content = c.content[lang];
    fields[contentField(lang, 'subject')] = content?.subject ?? '';
    fields[contentField(lang, 'addressees')] = (content?.addressees ?? []).join('\n');
    fields[contentField(lang, 'copies')] = (content?.copies ?? []).join('\n');
    fields[contentField(lang, 'signatory.name')] = content?.signatory.name ?? '';
    fields[contentField(lang, 'signatory.title')] = content?.signatory.title ?? '';
    fields[contentField(lang, 'salutation')] = content?.salutation ?? '';
    fields[contentField(lang, 'closing')] = content?.closing ?? '';
    (content?.paragraphs ?? []).forEach((paragraph, i) => {
      fields[contentField(lang, `paragraphs.${i}.text`)] = paragraph.text;
      fields[contentField(lang, `paragraphs.${i}.bullets`)] = paragraph.bullets.join('\n');
    });
  }
  return fields;
}

/** The paragraph indices the form holds for a language, in order. */
function paragraphIndices(fields: Fields, lang: Lang): number[] {
  const pattern = new RegExp(`^content\\.${lang}\\.paragraphs\\.(\\d+)\\.text$`);
  const found = new Set<number>();
  for (const name of Object.keys(fields)) {
    const match = pattern.exec(name);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * The editor's form → updateCircularDraft's input. A paragraph with empty text is left out
 * (that is how one is removed); `fieldOf` names the form field a validation error is about,
 * counting paragraphs as the form does.
 */
export function circularInputFromForm(fields: Fields, languages: readonly Lang[]) {
  const content: Record<string, unknown> = {};
  const origin: Partial<Record<Lang, number[]>> = {};
  for (const lang of languages) {
    if (!(contentField(lang, 'subject') in fields)) continue;
    const value = (path: string) => str(fields[contentField(lang, path)]);
    const paragraphs: { text: string; bullets: string[] }[] = [];
    const kept: number[] = [];
    for (const i of paragraphIndices(fields, lang)) {
      const text = value(`paragraphs.${i}.text`).replace(/\r\n/g, '\n').trim();
      if (!text) continue;
      paragraphs.push({ text, bullets: lines(value(`paragraphs.${i}.bullets`)) });
      kept.push(i);
    }
    origin[lang] = kept;
    content[lang] = {
      subject: value('subject').trim(),
      addressees: lines(value('addressees')),
      copies: lines(value('copies')),
      paragraphs,
      signatory: { name: value('signatory.name').trim(), title: value('signatory.title').trim() },
      salutation: value('salutation').trim(),
      closing: value('closing').trim(),
    };
  }
  const version = str(fields.version).trim();
  const input = {
    content,
    contact: {
      tel: str(fields['contact.tel']).trim(),
      fax: str(fields['contact.fax']).trim(),
      email: str(fields['contact.email']).trim(),
    },
    distribution: distributionFromForm(fields),
    numberedParagraphs: fields.numberedParagraphs === 'on',
    ...(version ? { version: Number(version) } : {}),
  };
  const fieldOf = (key: string): string => {
    const paragraph = /^content\.(\w+)\.paragraphs\.(\d+)(?:\.(text|bullets))?/.exec(key);
    if (paragraph) {
      const lang = paragraph[1] ?? '';
      const index = Number(paragraph[2]);
      const formIndex = (isLang(lang) ? origin[lang]?.[index] : undefined) ?? index;
      return `content.${lang}.paragraphs.${formIndex}.${paragraph[3] ?? 'text'}`;
    }
    return /^(content\.\w+\.(?:addressees|copies)|distribution\.(?:to|copy))\.\d+$/.exec(key)?.[1] ?? key;
  };
  return { input, fieldOf };
}

/** Domain errors keyed as the form's fields (first message per field). */
export function formErrors(errors: Record<string, string>, fieldOf: (key: string) => string = (key) => key) {
  const mapped: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) mapped[fieldOf(key)] ??= message;
  return mapped;
}

const PATH_LABELS: Record<string, string> = {
  subject: 'Subject',
  addressees: 'Addressees',
  copies: 'Copies',
  paragraphs: 'Paragraphs',
  salutation: 'Salutation',
  closing: 'Closing',
  'signatory.name': 'Signatory name',
  'signatory.title': 'Signatory title',
  'contact.tel': 'Telephone',
  'contact.fax': 'Fax',
  'contact.email': 'Email',
  'distribution.to': 'Distribution lists (To)',
  'distribution.copy': 'Distribution lists (Copy)',
  distribution: 'Distribution lists',
  version: 'Version',
  confirm: 'Confirmation',
  meetingId: 'Meeting',
  bureau: 'Bureau',
  languages: 'Languages',
  name: 'Name',
  members: 'Members',
  listId: 'List id',
};

/** A field name as the error summary shows it, e.g. "Russian, paragraph 2: bullets". */
export function circularFieldLabel(name: string): string {
  const content = /^content\.(\w+)\.(.+)$/.exec(name);
  if (!content) return PATH_LABELS[name] ?? name;
  const lang = content[1] ?? '';
  const path = content[2] ?? '';
  const where = isLang(lang) ? languageName(lang) : lang;
  const paragraph = /^paragraphs\.(\d+)\.(text|bullets)/.exec(path);
  if (paragraph)
    return `${where}, paragraph ${Number(paragraph[1]) + 1}${paragraph[2] === 'bullets' ? ': bullets' : ''}`;
  return `${where}, ${(PATH_LABELS[path] ?? path).toLowerCase()}`;
}

export interface ListState {
  listId: string;
  href: string;
  /** Its name, or null when no list has the id. */
  name: string | null;
  members: number;
}

const listStates = (states: readonly ListState[]) =>
  states.map((s) => ({ ...s, unknown: s.name === null, label: s.name ?? 'no such list yet' }));

/** The editor of a draft (or an interrupted issue), with one PDF preview per language. */
export function circularEditorPage(input: {
  circular: Circular;
  identity: Identity | undefined;
  /** Per language: what keeps the stored draft from printing (empty: the preview shows). */
  previewProblems: Partial<Record<Lang, Record<string, string>>>;
  /** Per language: characters no bundled font prints (shown as empty boxes; issuing is refused). */
  unprintable?: Partial<Record<Lang, string[]>>;
  lists: { to: readonly ListState[]; copy: readonly ListState[] };
  values?: Fields;
  errors?: Record<string, string>;
  flash?: string | null;
}) {
  const { circular } = input;
  const values = input.values ?? circularFields(circular);
  const base = `/console/circulars/${encodeURIComponent(circular.circularId)}`;
  const error = (name: string) => input.errors?.[name] ?? null;
  const field = (name: string) => ({ name, value: str(values[name]), error: error(name) });
  const languages = circular.languages.map((lang) => {
    const indices = paragraphIndices(values, lang);
    const last = indices.at(-1);
    const lastHasText = last !== undefined && str(values[contentField(lang, `paragraphs.${last}.text`)]).trim() !== '';
    // One empty paragraph beyond those there are, to add one.
    if (last === undefined || lastHasText) indices.push(last === undefined ? 0 : last + 1);
    const problems = input.previewProblems[lang] ?? {};
    const problemList = Object.entries(formErrors(problems)).map(([name, message]) => ({
      name,
      label: circularFieldLabel(name),
      message,
    }));
    return {
      code: lang,
      name: languageName(lang),
      dir: dirOf(lang),
      subject: field(contentField(lang, 'subject')),
      addressees: field(contentField(lang, 'addressees')),
      copies: field(contentField(lang, 'copies')),
      paragraphsName: contentField(lang, 'paragraphs'),
      paragraphsError: error(contentField(lang, 'paragraphs')),
      paragraphs: indices.map((i, position) => {
        const text = field(contentField(lang, `paragraphs.${i}.text`));
        return {
          number: position + 1,
          isNew: text.value.trim() === '' && position === indices.length - 1,
          text,
          bullets: field(contentField(lang, `paragraphs.${i}.bullets`)),
        };
      }),
      fallback: circular.fallbacks[lang]?.join(', ') ?? null,
      signatoryName: field(contentField(lang, 'signatory.name')),
      signatoryTitle: field(contentField(lang, 'signatory.title')),
      salutation: field(contentField(lang, 'salutation')),
      closing: field(contentField(lang, 'closing')),
      unprintable: (input.unprintable?.[lang] ?? []).map(
        (c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`,
      ),
      preview: {
        src: `${base}/preview.pdf?lang=${lang}`,
        ready: problemList.length === 0,
        problems: problemList,
      },
    };
  });
  return {
    title: `${circular.status === 'issuing' ? circularReference(circular) : 'Draft circular'}: ${subjectOf(circular)}`,
    // The subject may be Arabic inside an English heading: isolated (<bdi>) so punctuation stays put.
    heading: {
      prefix: circular.status === 'issuing' ? circularReference(circular) : 'Draft circular',
      subject: subjectOf(circular),
    },
    consoleUser: consoleUser(input.identity),
    refreshSeconds: null,
    wide: true,
    circularId: circular.circularId,
    bureau: circular.bureau,
    interrupted: circular.status === 'issuing',
    meeting: circular.meetingId
      ? { meetingId: circular.meetingId, href: `/console/meetings/${encodeURIComponent(circular.meetingId)}` }
      : null,
    action: base,
    issueAction: `${base}/issue`,
    deleteAction: `${base}/delete`,
    issueDate: {
      value: str(values.date),
      error: error('date'),
      today: todayAt(issuingBody(circular.bureau), new Date()),
    },
    fallbacks: circular.languages
      .filter((lang) => circular.fallbacks[lang]?.length)
      .map((lang) => ({
        code: lang,
        name: languageName(lang),
        fields: (circular.fallbacks[lang] ?? []).join(', '),
        checked: list(values.acceptFallback).includes(lang),
      })),
    acceptFallbackError: error('acceptFallback'),
    importNumber: { value: str(values.number), error: error('number') },
    flash: input.flash ?? null,
    errorList: errorSummary(input.errors),
    confirmError: error('confirm'),
    languages,
    contact: { tel: field('contact.tel'), fax: field('contact.fax'), email: field('contact.email') },
    numberedParagraphs: str(values.numberedParagraphs) === 'on',
    distribution: {
      to: field('distribution.to'),
      copy: field('distribution.copy'),
      error: error('distribution'),
      toLists: listStates(input.lists.to),
      copyLists: listStates(input.lists.copy),
    },
    version: str(values.version),
  };
}

/** The distribution list ids of a circular's form (To and Copy, separated by commas). */
export function distributionFromForm(fields: Fields) {
  return { to: ids(fields['distribution.to']), copy: ids(fields['distribution.copy']) };
}

/** An issued circular: read-only, its documents and their SHA-256, distribution progress. */
export function issuedCircularPage(input: {
  circular: Circular;
  progress: DistributionProgress;
  identity: Identity | undefined;
  lists: { to: readonly ListState[]; copy: readonly ListState[] };
  errors?: Record<string, string>;
  flash?: string | null;
}) {
  const { circular, progress } = input;
  const base = `/console/circulars/${encodeURIComponent(circular.circularId)}`;
  const reference = circularReference(circular);
  return {
    title: `${reference}: ${subjectOf(circular)}`,
    heading: { prefix: reference, subject: subjectOf(circular) },
    consoleUser: consoleUser(input.identity),
    // Reloads itself while emails are still queued; no script needed.
    refreshSeconds: progress.queued > 0 ? 5 : null,
    wide: null,
    reference,
    number: String(circular.number ?? ''),
    bureau: circular.bureau,
    issuedAt: utc(circular.issuedAt) ?? '—',
    issuedBy: circular.issuedBy ?? '—',
    issuedOn: circular.issuedOn ?? '—',
    imported: circular.imported === true,
    revisionReason: circular.revisionReason ?? null,
    meeting: circular.meetingId
      ? { meetingId: circular.meetingId, href: `/console/meetings/${encodeURIComponent(circular.meetingId)}` }
      : null,
    revisionOf: circular.revisionOf
      ? { circularId: circular.revisionOf, href: `/console/circulars/${encodeURIComponent(circular.revisionOf)}` }
      : null,
    flash: input.flash ?? null,
    errorList: errorSummary(input.errors),
    documents: circular.documents.map((d) => ({
      lang: d.lang,
      name: languageName(d.lang),
      href: `/circulars/${encodeURIComponent(circular.circularId)}/${d.lang}.pdf`,
      sha256: d.sha256,
      size: `${Math.max(1, Math.round(d.bytes / 1024))} KB`,
    })),
    contents: circular.languages.map((lang) => {
      const content = circular.content[lang];
      return {
        code: lang,
        name: languageName(lang),
        dir: dirOf(lang),
        subject: content?.subject ?? '',
        addressees: content?.addressees ?? [],
        copies: content?.copies ?? [],
        paragraphs: content?.paragraphs ?? [],
        signatory: content?.signatory ?? { name: '', title: '' },
      };
    }),
    distribution: {
      toLists: listStates(input.lists.to),
      copyLists: listStates(input.lists.copy),
      to: circular.distribution.to.join(', '),
      copy: circular.distribution.copy.join(', '),
      error:
        input.errors?.distribution ?? input.errors?.['distribution.to'] ?? input.errors?.['distribution.copy'] ?? null,
    },
    saveAction: base,
    version: String(circular.version),
    distributedAt: utc(circular.distributedAt),
    progress,
    distributeAction: `${base}/distribute`,
  };
}

export function distributionListPage(input: {
  listId: string | null;
  list: DistributionList | undefined;
  identity: Identity | undefined;
  values?: Fields;
  errors?: Record<string, string>;
  flash?: string | null;
  /** Without a list id: every list, for the index. */
  lists?: { listId: string; name: string; members: number }[];
  /** Meetings a list can be made from (their approved registrants). */
  meetings?: Meeting[];
}) {
  const values = input.values ?? {
    name: input.list?.name ?? '',
    members: (input.list?.members ?? []).map((m) => `${m.email}, ${m.name}, ${m.language}`).join('\n'),
  };
  const error = (name: string) => input.errors?.[name] ?? null;
  return {
    title: input.listId ? `Distribution list: ${input.list?.name ?? input.listId}` : 'Distribution lists',
    consoleUser: consoleUser(input.identity),
    refreshSeconds: null,
    wide: null,
    listId: input.listId,
    isNew: !input.list,
    action: input.listId ? `/console/distribution-lists/${encodeURIComponent(input.listId)}` : null,
    flash: input.flash ?? null,
    errorList: errorSummary(input.errors),
    listIdError: error('listId'),
    name: { value: str(values.name), error: error('name') },
    members: { value: str(values.members), error: error('members'), count: input.list?.members.length ?? 0 },
    lists: (input.lists ?? []).map((l) => ({
      ...l,
      href: `/console/distribution-lists/${encodeURIComponent(l.listId)}`,
    })),
    fromMeetingError: error('fromMeeting'),
    meetingChoices: [...(input.meetings ?? [])].reverse().map((m) => ({
      value: m.meetingId,
      label: `${m.number}. ${m.title} (${describeWhen(m)}): ${m.seatsTaken} approved`,
      selected: values.fromMeeting === m.meetingId,
    })),
  };
}

/**
 * The list form → saveDistributionList's input. One member a line, `email, name, language`
 * (the language may be left out: English); errors about member n name its line.
 */
export function distributionListFromForm(fields: Fields) {
  const members: { email: string; name: string; language?: string }[] = [];
  const lineOf: number[] = [];
  str(fields.members)
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      const parts = line.split(',').map((part) => part.trim());
      const last = parts.at(-1) ?? '';
      const hasLanguage = parts.length >= 3 && /^[a-z]{2}$/i.test(last);
      members.push({
        email: parts[0] ?? '',
        name: (hasLanguage ? parts.slice(1, -1) : parts.slice(1)).join(', '),
        ...(hasLanguage ? { language: last.toLowerCase() } : {}),
      });
      lineOf.push(i + 1);
    });
  const errorsOf = (errors: Record<string, string>) => {
    const mapped: Record<string, string> = {};
    for (const [key, message] of Object.entries(errors)) {
      const member = /^members\.(\d+)\.(\w+)/.exec(key);
      if (member) mapped.members ??= `Line ${lineOf[Number(member[1])] ?? '?'} (${member[2]}): ${message}`;
      else mapped[key] ??= message;
    }
    return mapped;
  };
  return { input: { name: str(fields.name).trim(), members }, errorsOf };
}

/** The issuing bodies' number sequences, each with its form and its audit trail. */
export function sequencesPage(input: {
  sequences: (SequenceState & { name: string })[];
  identity: Identity | undefined;
  flash?: string | null;
  failed?: { bureau: string; values: Fields; errors: Record<string, string> };
}) {
  return {
    title: 'Console: circular numbers',
    consoleUser: consoleUser(input.identity),
    refreshSeconds: null,
    wide: null,
    flash: input.flash ?? null,
    errorList: input.failed
      ? Object.entries(input.failed.errors).map(([name, message]) => ({
          name: `${input.failed?.bureau}-${name}`,
          label: `${input.failed?.bureau} ${name}`,
          message,
        }))
      : null,
    sequences: input.sequences.map((s) => {
      const failed = input.failed?.bureau === s.bureau ? input.failed : undefined;
      return {
        bureau: s.bureau,
        name: s.name,
        next: s.next,
        highestIssued: s.highestIssued || '—',
        action: `/console/circular-sequences/${encodeURIComponent(s.bureau)}`,
        nextValue: failed ? str(failed.values.next) : String(s.next),
        reasonValue: failed ? str(failed.values.reason) : '',
        nextError: failed?.errors.next ?? null,
        reasonError: failed?.errors.reason ?? null,
        changes: [...s.changes].reverse().map((c) => ({ ...c, at: utc(c.at) ?? c.at })),
      };
    }),
  };
}
