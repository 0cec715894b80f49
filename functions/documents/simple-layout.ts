/**
 * The fast path of the PDF renderer's text layout (ARCHITECTURE "PDF"): runs of Latin, Cyrillic
 * and Greek letters, digits and common punctuation need no shaping beyond kerning, yet fontkit
 * runs its whole OpenType machinery (script detection, GSUB feature plan, GPOS lookups) for
 * each new word, which was most of a render's time. For such a run this gives the glyphs and
 * positions fontkit would give: the glyph of each character from the cmap, its advance, and the
 * pair adjustments of the font's `kern` feature (GPOS pair positioning, read from the tables
 * fontkit has parsed), all kept per font.
 *
 * A run takes the full path (fontkit) when any character is outside those scripts, is a
 * combining mark or a format character, has no glyph, or has a glyph that some other lookup
 * fontkit applies would touch: a contextual substitution or positioning, a mark attachment, a
 * ligature that the run's glyphs do form ("fi" in "office", not the "f" of "of" or "for").
 * Which glyphs those are is read from the font's GSUB and GPOS coverage tables once per font,
 * for every script fontkit may pick for such text; a font whose kerning differs between those
 * scripts gets no fast path at all.
 */

/** A glyph as fontkit hands it out (the parts used here). */
interface FontkitGlyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}

/** fontkit's parsed OpenType structures, as far as they are read here. */
interface Coverage {
  version: 1 | 2;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}
interface ClassDef {
  version: 1 | 2;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface ValueRecord {
  xAdvance?: number;
  yAdvance?: number;
  xPlacement?: number;
  yPlacement?: number;
}
interface LazyArray<T> {
  length: number;
  get(i: number): T;
  toArray(): T[];
}
interface SubTable {
  version?: number;
  lookupType?: number;
  extension?: SubTable;
  coverage?: Coverage;
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  inputCoverage?: Coverage[];
  coverages?: Coverage[];
  pairSets?: LazyArray<{ secondGlyph: number; value1: ValueRecord; value2: ValueRecord }[]>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: LazyArray<LazyArray<{ value1: ValueRecord; value2: ValueRecord }>>;
}
interface Lookup {
  lookupType: number;
  flags?: { markAttachmentType?: number; flags?: Record<string, boolean> };
  subTables: SubTable[] | LazyArray<SubTable>;
}
interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys?: { featureIndexes: number[] } } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: LazyArray<Lookup>;
}
export interface FontkitFont {
  unitsPerEm: number;
  numGlyphs: number;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  kern?: unknown;
  morx?: unknown;
  _cmapProcessor: { lookup(codePoint: number): number };
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  layout(text: string, features?: unknown, ...rest: unknown[]): unknown;
}

