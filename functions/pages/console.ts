import type { Identity } from '../http/claims.ts';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages.ts';
import { MEETING_FORMATS, type Meeting } from '../meetings/meeting.ts';
import { describeWhen, formatName } from '../meetings/when.ts';
import { utcToZoned, zonedToUtc } from '../meetings/zoned-time.ts';
import { countryName } from '../registrations/countries.ts';
import { registrationWindow } from '../registrations/operations.ts';
import { REGISTRATION_STATUSES, type Registration } from '../registrations/registration.ts';

/** View models of the secretariat console (English, like the secretariat's working language). */
type Fields = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);

const consoleUser = (identity: Identity | undefined) => (identity ? { email: identity.email } : null);

export function consoleMeetingsPage(meetings: Meeting[], identity: Identity | undefined, now: Date) {
  return {
    title: 'Console: meetings',
    consoleUser: consoleUser(identity),
    meetings: [...meetings].reverse().map((m) => ({
      meetingId: m.meetingId,
      number: m.number,
      title: m.title,
      when: describeWhen(m),
      format: formatName(m.format),
      seats: m.capacity === undefined ? `${m.seatsTaken}` : `${m.seatsTaken} / ${m.capacity}`,
      registration: registrationWindow(m, now).state.replace('-', ' '),
      approval: m.requiresApproval ? 'approval' : 'automatic',
    })),
  };
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
  };
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
  const error = (name: string) => input.errors?.[name] ?? null;
  const field = (name: string) => ({ value: str(values[name]), error: error(name) });
  const chosen = list(values.languages);
  return {
    title: input.meeting ? `Edit: ${input.meeting.title}` : 'New meeting',
    consoleUser: consoleUser(input.identity),
    isNew: !input.meeting,
    meetingId: input.meeting?.meetingId ?? null,
    action: input.meeting ? `/console/meetings/${encodeURIComponent(input.meeting.meetingId)}` : '/console/meetings',
    flash: input.flash ?? null,
    errorList: input.errors ? Object.entries(input.errors).map(([name, message]) => ({ name, message })) : null,
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
    ...(optional('version') ? { version: number('version') } : {}),
  };
}

export function registrationsPage(input: {
  meeting: Meeting;
  registrations: Registration[];
  status: string | undefined;
  identity: Identity | undefined;
  flash?: string | null;
}) {
  const { meeting } = input;
  const base = `/console/meetings/${encodeURIComponent(meeting.meetingId)}/registrations`;
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
      { label: 'All', href: base, current: !input.status },
      ...REGISTRATION_STATUSES.map((s) => ({ label: s, href: `${base}?status=${s}`, current: input.status === s })),
    ],
    action: base,
    csv: `${base}.csv${input.status ? `?status=${input.status}` : ''}`,
    rows: input.registrations.map((r) => ({
      registrationId: r.registrationId,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      country: countryName(r.country, 'en'),
      category: r.category,
      status: r.status,
      since: r.statusAt.slice(0, 16).replace('T', ' '),
      undeliverable: r.emailUndeliverable === true,
    })),
  };
}
