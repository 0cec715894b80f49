import { describe, expect, it } from 'vitest';
import type { Registration } from '../../functions/registrations/registration.ts';
import { PAGE_SIZE, pageOfRegistrations, parseRegistrationQuery } from '../../functions/registrations/search.ts';

const registration = (i: number, overrides: Partial<Registration> = {}): Registration => ({
  meetingId: 'm',
  registrationId: `r${String(i).padStart(5, '0')}`,
  name: `Person ${i}`,
  email: `person${i}@example.org`,
  organisation: i % 2 ? 'Université de Genève' : 'ITU',
  category: 'academia',
  country: 'CH',
  title: '',
  language: 'en',
  listConsent: false,
  status: i % 3 ? 'pending' : 'approved',
  statusAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(),
  holdsSeat: false,
  privacyConsentAt: '2030-01-01T00:00:00.000Z',
  manageToken: 't',
  createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(),
  version: 1,
  ...overrides,
});

describe('the console registration list', () => {
  const many = Array.from({ length: 5000 }, (_, i) => registration(i));

  it('pages 5,000 registrations fifty at a time, in the order they reached their status', () => {
    const first = pageOfRegistrations(many, parseRegistrationQuery({}));
    expect(first).toMatchObject({ total: 5000, page: 1, pages: 100 });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]?.registrationId).toBe('r00000');
    const last = pageOfRegistrations(many, parseRegistrationQuery({ page: '100' }));
    expect(last.rows.at(-1)?.registrationId).toBe('r04999');
    // A page past the end shows the last one.
    expect(pageOfRegistrations(many, parseRegistrationQuery({ page: '9999' })).page).toBe(100);
  });

  it('searches name, email and organisation, ignoring case and accents, every word', () => {
    const result = pageOfRegistrations(many, parseRegistrationQuery({ q: 'universite PERSON 4999' }));
    expect(result.rows.map((r) => r.registrationId)).toEqual(['r04999']);
    expect(pageOfRegistrations(many, parseRegistrationQuery({ q: 'person42@example' })).total).toBe(1);
    expect(pageOfRegistrations(many, parseRegistrationQuery({ q: 'nobody' })).total).toBe(0);
  });

  it('sorts by name in natural order, both ways, ties by id', () => {
    const asc = pageOfRegistrations(many.slice(0, 12), parseRegistrationQuery({ sort: 'name' }));
    expect(asc.rows.slice(0, 3).map((r) => r.name)).toEqual(['Person 0', 'Person 1', 'Person 2']);
    expect(asc.rows.at(-1)?.name).toBe('Person 11');
    const desc = pageOfRegistrations(many.slice(0, 12), parseRegistrationQuery({ sort: 'name', dir: 'desc' }));
    expect(desc.rows[0]?.name).toBe('Person 11');
  });

  it('reads nonsense in the address bar as the default list', () => {
    expect(parseRegistrationQuery({ sort: '<script>', dir: 'up', page: '-3' })).toEqual({
      q: '',
      sort: 'since',
      dir: 'asc',
      page: 1,
    });
    expect(parseRegistrationQuery({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });

  it('finds one page of 5,000 in well under the page budget', () => {
    const started = performance.now();
    for (let i = 0; i < 5; i++)
      pageOfRegistrations(many, parseRegistrationQuery({ q: 'person', sort: 'organisation' }));
    const each = (performance.now() - started) / 5;
    expect(each).toBeLessThan(500);
  });
});
