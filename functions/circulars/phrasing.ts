import { renderDocument } from '../documents/templates.ts';
import { DATE_LOCALES, DATE_STYLES, formatDate } from '../i18n/dates.ts';
import type { Lang } from '../i18n/languages.ts';
import { type Meeting, type MeetingTextField, meetingText } from '../meetings/meeting.ts';
import type { CircularContent } from './circular.ts';
import { defaultsFor } from './defaults.ts';
import { type IssuingBody, issuingBodyLanguage } from './issuing-bodies.ts';

export { defaultsFor };

export const fill = (pattern: string, values: Record<string, string | number>) =>
  pattern.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** "13 October 2021", "13 октября 2021 года", "2021年10月13日" — of an instant in a zone. */
export function longDate(iso: string, timeZone: string, lang: Lang): string {
  const date = formatDate(new Date(iso), DATE_LOCALES[lang], { timeZone, ...DATE_STYLES.dayMonthYear });
  // Official Russian letters write "7 декабря 2021 года" (Circular 352), not the abbreviated "г.".
  return lang === 'ru' ? date.replace(/ г\.$/, ' года') : date;
}

/** A calendar date (YYYY-MM-DD) written out in a language. */
export const longCalendarDate = (day: string, lang: Lang) => longDate(`${day}T12:00:00Z`, 'UTC', lang);

function clock(iso: string, timeZone: string, pattern: string): string {
  const [hh = '', mm = ''] = formatDate(new Date(iso), 'en-GB', { timeZone, ...DATE_STYLES.time }).split(':');
  return fill(pattern, { hh, mm });
}

/** The meeting's facts as a circular phrases them in one language. */
function meetingPhrases(meeting: Meeting, lang: Lang, partnerCount: number) {
  const d = defaultsFor(lang);
  const ordinal = d.ordinals[meeting.number - 1] ?? fill(d.ordinalFallback, { n: String(meeting.number) });
  const names = new Intl.DisplayNames([DATE_LOCALES[lang]], { type: 'language' });
  const languageNames = meeting.languages.map((code) => d.languageNames?.[code] ?? names.of(code) ?? code);
  const date = longDate(meeting.startsAt, meeting.timeZone, lang);
  const text = meetingText(meeting, lang);
  return {
    phrases: {
      ordinal,
      Ordinal: capitalise(ordinal),
      format: d.formats[meeting.format] ?? meeting.format,
      formatPhrase: d.formatPhrases[meeting.format] ?? meeting.format,
      date,
      startTime: clock(meeting.startsAt, meeting.timeZone, d.time),
      endTime: clock(meeting.endsAt, meeting.timeZone, d.time),
      zoneName: d.zoneNames[meeting.timeZone] ?? meeting.timeZone,
      languagesSentence: fill(languageNames.length === 1 ? d.languagesOnly : d.languagesMany, {
        languages: languageNames.join(', '),
      }),
      title: text.title,
      objectives: text.objectives,
      eventUrl: meeting.eventUrl ?? '',
      /** The UN entities that support U4SSC (the partners of ToR Annex II), when known. */
      partnerCount: partnerCount > 0 ? String(partnerCount) : '',
    },
    // Only what the paragraphs print: the title and joining details are not in a circular.
    fallback: text.fallback.filter((field): field is MeetingTextField => field === 'objectives'),
  };
}

/**
 * A draft's content in one language: the body's addressees, copies, signatory, salutation and
 * closing, and (from a meeting) the usual subject and paragraphs. Also which meeting facts were
 * taken from another language because the meeting has none of its own in this one.
 */
export function defaultContent(
  body: IssuingBody,
  meeting: Meeting | undefined,
  lang: Lang,
  partnerCount = 0,
): { content: CircularContent; fallback: string[] } {
  const b = issuingBodyLanguage(body, lang);
  const d = defaultsFor(lang);
  const base = {
    addressees: b.addressees.length ? b.addressees : [],
    copies: b.copies,
    signatory: b.signatory,
    salutation: b.salutation,
    closing: b.closing,
  };
  if (!meeting) return { content: { subject: '', paragraphs: [], ...base }, fallback: [] };
  const { phrases, fallback } = meetingPhrases(meeting, lang, partnerCount);
  const model = renderDocument('circular-meeting-paragraphs', lang, { meeting: phrases });
  const paragraphs = model.blocks.flatMap((block) =>
    block.type === 'paragraph'
      ? [
          {
            text: block.runs.map((r) => r.text).join(''),
            bullets: (block.bullets ?? []).map((bullet) => bullet.map((r) => r.text).join('')),
          },
        ]
      : [],
  );
  return { content: { subject: fill(d.subject, { ...phrases, objectives: '' }), paragraphs, ...base }, fallback };
}