/** Scripts fontkit may select for a run of these characters (text of digits alone: DFLT or latn). */
const SCRIPTS = ['latn', 'cyrl', 'grek', 'DFLT'];
/** The substitution features fontkit's default shaper applies to left-to-right text (frac only next to U+2044). */
const GSUB_FEATURES = new Set(['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'calt', 'clig', 'liga', 'rclt']);
/**
 * The positioning features it applies that may act on simple text; `kern` pair adjustments are
 * computed here, anything else takes the full path. Not `mark` and `mkmk`: their lookups attach
 * a mark (a glyph of GDEF class 3), and simple text holds none; decoding their anchors for
 * every glyph would cost a cold start more than the fast path saves on the first document.
 */
const GPOS_FEATURES = new Set(['ltra', 'ltrm', 'curs', 'kern']);

/**
 * Characters the fast path may lay out: Basic Latin to Latin Extended-B, Greek and Coptic,
 * Cyrillic and its supplement, Latin Extended Additional, Greek Extended, general punctuation
 * (not its format characters), currency signs, letterlike symbols, the minus sign. Never combining marks
 * (U+0300–U+036F and the like), the fraction slash (fontkit's `frac`), tabs or controls.
 */
function simpleCharacter(c: number): boolean {
  if (c < 0x20) return false;
  if (c <= 0x7e) return true;
  if (c < 0xa0) return false;
  if (c <= 0x24f) return c !== 0xad; // soft hyphen: invisible, fontkit's ignorable handling
  if (c >= 0x370 && c <= 0x3ff) return c !== 0x37a && !(c >= 0x378 && c <= 0x379);
  if (c >= 0x400 && c <= 0x52f) return !(c >= 0x483 && c <= 0x489); // Cyrillic combining marks
  if (c >= 0x1e00 && c <= 0x1fff) return true;
  if (c >= 0x2010 && c <= 0x2027) return true;
  if (c >= 0x2030 && c <= 0x205e) return c !== 0x2044;
  if (c >= 0x20a0 && c <= 0x20cf) return true;
  if (c >= 0x2100 && c <= 0x214f) return true;
  return c === 0x2212; // the minus sign ("2021−2022")
}

const coverageIndex = (coverage: Coverage, glyph: number): number => {
  if (coverage.version === 1) return coverage.glyphs?.indexOf(glyph) ?? -1;
  for (const range of coverage.rangeRecords ?? [])
    if (range.start <= glyph && glyph <= range.end) return range.startCoverageIndex + glyph - range.start;
  return -1;
};

const classOf = (glyph: number, classDef: ClassDef | undefined): number => {
  if (!classDef) return 0;
  if (classDef.version === 1) {
    const i = glyph - (classDef.startGlyph ?? 0);
    const arr = classDef.classValueArray ?? [];
    return i >= 0 && i < arr.length ? (arr[i] as number) : 0;
  }
  for (const range of classDef.classRangeRecord ?? [])
    if (range.start <= glyph && glyph <= range.end) return range.class;
  return 0;
};

const coverageGlyphs = (coverage: Coverage | undefined, into: Set<number>): void => {
  if (!coverage) return;
  if (coverage.version === 1) for (const g of coverage.glyphs ?? []) into.add(g);
  else for (const r of coverage.rangeRecords ?? []) for (let g = r.start; g <= r.end; g++) into.add(g);
};

const subTablesOf = (lookup: Lookup): SubTable[] =>
  Array.isArray(lookup.subTables) ? lookup.subTables : (lookup.subTables as LazyArray<SubTable>).toArray();

/** A subtable with extension lookups (GSUB type 7, GPOS type 9) unwrapped. */
function unwrap(type: number, table: SubTable, extensionType: number): { type: number; table: SubTable } {
  if (type === extensionType && table.extension) return { type: table.lookupType ?? 0, table: table.extension };
  return { type, table };
}

/** The lookup indexes of `features` in the default language of each script in SCRIPTS the table has. */
function lookupsPerScript(table: LayoutTable, features: Set<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { tag, script } of table.scriptList) {
    if (!SCRIPTS.includes(tag)) continue;
    const indexes: number[] = [];
    for (const f of script.defaultLangSys?.featureIndexes ?? []) {
      const record = table.featureList[f];
      if (record && features.has(record.tag)) indexes.push(...record.feature.lookupListIndexes);
    }
    out.set(
      tag,
      [...new Set(indexes)].sort((a, b) => a - b),
    );
  }
  return out;
}

/**
 * A pair-positioning subtable: the xAdvance adjustment of `first` before `second`, or undefined
 * when the subtable does not apply (fontkit then tries the next one).
 */
interface KernTable {
  adjust(first: number, second: number): number | undefined;
}

/** A kern subtable as fontkit parsed it, read lazily (the pairs and classes of a glyph when first asked). */
function liveKernTable(table: SubTable): KernTable {
  return {
    adjust(first, second) {
      const index = table.coverage ? coverageIndex(table.coverage, first) : -1;
      if (index === -1) return undefined;
      if (table.version === 1) {
        const pair = table.pairSets?.get(index).find((p) => p.secondGlyph === second);
        return pair ? (pair.value1.xAdvance ?? 0) : undefined;
      }
      const record = table.classRecords?.get(classOf(first, table.classDef1)).get(classOf(second, table.classDef2));
      return record?.value1.xAdvance ?? 0;
    },
  };
}

/** One ligature lookup: per subtable, in order, its first glyphs with their ligatures in order. */
type LigatureLookup = Map<number, { glyph: number; components: number[] }[]>[];

/** What the fast path knows of one font; built on the font's first simple run. */
interface FontData {
  /** Glyphs that a substitution, or a positioning other than pair kerning, may touch. */
  unsafe: Set<number>;
  /** Glyphs that begin a ligature (of any lookup): a run holding none forms no ligature. */
  ligatureFirst: Set<number>;
  /** The ligature lookups fontkit applies, in its order (ligate). */
  ligatureLookups: LigatureLookup[];
  /**
   * Whether a ligature that forms is put in place here as fontkit would; false when the scripts
   * fontkit may pick apply different ligatures, a ligature glyph is touched by another lookup,
   * or kerning skips some glyphs: such a run then takes the full path.
   */
  substitutes: boolean;
  /** The glyphs simple text may hold (simpleGlyphs). */
  simple: Set<number>;
  /** The pair-positioning subtables of `kern`, per lookup in lookup order. */
  kernLookups: KernTable[][];
  /** Code point → the glyph fontkit gives it (undefined: not simple; full path). */
  glyphs: Map<number, FontkitGlyph | null>;
  /** Per first glyph id, per second glyph id: the xAdvance adjustment of the first, in font units (UNKNOWN: not yet looked up). */
  kerning: (Int16Array | undefined)[];
  /** The number of glyphs of the font (the length of each kerning row). */
  glyphCount: number;
}

const fontData = new WeakMap<object, FontData | null>();

/** The code point ranges simpleCharacter may accept, to list the glyphs simple text can hold. */
const SIMPLE_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x370, 0x52f],
  [0x1e00, 0x1fff],
  [0x2010, 0x205e],
  [0x20a0, 0x214f],
  [0x2212, 0x2212],
];

