/** The six official ITU languages (DOMAIN §3): circulars, pages and emails are produced in each. */
export const LANGUAGES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;

export type Lang = (typeof LANGUAGES)[number];

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

export const DEFAULT_LANG: Lang = 'en';

/** Text direction for the `dir` attribute: Arabic is right-to-left. */
export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

/** Each language's name in that language, for a language switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  ar: 'العربية',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '中文',
};

/**
 * The reader's language: an explicit choice (`?lang=`, carried on every internal link, or a
 * form's `lang` field) first, then the browser's `Accept-Language` in its order of
 * preference (q-values honoured), then English.
 */
export function preferredLang(chosen: unknown, acceptLanguage: string | undefined): Lang {
  if (isLang(chosen)) return chosen;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { code: range.trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked.find((entry) => isLang(entry.code))?.code as Lang | undefined) ?? DEFAULT_LANG;
}
