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