/** The glyphs simple text can hold: those of simple characters, not marks (GDEF class 3). */
function simpleGlyphs(font: FontkitFont): Set<number> {
  const gdef = (font as unknown as { GDEF?: { glyphClassDef?: ClassDef } }).GDEF;
  const out = new Set<number>();
  for (const [from, to] of SIMPLE_RANGES)
    for (let c = from; c <= to; c++) {
      if (!simpleCharacter(c)) continue;
      const id = font._cmapProcessor.lookup(c);
      if (id !== 0 && classOf(id, gdef?.glyphClassDef) !== 3) out.add(id);
    }
  return out;
}

const intersects = (coverage: Coverage | undefined, glyphs: Set<number>): boolean => {
  if (!coverage) return true;
  if (coverage.version === 1) return (coverage.glyphs ?? []).some((g) => glyphs.has(g));
  for (const r of coverage.rangeRecords ?? []) for (let g = r.start; g <= r.end; g++) if (glyphs.has(g)) return true;
  return false;
};

/**
 * The glyphs at which this subtable may act in text made of `simple` glyphs only. A ligature
 * acts only where all its components may follow; a chained context of coverages (format 3)
 * only where every coverage of its backtrack, input and look-ahead may be met: the ligatures
 * and contexts that need a combining mark (ccmp's "i + ◌̈ → dotless i") never act on simple
 * text. Any other subtable acts at every glyph of its coverage.
 */
function actingGlyphs(type: number, table: SubTable, simple: Set<number>, into: Set<number>): void {
  const t = table as SubTable & {
    ligatureSets?: LazyArray<{ glyph: number; components: number[] }[]>;
    backtrackCoverage?: Coverage[];
    lookaheadCoverage?: Coverage[];
  };
  const gsubLigature = type === 4 && t.ligatureSets !== undefined;
  if (gsubLigature && t.coverage) {
    const first = new Set<number>();
    coverageGlyphs(t.coverage, first);
    for (const g of first) {
      const index = coverageIndex(t.coverage, g);
      const set = t.ligatureSets?.get(index) ?? [];
      if (set.some((lig) => lig.components.every((c) => simple.has(c)))) into.add(g);
    }
    return;
  }
  if (table.version === 3 && (t.inputCoverage || t.coverages)) {
    const all = [
      ...(t.backtrackCoverage ?? []),
      ...(t.inputCoverage ?? t.coverages ?? []),
      ...(t.lookaheadCoverage ?? []),
    ];
    if (all.every((c) => intersects(c, simple))) coverageGlyphs(t.inputCoverage?.[0] ?? t.coverages?.[0], into);
    return;
  }
  coverageGlyphs(table.coverage, into);
  coverageGlyphs(table.markCoverage, into);
  coverageGlyphs(table.mark1Coverage, into);
  coverageGlyphs(table.inputCoverage?.[0], into);
  coverageGlyphs(table.coverages?.[0], into);
}

