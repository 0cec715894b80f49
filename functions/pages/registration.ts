import { readCookie } from '../http/session.ts';
import { isLang, LANGUAGE_NAMES, LANGUAGES, type Lang, preferredLang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { type Meeting, meetingText } from '../meetings/meeting.ts';
import { describeDate } from '../meetings/when.ts';
import { countryName, memberStateOptions } from '../registrations/countries.ts';
import { meetingSummary } from '../registrations/notifications.ts';
import { REGISTRATION_CATEGORIES, type Registration } from '../registrations/registration.ts';
import type { FieldErrors } from '../registrations/schema.ts';
import { isFull, registrationWindow } from '../registrations/window.ts';
import { renderPage } from './render.ts';

/** View models of the public registration pages: what the templates in templates/pages/ show. */
type Values = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const checked = (value: unknown) => value === true || value === 'on' || value === 'true';

/** The page's language: `?lang=`, then a form's `lang` field, then the browser's preference. */
export function pageLang(
  query: Record<string, string | undefined>,
  body: unknown,
  acceptLanguage: string | undefined,
): Lang {
  if (isLang(query.lang)) return query.lang;
  const fromBody = body && typeof body === 'object' ? (body as Values).lang : undefined;
  return preferredLang(fromBody, acceptLanguage);
}

const ORDER = ['name', 'email', 'organisation', 'title', 'category', 'country', 'language', 'privacyConsent'];

/** The label that names a field in the error summary ("Full name: This field is required."). */
const FIELD_LABELS: Record<string, string> = {
  name: 'register.fields.name',
  email: 'register.fields.email',
  organisation: 'register.fields.organisation',
  title: 'register.fields.title',
  category: 'register.fields.category',
  country: 'register.fields.country',
  language: 'register.fields.language',
  privacyConsent: 'register.privacyTitle',
  listConsent: 'register.fields.listConsent',
};

function errorList(lang: Lang, errors: FieldErrors | undefined) {
  if (!errors) return null;
  return Object.entries(errors)
    .sort(([a], [b]) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99))
    .map(([field, message]) => {
      // Own keys only: a field named "constructor" is a field the form does not have.
      const label = Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field] : undefined;
      return {
        field,
        message: label ? translate(lang, 'register.errorItem', { label: translate(lang, label), message }) : message,
        // Only a field the form shows can be jumped to.
        href: label ? `#${field}` : null,
      };
    });
}

/** The detail fields shared by the registration form and the self-service page. */
function detailFields(lang: Lang, values: Values, errors: FieldErrors | undefined, withEmail: boolean) {
  const text = (name: string, type: string, autocomplete: string, maxlength: number, hint?: string) => ({
    name,
    type,
    autocomplete,
    maxlength,
    label: translate(lang, `register.fields.${name}`),
    hint: hint ? translate(lang, hint) : null,
    value: str(values[name]),
    error: errors?.[name] ?? null,
  });
  return {
    textFields: [
      text('name', 'text', 'name', 200),
      ...(withEmail ? [text('email', 'email', 'email', 254, 'register.hints.email')] : []),
      text('organisation', 'text', 'organization', 200),
      text('title', 'text', 'organization-title', 200, 'register.hints.title'),
    ],
    category: {
      error: errors?.category ?? null,
      options: REGISTRATION_CATEGORIES.map((value) => ({
        value,
        label: translate(lang, `register.categories.${value}`),
        selected: values.category === value,
      })),
    },
    country: {
      error: errors?.country ?? null,
      options: memberStateOptions(lang).map((option) => ({
        ...option,
        selected: str(values.country).toUpperCase() === option.code,
      })),
    },
    language: {
      options: LANGUAGES.map((code) => ({
        code,
        name: LANGUAGE_NAMES[code],
        selected: (str(values.language) || lang) === code,
      })),
    },
    listConsent: checked(values.listConsent),
    errorList: errorList(lang, errors),
  };
}

