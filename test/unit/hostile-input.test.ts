import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { withinCalendarYears } from '../../functions/calendar/range.ts';
import { parseBody } from '../../functions/http/body.ts';
import { parseForm } from '../../functions/http/middleware.ts';
import { checkPathIds } from '../../functions/http/path-ids.ts';
import { safeNext } from '../../functions/identity/sign-in.ts';
import { renderEmail } from '../../functions/mail/render.ts';
import { parseRegistration } from '../../functions/registrations/schema.ts';
import { isSafeLine, isSafeText, stripMarkersDeep, unsafeText } from '../../functions/validation/text.ts';
import { errorsOf } from '../support/validation-errors.ts';

describe('parseBody: a body is read through its schema', () => {
  const schema = z.object({ token: z.string().max(200), lang: z.string().optional() });

  it('answers the parsed fields', () => {
    expect(parseBody(schema, { token: 'abc' })).toEqual({ token: 'abc' });
  });

  it('refuses a value of the wrong type, naming the field (no toString is ever called)', () => {
    const hostile = { toString: 1, valueOf: 1 };
    expect(Object.keys(errorsOf(() => parseBody(schema, { token: hostile })))).toEqual(['token']);
    expect(Object.keys(errorsOf(() => parseBody(schema, { token: ['a', 'b'] })))).toEqual(['token']);
    expect(Object.keys(errorsOf(() => parseBody(schema, { token: null })))).toEqual(['token']);
    expect(Object.keys(errorsOf(() => parseBody(schema, { token: 7 })))).toEqual(['token']);
  });

  it('refuses unknown fields by name, __proto__ and constructor included', () => {
    const body = JSON.parse('{"token":"a","__proto__":{"admin":true},"constructor":1,"extra":"x"}');
    const errors = errorsOf(() => parseBody(schema, body));
    expect(Object.keys(errors).sort()).toEqual(['__proto__', 'constructor', 'extra']);
    expect(errors.extra).toMatch(/Unknown field "extra"/);
    expect(Object.hasOwn(JSON.parse(JSON.stringify({ errors })).errors, '__proto__')).toBe(true);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [[], 'text', 42, true])
      expect(Object.keys(errorsOf(() => parseBody(schema, body)))).toEqual(['body']);
  });

  it('reads a missing body as an empty one', () => {
    expect(Object.keys(errorsOf(() => parseBody(schema, undefined)))).toEqual(['token']);
    expect(parseBody(z.object({}), undefined)).toEqual({});
  });
});

describe('form bodies', () => {
  it('keep a field named __proto__ as a field, never as the prototype', () => {
    const fields = parseForm('__proto__=a&__proto__=b&name=x');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'name']);
  });
});

describe('path ids', () => {
  it('refuses over-long and odd ids with a 404 naming the parameter', () => {
    for (const [name, value] of [
      ['meetingId', 'A'.repeat(2100)],
      ['registrationId', 'b'.repeat(1001)],
      ['meetingId', 'u4ssc 6'],
      ['meetingId', '../etc'],
      ['circularId', 'x\u0000y'],
      ['messageId', '\u202eabc'],
      ['file', 'en.pdf/../../x'],
    ] as const) {
      try {
        checkPathIds({ [name]: value });
        expect.unreachable(`${name}=${value.slice(0, 20)} was accepted`);
      } catch (error) {
        expect(error).toMatchObject({ statusCode: 404, extensions: { errors: { [name]: expect.any(String) } } });
      }
    }
  });

  it('makes meeting and list ids canonical (lower case), and keeps random ids as they are', () => {
    expect(checkPathIds({ meetingId: 'U4SSC-DEMO', registrationId: 'AbC123xyZ' })).toEqual({
      meetingId: 'u4ssc-demo',
      registrationId: 'AbC123xyZ',
    });
    expect(checkPathIds({ listId: 'IT-Chairs' })).toEqual({ listId: 'it-chairs' });
  });
});