/**
 * True when a lookup matches its components glyph after glyph in simple text: it ignores
 * nothing, or marks only (simple text holds none). Skipping base glyphs or ligatures, a
 * ligature could form across other glyphs; such lookups count their first glyphs unsafe.
 */
function adjacentMatching(lookup: Lookup): boolean {
  const flags = lookup.flags?.flags ?? {};
  return !lookup.flags?.markAttachmentType && !flags.ignoreBaseGlyphs && !flags.ignoreLigatures;
}

/** A ligature subtable (GSUB type 4) as first glyph → its ligatures, in the font's order. */
function ligatureTable(table: SubTable): Map<number, { glyph: number; components: number[] }[]> {
  const t = table as SubTable & { ligatureSets?: LazyArray<{ glyph: number; components: number[] }[]> };
  const out = new Map<number, { glyph: number; components: number[] }[]>();
  if (!t.coverage || !t.ligatureSets) return out;
  const first = new Set<number>();
  coverageGlyphs(t.coverage, first);
  for (const g of first) out.set(g, t.ligatureSets.get(coverageIndex(t.coverage, g)) ?? []);
  return out;
}

/**
 * The run after the font's ligature lookups, as fontkit's GSUB processing leaves it (each lookup
 * over the whole run in turn; at each glyph, the first subtable that covers it and whose ligature
 * follows replaces the glyph and its components by the ligature glyph, holding all their
 * characters); undefined when no ligature forms, null when one forms that is not reproduced here.
 */
function ligate(font: FontkitFont, data: FontData, glyphs: FontkitGlyph[]): FontkitGlyph[] | null | undefined {
  if (!glyphs.some((g) => data.ligatureFirst.has(g.id))) return undefined;
  let run = glyphs;
  let formed = false;
  for (const lookup of data.ligatureLookups) {
    const next: FontkitGlyph[] = [];
    for (let i = 0; i < run.length; ) {
      const glyph = run[i] as FontkitGlyph;
      let ligature: { glyph: number; components: number[] } | undefined;
      for (const table of lookup) {
        ligature = table
          .get(glyph.id)
          ?.find(
            (l) =>
              i + l.components.length < run.length &&
              l.components.every((c, k) => (run[i + 1 + k] as FontkitGlyph).id === c),
          );
        if (ligature) break;
      }
      if (!ligature) {
        next.push(glyph);
        i++;
        continue;
      }
      if (!data.substitutes) return null;
      formed = true;
      const parts = run.slice(i, i + 1 + ligature.components.length);
      next.push(
        font.getGlyph(
          ligature.glyph,
          parts.flatMap((part) => part.codePoints),
        ),
      );
      i += parts.length;
    }
    run = next;
  }
  return formed ? run : undefined;
}

/**
 * What analyse reads: the fast path's data, and what a digest of it needs besides (fontDigest):
 * the glyphs simple text and the ligatures it forms may hold (all kerning is ever asked about),
 * and the kern subtables as fontkit parsed them.
 */
interface Analysis {
  data: FontData;
  reachable: Set<number>;
  kernTables: SubTable[][];
}