export function registerPage(meeting: Meeting, lang: Lang, now: Date, values: Values = {}, errors?: FieldErrors) {
  const window = registrationWindow(meeting, now);
  const closedMessage =
    window.state === 'not-open'
      ? translate(lang, 'register.notOpen', { date: describeDate(window.opensAt, meeting.timeZone, lang) })
      : window.state === 'closed'
        ? translate(lang, 'register.closed', { date: describeDate(window.closedAt, meeting.timeZone, lang) })
        : null;
  const left = meeting.capacity === undefined ? null : Math.max(0, meeting.capacity - meeting.seatsTaken);
  return {
    title: `${translate(lang, 'register.title')}: ${meetingText(meeting, lang).title}`,
    lang,
    languagePath: `/meetings/${encodeURIComponent(meeting.meetingId)}/register`,
    meeting: {
      ...meetingSummary(meeting, lang),
      meetingId: meeting.meetingId,
      requiresApproval: meeting.requiresApproval,
    },
    seats: { full: isFull(meeting), left: left || null },
    closedMessage,
    retentionDays: meeting.retentionDays,
    privacy: { checked: checked(values.privacyConsent), error: errors?.privacyConsent ?? null },
    ...detailFields(lang, values, errors, true),
  };
}

/** "Check your email", naming the address when the form's cookie still has it. */
export function checkEmailPage(lang: Lang, email: string | undefined, meetingId: string) {
  return {
    title: translate(lang, 'register.checkEmailTitle'),
    lang,
    // The same page in another language (the address's cookie has this path too).
    languagePath: `/meetings/${encodeURIComponent(meetingId)}/register?sent=1`,
    heading: translate(lang, 'register.checkEmailTitle'),
    paragraphs: [
      email ? translate(lang, 'register.checkEmail', { email }) : translate(lang, 'register.checkEmailAnyAddress'),
    ],
    link: null,
  };
}

const SENT_COOKIE = 'u4ssc_sent';

/** The address a form was sent for, kept 10 minutes for the "check your email" page of that form only. */
export function sentCookie(meetingId: string, email: string, secure: boolean): string {
  const value = Buffer.from(email, 'utf8').toString('base64url');
  const path = `/meetings/${encodeURIComponent(meetingId)}/register`;
  return `${SENT_COOKIE}=${value}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=600${secure ? '; Secure' : ''}`;
}

export function sentAddress(cookies: readonly string[] | undefined): string | undefined {
  const value = readCookie(cookies, SENT_COOKIE);
  if (!value || !/^[\w-]{1,400}$/.test(value)) return undefined;
  const email = Buffer.from(value, 'base64url').toString('utf8');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(email) ? email : undefined;
}

export function messagePage(
  lang: Lang,
  heading: string,
  paragraphs: string[],
  link: { href: string; label: string } | null = null,
) {
  return { title: heading, lang, heading, paragraphs, link };
}

export const registrationPath = (r: Pick<Registration, 'meetingId' | 'registrationId'>) =>
  `/meetings/${encodeURIComponent(r.meetingId)}/registrations/${encodeURIComponent(r.registrationId)}`;

/** What the self-service page says after an action it was redirected from (`?done=`). */
export const MANAGE_DONE = ['confirmed', 'saved', 'remoderated', 'withdrawn'] as const;
export type ManageDone = (typeof MANAGE_DONE)[number];
export const isManageDone = (v: unknown): v is ManageDone => (MANAGE_DONE as readonly unknown[]).includes(v);

function doneNotice(lang: Lang, done: ManageDone | undefined, r: Registration) {
  if (done === 'confirmed') {
    const status = r.status === 'approved' || r.status === 'waitlisted' ? r.status : 'pending';
    return { title: translate(lang, 'verify.title'), text: translate(lang, `verify.${status}`) };
  }
  if (done === 'saved' || done === 'remoderated') return { title: null, text: translate(lang, `manage.${done}`) };
  if (done === 'withdrawn') return { title: null, text: translate(lang, 'manage.withdrawn') };
  return null;
}

