import { describe, expect, it } from 'vitest';
import type { Hub } from '../../functions/governance/records.ts';
import { accessHub, hubsOf } from '../../functions/hubs/access.ts';
import { KPIS, kpiByCode, localName, localUnit } from '../../functions/hubs/catalogue.ts';

const hub: Hub = {
  hubId: 'h1',
  name: 'Hub One',
  contactName: 'C',
  contactEmail: 'Contact@Hub.org',
  active: true,
  memberEmails: ['member@hub.org'],
};
const other: Hub = { ...hub, hubId: 'h2', contactEmail: 'someone@else.org', memberEmails: [] };
const who = (email: string, roles: ('hub' | 'secretariat' | 'partner')[]) => ({ subject: email, email, roles });

describe('a hub person is bound to their hub', () => {
  it('lets the contact (any case) and members in, as a hub', () => {
    expect(accessHub(who('contact@hub.org', ['hub']), hub, 'h1').kind).toBe('hub');
    expect(accessHub(who('member@hub.org', ['hub']), hub, 'h1').kind).toBe('hub');
    expect(hubsOf(who('member@hub.org', ['hub']), [hub, other]).map((h) => h.hubId)).toEqual(['h1']);
  });
  it("refuses another hub's person (403) and a missing hub (404)", () => {
    expect(() => accessHub(who('member@hub.org', ['hub']), other, 'h2')).toThrow(
      expect.objectContaining({ statusCode: 403 }),
    );
    expect(() => accessHub(who('member@hub.org', ['hub']), undefined, 'nope')).toThrow(
      expect.objectContaining({ statusCode: 404 }),
    );
  });
  it('needs the role hub as well as the email, and lets the secretariat see every hub', () => {
    expect(() => accessHub(who('contact@hub.org', ['partner']), hub, 'h1')).toThrow(
      expect.objectContaining({ statusCode: 403 }),
    );
    expect(hubsOf(who('contact@hub.org', ['partner']), [hub])).toEqual([]);
    expect(accessHub(who('s@itu.int', ['secretariat']), other, 'h2').kind).toBe('secretariat');
  });
});

describe('the KPI catalogue', () => {
  it('holds 91 KPIs with unique codes, in the three dimensions', () => {
    expect(KPIS).toHaveLength(91);
    expect(new Set(KPIS.map((k) => k.code)).size).toBe(91);
    expect(new Set(KPIS.map((k) => k.dimension.id))).toEqual(new Set(['EC', 'EN', 'SC']));
    expect(KPIS.filter((k) => k.type === 'core').length).toBeGreaterThan(50);
  });
  it('finds a KPI by code in the methodology writing too, and marks English fallbacks', () => {
    expect(kpiByCode('EC: ICT: ICT: 1C')?.name.en).toBe('Household Internet access');
    expect(kpiByCode('ec-ict-ict-1c')?.code).toBe('EC-ICT-ICT-1C');
    const kpi = kpiByCode('SC-EH-HE-4C');
    expect(kpi && localName(kpi.name, 'ru')).toBe('Physicians [en]');
    expect(kpi && localName(kpi.dimension.name, 'ru')).toBe('Общество и культура');
    expect(localUnit('per 100,000 inhabitants', 'fr')).toBe('pour 100 000 habitants');
  });
});