/** Reads the font's tables once; null when the fast path cannot reproduce fontkit for this font. */
function analyse(font: FontkitFont): Analysis | null {
  if (font.morx || (font.kern && !font.GPOS)) return null; // AAT or legacy `kern` table: not handled here
  const simple = simpleGlyphs(font);
  const unsafe = new Set<number>();
  const ligatureFirst = new Set<number>();
  const ligatureLookups: LigatureLookup[] = [];
  const ligatureGlyphs = new Set<number>();
  let substitutes = true;
  const gsub = font.GSUB;
  const others: { type: number; table: SubTable }[] = [];
  // what other lookups may touch: text of simple glyphs and the ligatures they form
  const reachable = new Set(simple);
  if (gsub) {
    const perScript = lookupsPerScript(gsub, GSUB_FEATURES);
    const all = new Set<number>();
    for (const list of perScript.values()) for (const i of list) all.add(i);
    const candidates: { index: number; tables: LigatureLookup }[] = [];
    for (const index of [...all].sort((a, b) => a - b)) {
      const lookup = gsub.lookupList.get(index);
      const tables = subTablesOf(lookup).map((raw) => unwrap(lookup.lookupType, raw, 7));
      if (tables.every(({ type }) => type === 4) && adjacentMatching(lookup))
        candidates.push({ index, tables: tables.map(({ table }) => ligatureTable(table)) });
      else others.push(...tables);
    }
    // the ligatures simple text can form, and those that these can form in turn
    const forms = (first: number, components: number[]) =>
      reachable.has(first) && components.every((c) => reachable.has(c));
    for (let grew = true; grew; ) {
      grew = false;
      for (const { tables } of candidates)
        for (const table of tables)
          for (const [first, list] of table)
            for (const l of list)
              if (!reachable.has(l.glyph) && forms(first, l.components)) {
                reachable.add(l.glyph);
                grew = true;
              }
    }
    const relevant: number[] = [];
    for (const { index, tables } of candidates) {
      const kept = tables.map(
        (table) =>
          new Map(
            [...table]
              .map(([first, list]) => [first, list.filter((l) => forms(first, l.components))] as const)
              .filter(([, list]) => list.length > 0),
          ),
      );
      if (kept.every((table) => table.size === 0)) continue; // never forms in such text
      for (const table of kept)
        for (const [first, list] of table) {
          ligatureFirst.add(first);
          for (const l of list) ligatureGlyphs.add(l.glyph);
        }
      ligatureLookups.push(kept);
      relevant.push(index);
    }
    // every script fontkit may pick must apply the same of them for a run to be ligated here
    for (const list of perScript.values())
      if (list.filter((i) => relevant.includes(i)).join(',') !== relevant.join(',')) substitutes = false;
  }
  for (const { type, table } of others) actingGlyphs(type, table, reachable, unsafe);
  const kernLookups: SubTable[][] = [];
  const liveKern: KernTable[][] = [];
  const gpos = font.GPOS;
  if (gpos) {
    const perScript = lookupsPerScript(gpos, GPOS_FEATURES);
    const kernPerScript = lookupsPerScript(gpos, new Set(['kern']));
    const lists = [...kernPerScript.values()].map((l) => l.join(','));
    if (new Set(lists).size > 1) return null; // the scripts kern differently: fontkit's script choice would matter
    const kern = new Set(kernPerScript.values().next().value ?? []);
    const all = new Set<number>();
    for (const list of perScript.values()) for (const i of list) all.add(i);
    for (const i of [...all].sort((a, b) => a - b)) {
      const lookup = gpos.lookupList.get(i);
      const pairs: SubTable[] = [];
      for (const raw of subTablesOf(lookup)) {
        const { type, table } = unwrap(lookup.lookupType, raw, 9);
        if (type === 2 && kern.has(i)) pairs.push(table);
        else if (type !== 4 && type !== 5 && type !== 6) actingGlyphs(type, table, reachable, unsafe);
        // mark attachment (4–6) acts at a mark, and simple text holds none
      }
      if (pairs.length > 0) {
        kernLookups.push(pairs);
        liveKern.push(pairs.map(liveKernTable));
        // kerning that skips ligatures or base glyphs would pair a ligature with another neighbour
        if (!adjacentMatching(lookup)) substitutes = false;
      }
    }
  }
  for (const glyph of ligatureGlyphs) if (unsafe.has(glyph)) substitutes = false;
  if (!advancesOnly(kernLookups)) return null;
  const data: FontData = {
    unsafe,
    simple,
    ligatureFirst,
    ligatureLookups,
    substitutes,
    kernLookups: liveKern,
    glyphs: new Map(),
    kerning: [],
    glyphCount: font.numGlyphs,
  };
  return { data, reachable, kernTables: kernLookups };
}

/** Marks a kerning pair not yet looked up (no kern value is that large). */
const UNKNOWN = 0x7fff;

/** The xAdvance adjustment of `first` before `second`, as fontkit's GPOS pair positioning gives it. */
function pairAdjustment(data: FontData, first: number, second: number): number {
  let row = data.kerning[first];
  if (!row) {
    row = new Int16Array(data.glyphCount).fill(UNKNOWN);
    data.kerning[first] = row;
  }
  const known = row[second] as number;
  if (known !== UNKNOWN) return known;
  let x = 0;
  for (const tables of data.kernLookups) {
    // the first subtable that applies wins (fontkit, like the spec, stops there)
    for (const table of tables) {
      const adjustment = table.adjust(first, second);
      if (adjustment === undefined) continue;
      x += adjustment;
      break;
    }
  }
  // a value outside int16 (never in a real kern table) is not kept
  if (x > -32768 && x < UNKNOWN) row[second] = x;
  return x;
}

