/** A U4SSC partner: a UN agency, body or programme that declared its intent (ToR §12, Annex II). */
export interface Partner {
  partnerId: string;
  acronym: string;
  /** Its name in English, as Annex II gives it. */
  name: string;
  /** Its name in the other UN languages, where an official form is recorded (none: English is shown, marked). */
  nameAr?: string | undefined;
  nameZh?: string | undefined;
  nameFr?: string | undefined;
  nameRu?: string | undefined;
  nameEs?: string | undefined;
  /** For ITU, UNECE and UN-Habitat: their focal point in the secretariat (ToR Annex III). */
  secretariatFocalPoint?: string | undefined;
  /** Its focal point on the Partners Council (votes for it). */
  focalPointEmail?: string | undefined;
  /** Counts the changes; a change names the version it saw. */
  version?: number | undefined;
}

/** The attribute holding a partner's name in each language (English: `name`). */
export const PARTNER_NAME_FIELDS = {
  en: 'name',
  ar: 'nameAr',
  zh: 'nameZh',
  fr: 'nameFr',
  ru: 'nameRu',
  es: 'nameEs',
} as const satisfies Record<string, keyof Partner>;

/** The partner's name in the language, or the English one when none is recorded there (`fallback`). */
export function partnerName(
  partner: Partner,
  lang: keyof typeof PARTNER_NAME_FIELDS,
): { name: string; fallback: boolean } {
  const own = partner[PARTNER_NAME_FIELDS[lang]];
  return own ? { name: own, fallback: false } : { name: partner.name, fallback: lang !== 'en' };
}

export interface PartnerRepository {
  listPartners(): Promise<Partner[]>;
}

export function listPartners(deps: { partners: PartnerRepository }): Promise<Partner[]> {
  return deps.partners.listPartners();
}
