import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../templates-dir.ts';
import { DEFAULT_LANG, type Lang } from './languages.ts';

/**
 * The words of pages and validation messages, one file per language in templates/i18n/
 * (editable without touching code). A key missing in a language falls back to English; a
 * key missing in English is a programming error and throws, naming the key.
 */
type Catalogue = Map<string, string>;
const catalogues = new Map<Lang, Catalogue>();

function flatten(prefix: string, value: unknown, into: Catalogue): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, inner, into);
  }
}

function catalogue(lang: Lang): Catalogue {
  let found = catalogues.get(lang);
  if (!found) {
    found = new Map();
    flatten('', JSON.parse(readFileSync(join(templatesDir(), 'i18n', `${lang}.json`), 'utf8')), found);
    catalogues.set(lang, found);
  }
  return found;
}

export type MessageParams = Record<string, string | number>;

export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  const text = catalogue(lang).get(key) ?? catalogue(DEFAULT_LANG).get(key);
  if (text === undefined) throw new Error(`No message "${key}" in templates/i18n/${DEFAULT_LANG}.json`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Every key of a language's catalogue (for the completeness test). */
export function messageKeys(lang: Lang): string[] {
  return [...catalogue(lang).keys()];
}