/**
 * Pair adjustments that move anything but the first glyph's advance (a placement, a vertical
 * move, a value for the second glyph) are not reproduced: such a font gets no fast path. Checked
 * lazily per pair would cost more than this one scan of the kern subtables' value formats.
 */
function advancesOnly(kernLookups: SubTable[][]): boolean {
  for (const subTables of kernLookups)
    for (const table of subTables) {
      const t = table as SubTable & { valueFormat1?: Record<string, boolean>; valueFormat2?: Record<string, boolean> };
      const f1 = t.valueFormat1 ?? {};
      const f2 = t.valueFormat2 ?? {};
      if (Object.entries(f2).some(([, on]) => on)) return false;
      if (Object.entries(f1).some(([k, on]) => on && k !== 'xAdvance')) return false;
    }
  return true;
}

/** A glyph position in font units, as fontkit's GlyphPosition. */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A laid-out run shaped like fontkit's GlyphRun for pdfkit: its width follows the positions (pdfkit scales them in place). */
class SimpleRun {
  readonly glyphs: FontkitGlyph[];
  readonly positions: GlyphPosition[];
  constructor(glyphs: FontkitGlyph[], positions: GlyphPosition[]) {
    this.glyphs = glyphs;
    this.positions = positions;
  }
  get advanceWidth(): number {
    let width = 0;
    for (const p of this.positions) width += p.xAdvance;
    return width;
  }
}

let enabled = true;
/** Runs laid out by the fast path and runs handed to fontkit, since the process started. */
const counts = { simple: 0, shaped: 0 };

/** How many runs took each path (the tests check that documents do take the fast path). */
export const simpleLayoutCounts = (): { simple: number; shaped: number } => ({ ...counts });

/** Turns the fast path on or off for the whole process (the benchmark compares both). */
export function setSimpleLayout(on: boolean): void {
  enabled = on;
}

export const simpleLayoutEnabled = (): boolean => enabled;

/**
 * What the fast path reads from a font's GSUB and GPOS tables, as plain data: made at build time
 * from the shipped fonts (infra/tools/font-digests.ts, beside the fonts) and read at a cold start
 * instead of the tables (31–35 ms for the two Noto Sans weights, and the kern subtables parsed
 * as pairs are first met). Kerning is kept for the glyphs simple text and its ligatures may
 * hold; null: the font gets no fast path.
 */
export interface FontDigest {
  glyphCount: number;
  simple: number[];
  unsafe: number[];
  ligatureFirst: number[];
  /** Per lookup, per subtable: [first glyph, [ligature glyph, its other components][]][]. */
  ligatureLookups: [number, [number, number[]][]][][][];
  substitutes: boolean;
  /** Per kern lookup, its pair-positioning subtables. */
  kern: KernDigest[][];
}

/** Format 1: [first, [second, xAdvance][]][]; format 2: covered firsts, classes, the class matrix. */
type KernDigest =
  | { format: 1; pairs: [number, [number, number][]][] }
  | {
      format: 2;
      covered: number[];
      class1: [number, number][];
      class2: [number, number][];
      class2Count: number;
      values: number[];
    };

