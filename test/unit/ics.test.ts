import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type MeetingIcsInput, meetingIcs } from '../../functions/calendar/ics.ts';

/** The 6th U4SSC meeting (Circular 352): 7 December 2021, 10:00–15:30 Geneva time. */
const MEETING_6: MeetingIcsInput = {
  uid: 'meeting-6-reg-42@u4ssc.example',
  sequence: 0,
  method: 'REQUEST',
  title: '6th U4SSC meeting',
  description: 'Virtual meeting. Registration is mandatory.',
  startsAt: '2021-12-07T09:00:00Z',
  endsAt: '2021-12-07T14:30:00Z',
  timeZone: 'Europe/Zurich',
  url: 'https://www.itu.int/en/ITU-T/ssc/united/Pages/default.aspx',
  organizer: { name: 'ITU TSB', email: 'tsbu4ssc@itu.int' },
  attendee: { name: 'Ana García', email: 'ana@example.org' },
  stamp: new Date('2021-10-13T08:00:00Z'),
};

const lines = (ics: string): string[] => unfold(ics).split('\r\n');
const unfold = (ics: string): string => ics.replace(/\r\n /g, '');
const line = (ics: string, prefix: string): string | undefined => lines(ics).find((l) => l.startsWith(prefix));

/** Sub-components of the VTIMEZONE as { kind, props }. */
function observances(ics: string): { kind: string; props: Record<string, string> }[] {
  const out: { kind: string; props: Record<string, string> }[] = [];
  let current: { kind: string; props: Record<string, string> } | undefined;
  for (const l of lines(ics)) {
    const begin = /^BEGIN:(STANDARD|DAYLIGHT)$/.exec(l);
    if (begin?.[1]) current = { kind: begin[1], props: {} };
    else if (/^END:(STANDARD|DAYLIGHT)$/.test(l)) {
      if (current) out.push(current);
      current = undefined;
    } else if (current) {
      const i = l.indexOf(':');
      current.props[l.slice(0, i)] = l.slice(i + 1);
    }
  }
  return out;
}

/** Parses with ical.js, using only the VTIMEZONE in the file, and returns the event's instants. */
function parsed(ics: string): { start: string; end: string; tzid: string; event: ICAL.Event } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  const event = new ICAL.Event(vevent);
  return {
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    tzid: event.startDate.zone?.tzid ?? '',
    event,
  };
}

