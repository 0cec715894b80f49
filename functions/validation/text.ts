/**
 * Characters that have no place in what people type into a single-line field (names,
 * identifiers, addresses, subjects) and that hostile input uses to break out of a header, a
 * CSV row or a template, or to disguise text:
 *
 * - C0 and C1 control characters and DEL (tab, line feed and carriage return are allowed in
 *   multi-line fields only), and the Unicode line and paragraph separators;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
 *   reorder how the rest of a line is shown ("Trojan Source");
 * - lone surrogates (not text at all: no encoder can write them) and the non-characters
 *   U+FFFE and U+FFFF.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const NON_CHARACTERS = /[\ufffe\uffff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string is well-formed UTF-16 (no lone surrogate), as `String.prototype.isWellFormed`. */
export const isWellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

export type UnsafeTextReason = 'controlCharacters' | 'bidiControls' | 'invalidUnicode';

/** Why a value is refused, or undefined when it is fine. */
export function unsafeText(value: string, options: { multiline?: boolean } = {}): UnsafeTextReason | undefined {
  if (!isWellFormed(value) || NON_CHARACTERS.test(value)) return 'invalidUnicode';
  if ((options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return 'controlCharacters';
  if (BIDI_CONTROLS.test(value)) return 'bidiControls';
  return undefined;
}

export const isSafeLine = (value: string): boolean => unsafeText(value) === undefined;

export const isSafeText = (value: string): boolean => unsafeText(value, { multiline: true }) === undefined;

/** What to tell a person whose value was refused, in English. */
export const UNSAFE_TEXT_MESSAGES: Record<UnsafeTextReason, string> = {
  controlCharacters: 'Remove line breaks and control characters.',
  bidiControls: 'Remove the invisible text-direction characters (U+202A–U+202E, U+2066–U+2069).',
  invalidUnicode: 'The text is not valid Unicode (a lone surrogate or a non-character).',
};

/**
 * Characters the renderers use as their own markers (the email renderer's `\u0000`): stripped
 * from every value before it enters a template, so no value can forge a button or a block.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the markers are control characters
const MARKERS = /\u0000/g;

export const stripMarkers = (value: string): string => value.replace(MARKERS, '');

/** The same, through nested objects and arrays (other values are kept as they are). */
export function stripMarkersDeep<T>(value: T): T {
  if (typeof value === 'string') return stripMarkers(value) as T;
  if (Array.isArray(value)) return value.map(stripMarkersDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stripMarkersDeep(inner)])) as T;
  }
  return value;
}