/** The digest of a font (null: no fast path for it). Reads every kern pair of the glyphs simple text may hold. */
export function fontDigest(font: FontkitFont): FontDigest | null {
  const analysis = analyse(font);
  if (!analysis) return null;
  const { data, kernTables } = analysis;
  const reachable = [...analysis.reachable].sort((a, b) => a - b);
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  const kern = kernTables.map((tables) =>
    tables.map((table): KernDigest => {
      const covered = reachable.filter((g) => table.coverage && coverageIndex(table.coverage, g) !== -1);
      if (table.version === 1) {
        const pairs: [number, [number, number][]][] = [];
        for (const first of covered) {
          const seen = new Set<number>();
          const list: [number, number][] = [];
          for (const p of table.pairSets?.get(coverageIndex(table.coverage as Coverage, first)) ?? [])
            if (analysis.reachable.has(p.secondGlyph) && !seen.has(p.secondGlyph)) {
              seen.add(p.secondGlyph);
              list.push([p.secondGlyph, p.value1.xAdvance ?? 0]);
            }
          pairs.push([first, list]);
        }
        return { format: 1, pairs };
      }
      const classes = (classDef: ClassDef | undefined) =>
        reachable.map((g): [number, number] => [g, classOf(g, classDef)]).filter(([, c]) => c !== 0);
      const t = table as SubTable & { class1Count?: number; class2Count?: number };
      const class1Count = t.class1Count ?? 0;
      const class2Count = t.class2Count ?? 0;
      const values: number[] = [];
      for (let c1 = 0; c1 < class1Count; c1++)
        for (let c2 = 0; c2 < class2Count; c2++) values.push(table.classRecords?.get(c1).get(c2)?.value1.xAdvance ?? 0);
      return {
        format: 2,
        covered,
        class1: classes(table.classDef1),
        class2: classes(table.classDef2),
        class2Count,
        values,
      };
    }),
  );
  return {
    glyphCount: data.glyphCount,
    simple: sorted(data.simple),
    unsafe: sorted(data.unsafe),
    ligatureFirst: sorted(data.ligatureFirst),
    ligatureLookups: data.ligatureLookups.map((lookup) =>
      lookup.map((table) =>
        [...table].map(([first, list]): [number, [number, number[]][]] => [
          first,
          list.map((l): [number, number[]] => [l.glyph, l.components]),
        ]),
      ),
    ),
    substitutes: data.substitutes,
    kern,
  };
}

/** A kern subtable from its digest: the same answers as liveKernTable for the glyphs the digest keeps. */
function digestKernTable(table: KernDigest): KernTable {
  if (table.format === 1) {
    const pairs = new Map(table.pairs.map(([first, list]) => [first, new Map(list)]));
    return { adjust: (first, second) => pairs.get(first)?.get(second) };
  }
  const covered = new Set(table.covered);
  const class1 = new Map(table.class1);
  const class2 = new Map(table.class2);
  return {
    adjust(first, second) {
      if (!covered.has(first)) return undefined;
      return table.values[(class1.get(first) ?? 0) * table.class2Count + (class2.get(second) ?? 0)] ?? 0;
    },
  };
}

function fromDigest(digest: FontDigest): FontData {
  return {
    simple: new Set(digest.simple),
    unsafe: new Set(digest.unsafe),
    ligatureFirst: new Set(digest.ligatureFirst),
    ligatureLookups: digest.ligatureLookups.map((lookup) =>
      lookup.map(
        (table) =>
          new Map(table.map(([first, list]) => [first, list.map(([glyph, components]) => ({ glyph, components }))])),
      ),
    ),
    substitutes: digest.substitutes,
    kernLookups: digest.kern.map((tables) => tables.map(digestKernTable)),
    glyphs: new Map(),
    kerning: [],
    glyphCount: digest.glyphCount,
  };
}

/** Digests given for fonts (useSimpleLayout); a font without one is read from its tables. */
const digests = new WeakMap<object, FontDigest | null>();

function dataFor(font: FontkitFont): FontData | null {
  let data = fontData.get(font);
  if (data === undefined) {
    const digest = digests.get(font);
    data = digest === undefined ? (analyse(font)?.data ?? null) : digest === null ? null : fromDigest(digest);
    fontData.set(font, data);
  }
  return data;
}

/** The glyph fontkit gives a simple code point, or null (full path). */
function glyphOf(font: FontkitFont, data: FontData, c: number): FontkitGlyph | null {
  let glyph = data.glyphs.get(c);
  if (glyph === undefined) {
    glyph = null;
    if (simpleCharacter(c)) {
      const id = font._cmapProcessor.lookup(c);
      if (data.simple.has(id) && !data.unsafe.has(id)) glyph = font.getGlyph(id, [c]);
    }
    data.glyphs.set(c, glyph);
  }
  return glyph;
}

/**
 * The run fontkit's `layout(text)` would give for `text` in `font`, without shaping; undefined
 * when the text needs the full path (or the fast path is off).
 */