describe('meetingIcs', () => {
  it('writes meeting 6 in Geneva wall time with a CET/CEST VTIMEZONE', () => {
    const ics = meetingIcs(MEETING_6);
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Zurich:20211207T100000');
    expect(lines(ics)).toContain('DTEND;TZID=Europe/Zurich:20211207T153000');
    expect(lines(ics)).toContain('TZID:Europe/Zurich');
    const obs = observances(ics);
    const standard = obs.filter((o) => o.kind === 'STANDARD');
    const daylight = obs.filter((o) => o.kind === 'DAYLIGHT');
    expect(standard.length).toBeGreaterThan(0);
    expect(daylight.length).toBeGreaterThan(0);
    for (const o of standard) expect(o.props).toMatchObject({ TZOFFSETFROM: '+0200', TZOFFSETTO: '+0100' });
    for (const o of daylight) expect(o.props).toMatchObject({ TZOFFSETFROM: '+0100', TZOFFSETTO: '+0200' });
    // 2021 transitions: 28 March 02:00 CET → CEST, 31 October 03:00 CEST → CET.
    expect(daylight.map((o) => o.props.DTSTART)).toContain('20210328T020000');
    expect(standard.map((o) => o.props.DTSTART)).toContain('20211031T030000');
    expect(standard[0]?.props.TZNAME).toBe('CET');
    expect(daylight[0]?.props.TZNAME).toBe('CEST');
  });

  it('has the calendar and event properties in RFC 5545 shape', () => {
    const ics = meetingIcs(MEETING_6);
    const all = lines(ics);
    expect(all.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'PRODID:-//U4SSC//Meetings//EN',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ]);
    expect(all.at(-2)).toBe('END:VCALENDAR');
    expect(all.at(-1)).toBe('');
    expect(all.indexOf('END:VTIMEZONE')).toBeLessThan(all.indexOf('BEGIN:VEVENT'));
    expect(all).toEqual(
      expect.arrayContaining([
        'UID:meeting-6-reg-42@u4ssc.example',
        'SEQUENCE:0',
        'DTSTAMP:20211013T080000Z',
        'SUMMARY:6th U4SSC meeting',
        'DESCRIPTION:Virtual meeting. Registration is mandatory.',
        'URL:https://www.itu.int/en/ITU-T/ssc/united/Pages/default.aspx',
        'ORGANIZER;CN=ITU TSB:mailto:tsbu4ssc@itu.int',
        'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ana García:mailto:ana@example.org',
        'STATUS:CONFIRMED',
      ]),
    );
    expect(line(ics, 'LOCATION')).toBeUndefined();
    // Only CRLF line ends: no bare LF or CR.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes a cancellation with METHOD:CANCEL, STATUS:CANCELLED and the new sequence', () => {
    const ics = meetingIcs({ ...MEETING_6, method: 'CANCEL', sequence: 3, location: 'Online' });
    expect(lines(ics)).toEqual(
      expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:3', 'LOCATION:Online']),
    );
    expect(() => meetingIcs({ ...MEETING_6, method: 'CANCEL', status: 'CONFIRMED' })).toThrow(/CANCEL/);
  });

  it('puts a summer meeting in CEST: 08:00Z is 10:00 in Geneva', () => {
    const ics = meetingIcs({ ...MEETING_6, startsAt: '2022-06-14T08:00:00Z', endsAt: '2022-06-14T10:00:00.000Z' });
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Zurich:20220614T100000');
    expect(lines(ics)).toContain('DTEND;TZID=Europe/Zurich:20220614T120000');
    expect(observances(ics).map((o) => o.props.DTSTART)).toEqual(
      expect.arrayContaining(['20220327T020000', '20221030T030000']),
    );
  });

  it('accepts instants written with an offset', () => {
    const ics = meetingIcs({ ...MEETING_6, startsAt: '2021-12-07T10:00:00+01:00', endsAt: '2021-12-07T15:30+01:00' });
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Zurich:20211207T100000');
    expect(lines(ics)).toContain('DTEND;TZID=Europe/Zurich:20211207T153000');
  });

  it('describes a zone without DST (Asia/Tokyo) with a single STANDARD observance', () => {
    const ics = meetingIcs({ ...MEETING_6, timeZone: 'Asia/Tokyo' });
    const obs = observances(ics);
    expect(obs).toHaveLength(1);
    expect(obs[0]?.kind).toBe('STANDARD');
    expect(obs[0]?.props).toMatchObject({ TZOFFSETFROM: '+0900', TZOFFSETTO: '+0900' });
    expect(lines(ics)).toContain('DTSTART;TZID=Asia/Tokyo:20211207T180000');
  });

  it('handles southern-hemisphere DST and half-hour offsets', () => {
    const sydney = meetingIcs({ ...MEETING_6, timeZone: 'Australia/Sydney' });
    expect(lines(sydney)).toContain('DTSTART;TZID=Australia/Sydney:20211207T200000');
    expect(observances(sydney).find((o) => o.kind === 'DAYLIGHT')?.props.TZOFFSETTO).toBe('+1100');
    expect(observances(sydney).find((o) => o.kind === 'STANDARD')?.props.TZOFFSETTO).toBe('+1000');
    const india = meetingIcs({ ...MEETING_6, timeZone: 'Asia/Kolkata' });
    expect(line(india, 'TZOFFSETTO')).toBe('TZOFFSETTO:+0530');
    expect(line(india, 'DTSTART;TZID=')).toMatch(/:20211207T143000$/);
    const newYork = meetingIcs({ ...MEETING_6, timeZone: 'America/New_York' });
    expect(line(newYork, 'DTSTART;TZID=')).toBe('DTSTART;TZID=America/New_York:20211207T040000');
    expect(observances(newYork).find((o) => o.kind === 'STANDARD')?.props.TZOFFSETTO).toBe('-0500');
  });

  it('uses UTC values for a local time that a fall-back repeats, which clients would read differently', () => {
    // 31 Oct 2021, Geneva: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    const first = meetingIcs({ ...MEETING_6, startsAt: '2021-10-31T00:30:00Z', endsAt: '2021-10-31T03:00:00Z' });
    expect(lines(first)).toContain('DTSTART:20211031T003000Z');
    expect(lines(first)).toContain('DTEND;TZID=Europe/Zurich:20211031T040000');
    const second = meetingIcs({ ...MEETING_6, startsAt: '2021-10-31T01:30:00Z', endsAt: '2021-10-31T03:00:00Z' });
    expect(lines(second)).toContain('DTSTART:20211031T013000Z');
    expect(parsed(first).start).toBe('2021-10-31T00:30:00.000Z');
    expect(parsed(second).start).toBe('2021-10-31T01:30:00.000Z');
    // Just outside the repeated hour the zone is used again.
    const after = meetingIcs({ ...MEETING_6, startsAt: '2021-10-31T02:00:00Z', endsAt: '2021-10-31T03:00:00Z' });
    expect(lines(after)).toContain('DTSTART;TZID=Europe/Zurich:20211031T030000');
  });

  it('keeps the caller’s zone name, fixing only its case', () => {
    expect(line(meetingIcs({ ...MEETING_6, timeZone: 'Asia/Kolkata' }), 'TZID:')).toBe('TZID:Asia/Kolkata');
    const ics = meetingIcs({ ...MEETING_6, timeZone: ' europe/zurich ' });
    expect(line(ics, 'TZID:')).toBe('TZID:Europe/Zurich');
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Zurich:20211207T100000');
  });

  it('covers both years of an event that crosses New Year', () => {
    const ics = meetingIcs({ ...MEETING_6, startsAt: '2021-12-31T22:00:00Z', endsAt: '2022-01-01T02:00:00Z' });
    expect(lines(ics)).toContain('DTSTART;TZID=Europe/Zurich:20211231T230000');
    expect(lines(ics)).toContain('DTEND;TZID=Europe/Zurich:20220101T030000');
    expect(observances(ics).map((o) => o.props.DTSTART)).toEqual(
      expect.arrayContaining(['20210328T020000', '20221030T030000']),
    );
  });

  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    const ics = meetingIcs({
      ...MEETING_6,
      title: 'KPIs; cities, hubs',
      description: 'C:\\docs\\ToR;v2, final\r\nsecond line\nthird\rfourth',
      location: 'Room A, Geneva; ITU',
    });
    expect(lines(ics)).toContain('SUMMARY:KPIs\\; cities\\, hubs');
    expect(lines(ics)).toContain('DESCRIPTION:C:\\\\docs\\\\ToR\\;v2\\, final\\nsecond line\\nthird\\nfourth');
    expect(lines(ics)).toContain('LOCATION:Room A\\, Geneva\\; ITU');
    const { event } = parsed(ics);
    expect(event.summary).toBe('KPIs; cities, hubs');
    expect(event.description).toBe('C:\\docs\\ToR;v2, final\nsecond line\nthird\nfourth');
    expect(event.location).toBe('Room A, Geneva; ITU');
  });

  it('cannot be made to inject properties through names or text', () => {
    const ics = meetingIcs({
      ...MEETING_6,
      title: 'x\r\nATTENDEE:mailto:evil@example.org',
      organizer: { name: 'Secretariat "U4SSC": ITU; UNECE', email: 'tsbu4ssc@itu.int' },
      attendee: { name: 'Eve\r\nX-EVIL:1', email: 'eve@example.org' },
    });
    expect(lines(ics).filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(1);
    expect(lines(ics).some((l) => l.startsWith('X-EVIL'))).toBe(false);
    expect(lines(ics)).toContain(`ORGANIZER;CN="Secretariat 'U4SSC': ITU; UNECE":mailto:tsbu4ssc@itu.int`);
    expect(() => meetingIcs({ ...MEETING_6, attendee: { name: 'x', email: 'a@b.c\r\nX-EVIL:1' } })).toThrow(
      /attendee email/,
    );
  });

  it('folds lines at 75 octets without splitting characters, and unfolding restores them', () => {
    const description =
      'Шестое собрание инициативы «Объединенные в интересах умных устойчивых городов» (U4SSC) состоится в виртуальном формате. ' +
      '联合智慧可持续城市倡议第六次会议将以虚拟方式举行，会议将讨论关键绩效指标、城市评估以及工作计划。'.repeat(2) +
      ' Emoji 🏙️🌍 and Arabic: الاجتماع السادس لمبادرة متحدون من أجل مدن ذكية ومستدامة';
    const ics = meetingIcs({ ...MEETING_6, description, title: 'U4SSC — 第六次会议 — Шестое собрание' });
    const physical = ics.split('\r\n');
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    for (const l of physical) {
      expect(Buffer.byteLength(l, 'utf8'), l).toBeLessThanOrEqual(75);
      expect(l).not.toMatch(/\uFFFD/);
      // No lone surrogate halves at a fold.
      expect(l).not.toMatch(/\p{Cs}/u);
    }
    // Folding splits only between whole UTF-8 sequences: each physical line is valid UTF-8 alone.
    for (const l of physical) expect(Buffer.from(Buffer.from(l, 'utf8').toString('utf8'), 'utf8').toString()).toBe(l);
    expect(line(ics, 'DESCRIPTION:')).toBe(`DESCRIPTION:${description.replace(/,/g, '\\,')}`);
    expect(parsed(ics).event.description).toBe(description);
    expect(parsed(ics).event.summary).toBe('U4SSC — 第六次会议 — Шестое собрание');
  });

  it('parses with ical.js to the same instants, through the file’s own VTIMEZONE', () => {
    const cases: [string, string, string][] = [
      ['Europe/Zurich', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['Europe/Zurich', '2022-06-14T08:00:00.000Z', '2022-06-14T10:00:00.000Z'],
      ['Europe/Zurich', '2021-03-28T00:30:00.000Z', '2021-03-28T01:30:00.000Z'],
      ['America/New_York', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['America/New_York', '2023-07-04T15:00:00.000Z', '2023-07-04T16:00:00.000Z'],
      ['Australia/Sydney', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['Australia/Sydney', '2024-06-01T01:00:00.000Z', '2024-06-01T02:00:00.000Z'],
      ['Asia/Tokyo', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['Asia/Kolkata', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['Africa/Casablanca', '2023-04-01T09:00:00.000Z', '2023-04-01T10:00:00.000Z'],
      ['America/Sao_Paulo', '2021-12-07T09:00:00.000Z', '2021-12-07T14:30:00.000Z'],
      ['Europe/London', '2021-12-31T23:30:00.000Z', '2022-01-01T00:30:00.000Z'],
    ];
    for (const [timeZone, startsAt, endsAt] of cases) {
      const result = parsed(meetingIcs({ ...MEETING_6, timeZone, startsAt, endsAt }));
      expect(result.tzid, timeZone).toBe(timeZone);
      expect(result.start, `${timeZone} ${startsAt}`).toBe(startsAt);
      expect(result.end, `${timeZone} ${endsAt}`).toBe(endsAt);
    }
  });

  it('really depends on the VTIMEZONE: ical.js reads different instants when its offsets are altered', () => {
    const ics = meetingIcs(MEETING_6).replace(/TZOFFSETTO:\+0100/g, 'TZOFFSETTO:+0300');
    expect(parsed(ics).start).toBe('2021-12-07T07:00:00.000Z');
  });

  it('rejects an unknown time zone, invalid dates and other bad input with a clear error', () => {
    expect(() => meetingIcs({ ...MEETING_6, timeZone: 'Europe/Geneva' })).toThrow(/unknown time zone "Europe\/Geneva"/);
    expect(() => meetingIcs({ ...MEETING_6, timeZone: '' })).toThrow(/unknown time zone/);
    expect(() => meetingIcs({ ...MEETING_6, startsAt: 'tomorrow' })).toThrow(/startsAt is not a valid/);
    expect(() => meetingIcs({ ...MEETING_6, startsAt: '2021-02-30T09:00:00Z' })).toThrow(/startsAt is not a valid/);
    expect(() => meetingIcs({ ...MEETING_6, startsAt: '2021-02-29T09:00:00Z' })).toThrow(/startsAt is not a valid/);
    expect(() => meetingIcs({ ...MEETING_6, endsAt: '2021-12-07T14:30:00' })).toThrow(/endsAt is not a valid/);
    expect(() => meetingIcs({ ...MEETING_6, endsAt: '2021-12-07T08:00:00Z' })).toThrow(/must be after/);
    expect(() => meetingIcs({ ...MEETING_6, stamp: new Date('nope') })).toThrow(/stamp/);
    expect(() => meetingIcs({ ...MEETING_6, sequence: -1 })).toThrow(/sequence/);
    expect(() => meetingIcs({ ...MEETING_6, url: 'javascript:alert(1)' })).toThrow(/url/);
    expect(() => meetingIcs({ ...MEETING_6, organizer: { name: 'x', email: 'not an email' } })).toThrow(
      /organizer email/,
    );
    expect(meetingIcs({ ...MEETING_6, startsAt: '2024-02-29T09:00:00Z', endsAt: '2024-02-29T10:00:00Z' })).toContain(
      'DTSTART;TZID=Europe/Zurich:20240229T100000',
    );
  });
});
