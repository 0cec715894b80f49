import { countryName } from './countries.ts';
import { toCsv } from './csv.ts';
import { listRegistrations } from './operations.ts';
import type { RegistrationsDeps } from './ports.ts';
import type { Registration } from './registration.ts';

/** A registration as the secretariat sees it: everything but the registrant's secrets. */
export function forSecretariat(r: Registration) {
  const { manageToken: _m, verifyTokenHash: _v, verifyExpiresAt: _e, ...visible } = r;
  return visible;
}

const COLUMNS: [string, (r: Registration) => string | number | boolean | undefined][] = [
  ['Status', (r) => r.status],
  ['Name', (r) => r.name],
  ['Email', (r) => r.email],
  ['Organisation', (r) => r.organisation],
  ['Role or title', (r) => r.title],
  ['Category', (r) => r.category],
  ['Country code', (r) => r.country],
  ['Country', (r) => countryName(r.country, 'en')],
  ['Language', (r) => r.language],
  ['In participant list', (r) => (r.listConsent ? 'yes' : 'no')],
  ['Registered at (UTC)', (r) => r.createdAt],
  ['Status since (UTC)', (r) => r.statusAt],
  ['Rejection reason', (r) => r.rejectionReason],
  ['Email undeliverable', (r) => (r.emailUndeliverable ? 'yes' : '')],
  ['Registration id', (r) => r.registrationId],
];

/** CSV for spreadsheets: UTF-8 with BOM, formula injection neutralised (see csv.ts). */
export async function exportRegistrationsCsv(
  deps: RegistrationsDeps,
  meetingId: string,
  status?: string,
): Promise<string> {
  const registrations = await listRegistrations(deps, meetingId, status);
  return toCsv(
    COLUMNS.map(([header]) => header),
    registrations.map((r) => COLUMNS.map(([, value]) => value(r))),
  );
}
