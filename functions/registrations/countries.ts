import type { Lang } from '../i18n/languages.ts';

import stored from './country-names.json' with { type: 'json' };
import { ITU_MEMBER_STATES } from './member-states.ts';

export { ITU_MEMBER_STATES };

/**
 * The Member States' names and their order in each language are data, fixed at build time by
 * `npm run country-names` (`country-names.json`): English as the UN writes it (M49), the other
 * five languages CLDR's names through Node's ICU, each list sorted by that language's
 * Intl.Collator. The first Intl object a fresh Lambda creates pays ICU's start-up, about 10 ms,
 * which a registration page would otherwise spend only to name and sort the 194 Member States.
 * A unit test holds the file to Node's ICU (and to the UN package), so it fails when they change.
 * Codes that are not Member States (e.g. a stored territory) are still named through Intl.
 */
const NAMES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = stored.names;
const ORDER: Readonly<Record<Lang, readonly string[]>> = stored.order;

const MEMBER_SET: ReadonlySet<string> = new Set(ITU_MEMBER_STATES);

const normalise = (code: string): string => code.trim().toUpperCase();

/** True when `code` (any case, surrounding spaces ignored) is the alpha-2 code of an ITU Member State. */
export function isItuMemberState(code: string): boolean {
  return MEMBER_SET.has(normalise(code));
}

const displayNames = new Map<Lang, Intl.DisplayNames>();

/**
 * The country's name in `lang`: a Member State's from the stored names (the UN's in English,
 * CLDR's otherwise), any other region's CLDR name via Intl; the upper-cased code when there is none.
 */
export function countryName(code: string, lang: Lang): string {
  const region = normalise(code);
  const known = MEMBER_SET.has(region) ? NAMES[lang]?.[region] : undefined;
  if (known) return known;
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
    options = ORDER[lang].map((code) => ({ code, name: countryName(code, lang) }));
    optionsCache.set(lang, options);
  }
  return options.map((o) => ({ ...o }));
}