export function managePage(input: {
  registration: Registration;
  meeting: Meeting;
  waitlistPosition: number | undefined;
  token: string;
  lang: Lang;
  done?: ManageDone | undefined;
  values?: Values;
  errors?: FieldErrors;
}) {
  const { registration: r, meeting, lang } = input;
  const path = registrationPath(r);
  const q = `?lang=${lang}`;
  const withToken = `?token=${encodeURIComponent(input.token)}&lang=${lang}`;
  const active = r.status !== 'withdrawn' && r.status !== 'rejected';
  const approved = r.status === 'approved';
  return {
    title: translate(lang, 'manage.title'),
    lang,
    languagePath: `${path}?token=${encodeURIComponent(input.token)}`,
    meeting: { ...meetingSummary(meeting, lang), meetingId: meeting.meetingId },
    registration: r,
    token: input.token,
    notice: doneNotice(lang, input.done, r),
    statusText: translate(lang, `status.${r.status}`),
    waitlistPosition: input.waitlistPosition ?? null,
    rejectionReason: r.status === 'rejected' ? (r.rejectionReason ?? null) : null,
    countryName: countryName(r.country, lang),
    joiningDetails: approved ? (meetingText(meeting, lang).joiningDetails ?? null) : null,
    active,
    withdrawn: r.status === 'withdrawn',
    documents: approved
      ? {
          invitation: `${path}/invitation.pdf?token=${encodeURIComponent(input.token)}`,
          calendar: `${path}/calendar.ics?token=${encodeURIComponent(input.token)}`,
        }
      : null,
    actions: {
      update: `${path}/update${q}`,
      withdraw: `${path}/withdraw${withToken}`,
      delete: `${path}/delete${q}`,
      data: `${path}/data.json?token=${encodeURIComponent(input.token)}`,
      registerAgain: `/meetings/${encodeURIComponent(meeting.meetingId)}/register${q}`,
    },
    ...detailFields(lang, input.values ?? { ...r }, input.errors, false),
  };
}

/** The question before a withdrawal: its button sends the withdrawal, its link keeps the registration. */
export function withdrawPage(input: { registration: Registration; meeting: Meeting; lang: Lang }) {
  const { registration: r, meeting, lang } = input;
  return {
    title: translate(lang, 'manage.withdrawTitle'),
    lang,
    languagePath: `${registrationPath(r)}/withdraw?token=${encodeURIComponent(r.manageToken)}`,
    meeting: meetingSummary(meeting, lang),
    token: r.manageToken,
    actions: { withdraw: `${registrationPath(r)}/withdraw?lang=${lang}`, manage: managePath(r, lang) },
  };
}

/** The self-service page of a registration, in a language (with a notice after an action). */
export const managePath = (
  r: Pick<Registration, 'meetingId' | 'registrationId' | 'manageToken'>,
  lang: Lang,
  done?: string,
) => `${registrationPath(r)}?token=${encodeURIComponent(r.manageToken)}&lang=${lang}${done ? `&done=${done}` : ''}`;

/** A verification link opened again once it has confirmed: says so, and leads to the registration. */
export function alreadyConfirmedPage(lang: Lang, registration: Registration): string {
  return renderPage(
    'message',
    messagePage(lang, translate(lang, 'verify.alreadyTitle'), [translate(lang, 'verify.already')], {
      href: managePath(registration, lang),
      label: translate(lang, 'verify.manage'),
    }),
  );
}

/** The page for a link that cannot be used (expired, used, mistyped), in the reader's language. */
export function invalidLinkPage(lang: Lang, key: 'verify.invalid' | 'manage.invalid' = 'verify.invalid'): string {
  return renderPage('message', messagePage(lang, translate(lang, 'verify.invalidTitle'), [translate(lang, key)]));
}

/** The home page: upcoming and past meetings, each in the reader's language, links keeping it. */
export function homePage(overview: { upcoming: Meeting[]; past: Meeting[] }, lang: Lang) {
  const item = (meeting: Meeting) => ({
    ...meetingSummary(meeting, lang),
    meetingId: meeting.meetingId,
  });
  return { lang, languagePath: '/', upcoming: overview.upcoming.map(item), past: overview.past.map(item) };
}

let languageNames: Map<Lang, Intl.DisplayNames> | undefined;

/** A meeting's public page: its facts and, while registration is open, the way to register. */
export function meetingPage(meeting: Meeting, lang: Lang, now: Date) {
  languageNames ??= new Map();
  let names = languageNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'language' });
    languageNames.set(lang, names);
  }
  const window = registrationWindow(meeting, now);
  const summary = meetingSummary(meeting, lang);
  const text = meetingText(meeting, lang);
  return {
    title: text.title,
    lang,
    languagePath: `/meetings/${encodeURIComponent(meeting.meetingId)}`,
    meeting: { ...meeting, title: text.title, objectives: text.objectives },
    when: summary.when,
    format: summary.format,
    languages: meeting.languages.map((code) => names.of(code) ?? code),
    registration: {
      open: window.state === 'open',
      message:
        window.state === 'not-open'
          ? translate(lang, 'register.notOpen', { date: describeDate(window.opensAt, meeting.timeZone, lang) })
          : window.state === 'closed'
            ? translate(lang, 'register.closed', { date: describeDate(window.closedAt, meeting.timeZone, lang) })
            : null,
    },
  };
}
