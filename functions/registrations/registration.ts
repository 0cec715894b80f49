/** Who may register (Circular 352 §5). */
export const REGISTRATION_CATEGORIES = [
  'member-state',
  'sector-member',
  'associate',
  'academia',
  'individual',
] as const;
export type RegistrationCategory = (typeof REGISTRATION_CATEGORIES)[number];

/**
 * unverified → (email verified) → pending (needs approval) | approved | waitlisted (full)
 * pending → approved | waitlisted (full) | rejected;   waitlisted → approved (seat freed)
 * any but rejected/withdrawn → withdrawn (by the registrant) or rejected (by the secretariat)
 */
export const REGISTRATION_STATUSES = [
  'unverified',
  'pending',
  'approved',
  'waitlisted',
  'rejected',
  'withdrawn',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface RegistrationDetails {
  name: string;
  email: string;
  organisation: string;
  category: RegistrationCategory;
  /** ISO 3166-1 alpha-2 code of an ITU Member State. */
  country: string;
  title: string;
  language: string;
  listConsent: boolean;
}

export interface Registration extends RegistrationDetails {
  meetingId: string;
  registrationId: string;
  status: RegistrationStatus;
  /** When it reached its status: the waiting list is served in this order. */
  statusAt: string;
  /** Whether it counts against the meeting's capacity. */
  holdsSeat: boolean;
  privacyConsentAt: string;
  rejectionReason?: string | undefined;
  decidedBy?: string | undefined;
  verifyTokenHash?: string | undefined;
  verifyExpiresAt?: string | undefined;
  /** The secret of the self-service link sent in every email (compared in constant time). */
  manageToken: string;
  emailUndeliverable?: boolean | undefined;
  createdAt: string;
  verifiedAt?: string | undefined;
  version: number;
}
