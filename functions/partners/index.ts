/** A U4SSC partner: a UN agency, body or programme that declared its intent (ToR §12, Annex II). */
export interface Partner {
  partnerId: string;
  acronym: string;
  name: string;
  nameRu?: string | undefined;
  /** For ITU, UNECE and UN-Habitat: their focal point in the secretariat (ToR Annex III). */
  secretariatFocalPoint?: string | undefined;
  /** Its focal point on the Partners Council (votes for it). */
  focalPointEmail?: string | undefined;
}

export interface PartnerRepository {
  listPartners(): Promise<Partner[]>;
}

export function listPartners(deps: { partners: PartnerRepository }): Promise<Partner[]> {
  return deps.partners.listPartners();
}
