import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LANG, dirOf, isLang, LANGUAGE_NAMES, LANGUAGES } from '../../functions/i18n/languages.ts';
import {
  countryName,
  ITU_MEMBER_STATES,
  isItuMemberState,
  memberStateOptions,
} from '../../functions/registrations/countries.ts';

describe('ITU Member States (Circular 352 §5)', () => {
  it('lists exactly 194 distinct, well-formed alpha-2 codes', () => {
    expect(ITU_MEMBER_STATES).toHaveLength(194);
    expect(new Set(ITU_MEMBER_STATES).size).toBe(194);
    for (const code of ITU_MEMBER_STATES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('every code is a region CLDR knows by name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of ITU_MEMBER_STATES) expect(names.of(code), code).toBeTruthy();
  });

  it.each(['CH', 'RU', 'CN', 'SA', 'FR', 'ES', 'US', 'VA', 'SS', 'KP', 'PW'])('%s is a Member State', (code) => {
    expect(isItuMemberState(code)).toBe(true);
  });

  it.each(['TW', 'XK', 'PS', 'HK', 'MO', 'PR', 'GL', 'AQ', 'EH', 'XX', '', 'CHE'])('%s is not', (code) => {
    expect(isItuMemberState(code)).toBe(false);
  });

  it('ignores case and surrounding spaces', () => {
    expect(isItuMemberState(' ch ')).toBe(true);
    expect(isItuMemberState('Va')).toBe(true);
    expect(isItuMemberState(' tw')).toBe(false);
  });
});

describe('country names', () => {
  it.each([
    ['KP', "Democratic People's Republic of Korea"],
    ['CD', 'Democratic Republic of the Congo'],
    ['VA', 'Holy See'],
    ['RU', 'Russian Federation'],
    ['MM', 'Myanmar'],
    ['GB', 'United Kingdom of Great Britain and Northern Ireland'],
  ])('names %s in English as the UN does: %s', (code, name) => {
    expect(countryName(code, 'en')).toBe(name);
  });

  it('has a UN name in English for every Member State, none an everyday short form', () => {
    for (const code of ITU_MEMBER_STATES) {
      const name = countryName(code, 'en');
      expect(name, code).not.toBe(code);
      expect(name, code).not.toMatch(/ - |\(Burma\)|^Vatican City$|^Russia$|^North Korea$/);
    }
  });

  it("keeps the names file equal to what the UN M49 package and Node's ICU give", async () => {
    const { buildCountryNames } = await import('../../infra/tools/country-names.ts');
    const file = (await import('../../functions/registrations/country-names.json', { with: { type: 'json' } })).default;
    expect(file).toEqual(buildCountryNames());
  });

  it('names every Member State in every language as Intl.DisplayNames does (the UN in English)', async () => {
    const file = (await import('../../functions/registrations/country-names.json', { with: { type: 'json' } })).default;
    for (const lang of LANGUAGES) {
      const intl = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
      for (const code of ITU_MEMBER_STATES) {
        const expected = lang === 'en' ? file.names.en[code as keyof typeof file.names.en] : intl.of(code);
        expect(countryName(code, lang), `${lang} ${code}`).toBe(expected);
      }
    }
  });

  it.each([
    ['TW', 'fr'],
    ['HK', 'ru'],
    ['PS', 'ar'],
    ['XK', 'zh'],
    ['TW', 'en'],
  ] as const)('names %s, not a Member State, in %s through Intl', (code, lang) => {
    const expected = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code);
    expect(expected).not.toBe(code);
    expect(countryName(code.toLowerCase(), lang)).toBe(expected);
  });

  it('names countries in each official language', () => {
    expect(countryName('CH', 'en')).toBe('Switzerland');
    expect(countryName('ch', 'fr')).toBe('Suisse');
    expect(countryName('CH', 'ru')).toBe('Швейцария');
    expect(countryName('CH', 'zh')).toBe('瑞士');
    expect(countryName('SA', 'ar')).toBe('المملكة العربية السعودية');
    expect(countryName('ES', 'es')).toBe('España');
  });

  it('falls back to the code for something that is not a region', () => {
    expect(countryName('not a code', 'en')).toBe('NOT A CODE');
  });

  it('offers all Member States sorted by name in the language', () => {
    for (const lang of LANGUAGES) {
      const options = memberStateOptions(lang);
      expect(options).toHaveLength(194);
      const collator = new Intl.Collator(lang);
      for (let i = 1; i < options.length; i++) {
        const [a, b] = [options[i - 1], options[i]];
        expect(collator.compare(a?.name ?? '', b?.name ?? ''), `${lang}: ${a?.name} / ${b?.name}`).toBeLessThanOrEqual(
          0,
        );
      }
    }
    const en = memberStateOptions('en');
    expect(en[0]).toEqual({ code: 'AF', name: 'Afghanistan' });
    expect(en.find((o) => o.code === 'CH')?.name).toBe('Switzerland');
    expect(memberStateOptions('fr').find((o) => o.code === 'DE')?.name).toBe('Allemagne');
  });

  it('orders the options as Intl.Collator sorts the names, in every language', () => {
    for (const lang of LANGUAGES) {
      const collator = new Intl.Collator(lang);
      const expected = ITU_MEMBER_STATES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) =>
        collator.compare(a.name, b.name),
      );
      expect(memberStateOptions(lang), lang).toEqual(expected);
    }
  });

  it('hands out copies, so callers cannot corrupt the cache', () => {
    const first = memberStateOptions('en');
    first.length = 0;
    const again = memberStateOptions('en');
    expect(again).toHaveLength(194);
    expect(again).not.toBe(memberStateOptions('en'));
  });
});

describe('country names on a cold start', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('names and sorts Member States without creating any Intl object', async () => {
    const displayNames = vi.spyOn(Intl, 'DisplayNames');
    const collator = vi.spyOn(Intl, 'Collator');
    vi.resetModules();
    const fresh = await import('../../functions/registrations/countries.ts');
    expect(fresh.countryName('CH', 'ru')).toBe('Швейцария');
    expect(fresh.countryName(' sa ', 'ar')).toBe('المملكة العربية السعودية');
    expect(fresh.countryName('KP', 'en')).toBe("Democratic People's Republic of Korea");
    const options = fresh.memberStateOptions('zh');
    expect(options).toHaveLength(194);
    expect(options.find((o) => o.code === 'CH')?.name).toBe('瑞士');
    for (const lang of LANGUAGES) fresh.memberStateOptions(lang);
    expect(displayNames).not.toHaveBeenCalled();
    expect(collator).not.toHaveBeenCalled();
    // The spies do see construction: a non-member still goes through Intl.
    expect(fresh.countryName('TW', 'ru')).not.toBe('TW');
    expect(displayNames).toHaveBeenCalledTimes(1);
  });
});

describe('languages', () => {
  it('are the six ITU official languages with their own names and direction', () => {
    expect(LANGUAGES).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    expect(DEFAULT_LANG).toBe('en');
    expect(LANGUAGE_NAMES).toEqual({
      ar: 'العربية',
      en: 'English',
      es: 'Español',
      fr: 'Français',
      ru: 'Русский',
      zh: '中文',
    });
    expect(dirOf('ar')).toBe('rtl');
    for (const lang of LANGUAGES.filter((l) => l !== 'ar')) expect(dirOf(lang)).toBe('ltr');
  });

  it('isLang accepts only the six codes', () => {
    expect(isLang('ru')).toBe(true);
    for (const v of ['EN', 'de', 'en-GB', '', null, undefined, 1, {}]) expect(isLang(v)).toBe(false);
  });
});
