import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../errors.ts';
import type { Lang } from '../i18n/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import type { Circular } from './circular.ts';
import { issuingBody, referenceOf } from './issuing-bodies.ts';

/**
 * How a circular phrases things in each language: templates/documents/circular/defaults.json
 * (ordinals, formats, zone names, the subject of a meeting circular, "DRAFT", the revision
 * note), editable without code. What depends on the issuing body (letterhead, signatory,
 * addressees…) is in templates/issuing-bodies/.
 */
export interface LanguageDefaults {
  subject: string;
  ordinals: string[];
  ordinalFallback: string;
  formats: Record<string, string>;
  formatPhrases: Record<string, string>;
  zoneNames: Record<string, string>;
  languagesOnly: string;
  languagesMany: string;
  time: string;
  languageNames?: Record<string, string>;
  draft: string;
  revisionNote: string;
  /** Before the link to the public PDF at the end of the emailed circular. */
  pdfLink: string;
}

let defaultsCache: Partial<Record<Lang, LanguageDefaults>> | undefined;

export function defaultsFor(lang: Lang): LanguageDefaults {
  defaultsCache ??= JSON.parse(
    readFileSync(join(templatesDir(), 'documents', 'circular', 'defaults.json'), 'utf8'),
  ) as Partial<Record<Lang, LanguageDefaults>>;
  const found = defaultsCache[lang];
  if (!found)
    throw new ValidationError(`Circulars cannot be made in ${lang} yet.`, {
      languages: `No defaults for "${lang}" in templates/documents/circular/defaults.json.`,
    });
  return found;
}

/** A circular's reference in one language: "TSB Circular 352", "Циркуляр 352 БСЭ"; drafts say DRAFT. */
export function circularReferenceIn(circular: Circular, lang: Lang): string {
  const body = issuingBody(circular.bureau);
  const language = body.languages[lang] ? lang : 'en';
  const draft = defaultsFor(language).draft;
  return circular.corrects
    ? referenceOf(
        body,
        language,
        { number: circular.corrects.number, revision: circular.revision ?? (draft as unknown as number), ...circular },
        draft,
      )
    : referenceOf(body, language, circular, draft);
}