describe('safeNext: only a path of this site', () => {
  it.each([
    '/\t/evil.example',
    '/\t\\evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\u2028/evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    '/.//evil.example',
    ' /console',
    '',
    '/\ud800',
  ])('%j goes to the console home', (next) => {
    expect(safeNext(next)).toBe('/console');
  });

  it('refuses what is not a string', () => {
    expect(safeNext({ toString: 1 })).toBe('/console');
    expect(safeNext(['/console/emails'])).toBe('/console');
  });

  it('keeps a path with its query, percent-encoded', () => {
    expect(safeNext('/console/emails?meetingId=u4ssc-6&done=x')).toBe('/console/emails?meetingId=u4ssc-6&done=x');
    expect(safeNext('/console/emails?recipient=é')).toBe('/console/emails?recipient=%C3%A9');
  });
});

describe('unsafe characters', () => {
  it.each([
    ['a\u0007b@x.org', 'controlCharacters'],
    ['a@b.co\u0000', 'controlCharacters'],
    ['name\u0085', 'controlCharacters'],
    ['\ud800', 'invalidUnicode'],
    ['x\udc00', 'invalidUnicode'],
    ['\uffff', 'invalidUnicode'],
    ['abc\u202egnp.exe', 'bidiControls'],
    ['\u2066x\u2069', 'bidiControls'],
    ['line\u2028break', 'controlCharacters'],
  ])('%j is refused (%s)', (value, reason) => {
    expect(unsafeText(value)).toBe(reason);
    expect(isSafeLine(value)).toBe(false);
  });

  it('accepts names in every script, emoji included', () => {
    for (const name of ['Amina Diallo', 'Алёна Петрова', 'محمد علي', '李华', '김민준', 'שלום', '👩🏽‍💻 Zoë']) {
      expect(isSafeLine(name), name).toBe(true);
    }
  });

  it('allows tab and line breaks only in multi-line text', () => {
    expect(isSafeText('line 1\nline 2\tend\r\n')).toBe(true);
    expect(isSafeLine('line 1\nline 2')).toBe(false);
    expect(isSafeText('a\u0000b')).toBe(false);
  });

  it('a registration refuses control characters in the address and lone surrogates in the name', () => {
    const base = {
      name: 'Amina',
      email: 'amina@example.org',
      organisation: 'Ministry',
      category: 'member-state',
      country: 'SN',
      title: 'Director',
      privacyConsent: true,
    };
    for (const email of ['a\u0007b@x.org', 'a@b.co\u0000', 'a\u202e@b.org']) {
      const parsed = parseRegistration({ ...base, email }, 'en');
      expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual(['email']);
    }
    const parsed = parseRegistration({ ...base, name: 'A\ud800' }, 'en');
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual(['name']);
    const unknown = parseRegistration({ ...base, admin: true }, 'en');
    expect(unknown.ok ? [] : Object.keys(unknown.errors)).toEqual(['admin']);
  });
});

describe('template markers', () => {
  it('are stripped from every value before it enters a template', () => {
    expect(stripMarkersDeep({ a: 'x\u0000B', b: ['\u0000K'], c: 3 })).toEqual({ a: 'xB', b: ['K'], c: 3 });
  });

  it('cannot forge a button in an email: a rejection reason stays text', () => {
    const forged = `\u0000B${Buffer.from('Claim your prize').toString('base64')}|${Buffer.from('https://evil.example').toString('base64')}\u0000B`;
    const email = renderEmail('registration-rejected.to-registrant', 'en', {
      name: 'Amina',
      meeting: { title: 'U4SSC', when: 'today', format: 'virtual' },
      links: { manage: 'https://u4ssc.example/manage' },
      reason: forged,
      cancelsCalendar: false,
    });
    expect(email.html).toContain('Manage my registration');
    expect(email.html).not.toContain('evil.example');
    expect(email.text).not.toContain('evil.example');
  });
});

describe('meeting dates', () => {
  it('fall in the years 2000 to 2100', () => {
    expect(withinCalendarYears('2026-12-07T10:00:00+01:00')).toBe(true);
    expect(withinCalendarYears('9999-12-07T10:00:00Z')).toBe(false);
    expect(withinCalendarYears('1899-12-31T10:00:00Z')).toBe(false);
    expect(withinCalendarYears('0000-01-01T00:00:00Z')).toBe(false);
    expect(withinCalendarYears('not a date')).toBe(false);
  });
});
