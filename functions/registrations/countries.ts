import type { Lang } from '../i18n/languages.ts';

import { ITU_MEMBER_STATES } from './member-states.ts';
import unNames from './un-country-names.json' with { type: 'json' };

export { ITU_MEMBER_STATES };

/**
 * Names as the United Nations writes them, per language, where the platform has them: English
 * from UN M49 (see the file's `source`). Other languages use CLDR's names through Intl.
 */
const UN_NAMES: Partial<Record<Lang, Readonly<Record<string, string>>>> = { en: unNames.en };

const MEMBER_SET: ReadonlySet<string> = new Set(ITU_MEMBER_STATES);

const normalise = (code: string): string => code.trim().toUpperCase();

/** True when `code` (any case, surrounding spaces ignored) is the alpha-2 code of an ITU Member State. */
export function isItuMemberState(code: string): boolean {
  return MEMBER_SET.has(normalise(code));
}

const displayNames = new Map<Lang, Intl.DisplayNames>();

/**
 * The country's name in `lang`: the UN's name where the platform has it, else CLDR's via Intl;
 * the upper-cased code when neither has one.
 */
export function countryName(code: string, lang: Lang): string {
  const region = normalise(code);
  const official = UN_NAMES[lang]?.[region];
  if (official) return official;
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    displayNames.set(lang, names);
  }
  try {
    return names.of(region) ?? region;
  } catch {
    // Intl throws RangeError for strings that are not region subtags at all.
    return region;
  }
}

const optionsCache = new Map<Lang, readonly { code: string; name: string }[]>();

/** The Member States as select-box options, sorted by their name in `lang`. Returns a fresh array each call. */
export function memberStateOptions(lang: Lang): { code: string; name: string }[] {
  let options = optionsCache.get(lang);
  if (!options) {
    const collator = new Intl.Collator(lang);
    options = ITU_MEMBER_STATES.map((code) => ({ code, name: countryName(code, lang) })).sort((a, b) =>
      collator.compare(a.name, b.name),
    );
    optionsCache.set(lang, options);
  }
  return options.map((o) => ({ ...o }));
}