export function simpleLayout(font: FontkitFont, text: string): SimpleRun | undefined {
  if (!enabled || text.length === 0) return undefined;
  const data = dataFor(font);
  if (!data) return undefined;
  let glyphs: FontkitGlyph[] = new Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const glyph = glyphOf(font, data, text.charCodeAt(i));
    if (!glyph) return undefined;
    glyphs[i] = glyph;
  }
  const ligated = ligate(font, data, glyphs);
  if (ligated === null) return undefined;
  if (ligated) glyphs = ligated;
  const n = glyphs.length;
  const positions: GlyphPosition[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const glyph = glyphs[i] as FontkitGlyph;
    let x = glyph.advanceWidth;
    if (i + 1 < n) x += pairAdjustment(data, glyph.id, (glyphs[i + 1] as FontkitGlyph).id);
    positions[i] = { xAdvance: x, yAdvance: 0, xOffset: 0, yOffset: 0 };
  }
  return new SimpleRun(glyphs, positions);
}

/**
 * The width pdfkit's `doc.widthOfString(text)` gives at `size` points (no features, no character
 * spacing, 100 % horizontal scaling), without laying the text out: pdfkit lays out each word
 * with its trailing space or tab on its own (no kerning across words) and sums the words'
 * advances scaled to thousandths of the size; the same sums in the same order give the same
 * number to the last bit, so line breaking does not change. Undefined when a word needs the
 * full path (or the fast path is off).
 */
export function simpleTextWidth(font: FontkitFont, text: string, size: number): number | undefined {
  if (!enabled || text.length === 0) return undefined;
  const data = dataFor(font);
  if (!data) return undefined;
  const scale = 1000 / font.unitsPerEm;
  const n = text.length;
  const glyphs: FontkitGlyph[] = new Array(n);
  let total = 0;
  let mayLigate = false;
  for (let i = 0, start = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const glyph = glyphOf(font, data, c);
    if (!glyph) return undefined;
    glyphs[i] = glyph;
    if (data.ligatureFirst.has(glyph.id)) mayLigate = true;
    if (c === 0x20 || c === 0x09 || i === n - 1) {
      // each word with its trailing space apart, as pdfkit lays them out
      const ligated = mayLigate ? ligate(font, data, glyphs.slice(start, i + 1)) : undefined;
      mayLigate = false;
      if (ligated === null) return undefined;
      total += ligated
        ? wordWidth(data, ligated, 0, ligated.length, scale)
        : wordWidth(data, glyphs, start, i + 1, scale);
      start = i + 1;
    }
  }
  return ((total * (size / 1000) + 0 * (n - 1)) * 100) / 100;
}

/** The advance of glyphs[from, to) in thousandths of the size, summed in pdfkit's order (each glyph kerned with the next). */
function wordWidth(data: FontData, glyphs: readonly FontkitGlyph[], from: number, to: number, scale: number): number {
  let width = 0;
  for (let k = from; k + 1 < to; k++) {
    const glyph = glyphs[k] as FontkitGlyph;
    width += (glyph.advanceWidth + pairAdjustment(data, glyph.id, (glyphs[k + 1] as FontkitGlyph).id)) * scale;
  }
  return width + (glyphs[to - 1] as FontkitGlyph).advanceWidth * scale;
}

/**
 * Makes `font.layout(text)` take the fast path for simple text; text with OpenType features
 * asked for (right-to-left runs) or that needs shaping goes to fontkit as before. With the
 * font's digest (fontDigest), its tables are not read for it.
 */
export function useSimpleLayout(font: FontkitFont, digest?: FontDigest | null): void {
  if (digest !== undefined) digests.set(font, digest);
  const layout = font.layout;
  font.layout = function layoutSimpleFirst(this: FontkitFont, text: string, features?: unknown, ...rest: unknown[]) {
    const plain = features === undefined || (Array.isArray(features) && features.length === 0);
    const run = plain && rest.length === 0 ? simpleLayout(this, text) : undefined;
    if (run) {
      counts.simple++;
      return run;
    }
    counts.shaped++;
    return layout.call(this, text, features, ...rest);
  };
}

/**
 * Lays the given texts out once per font (and word), so that their glyphs and kerning pairs are
 * known before the first document: the fixed text of the templates, at start-up.
 */
export function warmSimpleLayout(font: FontkitFont, texts: readonly string[]): void {
  for (const text of texts) for (const word of text.split(/(?<=[ \t])/)) simpleLayout(font, word);
}
