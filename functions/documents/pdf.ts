import PDFDocument from 'pdfkit';
import { embeddingLevels, fragmentForFontkit, hasRtl, mirrorOf, popplerOrder, reorderLine } from './bidi.ts';
import {
  type FontKey,
  fontDrawing,
  fontFor,
  isCjk,
  type LoadedFont,
  loadFont,
  type Script,
  scriptOf,
} from './fonts.ts';
import type { Block, DocumentModel, Run } from './model.ts';
import { type FontkitFont, simpleTextWidth } from './simple-layout.ts';

/**
 * The PDF renderer: lays a DocumentModel out like an ITU circular (DOMAIN §3) with pdfkit.
 *
 * Text is laid out here rather than by pdfkit's line wrapper, because one line may mix scripts
 * (each with its own font), bold and links, Chinese must break between characters, and Arabic
 * must be reordered per line after line breaking (bidi.ts). Each block becomes a list of
 * vertical units (a line, a table row, a chart) that a small paginator places, keeping
 * headings, labels and the first two lines of a paragraph together at a page foot.
 */

type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 20 * MM;
const LEFT = MARGIN;
const RIGHT = PAGE_W - MARGIN;
const TOP = MARGIN;
const BOTTOM = PAGE_H - MARGIN;
const BODY = 10.5;
const SMALL = 8.5;
const NUMBER_COL = 9 * MM;
const BULLET_COL = 6 * MM;
const BLUE = '#1f4e79';
const LINK = '#0645ad';
const TEXT = '#000000';
const GREY = '#555555';
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

export interface RenderPdfOptions {
  /** Written as CreationDate; with a fixed date the document ID is stable too. Default: now. */
  date?: Date;
}

// ---------------------------------------------------------------------------------------------
// Inline text layout

interface Style {
  size: number;
  bold?: boolean;
  link?: string;
  color?: string;
}

interface Span {
  text: string;
  style: Style;
}

interface Frag {
  text: string;
  font: FontKey;
  style: Style;
  level: number;
  width: number;
  /** Position in the line's logical order (frags are kept in visual order). */
  seq?: number;
}

interface Line {
  frags: Frag[];
  width: number;
  ascent: number;
  height: number;
}

interface Ctx {
  doc: Doc;
  rtl: boolean;
  primary: Script;
  /** Shared by copies of the context (`{ ...ctx, rtl: false }`): the document's font state. */
  fonts: { registered: Set<FontKey>; current?: FontKey };
}

/** Word layouts shared by the documents of this process, per font (pdfkit keeps them per document). */
const layoutCaches = new Map<FontKey, Record<string, unknown>>();
const LAYOUT_CACHE_MAX = 20_000;
/** How many documents have used each font's word layouts (their size is checked now and then). */
const layoutCacheUses = new Map<FontKey, number>();

/** A shaped run as pdfkit's EmbeddedFont gives it (positions already scaled). */
interface ShapedRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface ShapingFont {
  layout(text: string, features?: unknown, onlyWidth?: boolean): ShapedRun;
}
/** Runs shaped with OpenType features, shared by the documents of this process, per font. */
const shapedCaches = new Map<FontKey, Map<string, ShapedRun>>();

/**
 * pdfkit caches word layouts only for text shaped without features, and per document; a
 * right-to-left run (shaped as one, with `rtla`) is shaped anew each time it is measured and
 * again when drawn, and so are the KPI names, units and labels that repeat on every row. Here
 * such runs are kept per font across documents. Callers never change a run's glyphs or
 * positions (pdfkit copies a position before adding word spacing).
 */
function cacheShapedRuns(font: ShapingFont, key: FontKey): void {
  let cache = shapedCaches.get(key);
  if (!cache || cache.size > LAYOUT_CACHE_MAX) {
    cache = new Map();
    shapedCaches.set(key, cache);
  }
  const shaped = cache;
  const layout = font.layout;
  font.layout = function cachedLayout(this: ShapingFont, text, features, onlyWidth) {
    if (!Array.isArray(features) || features.length === 0) return layout.call(this, text, features, onlyWidth);
    const id = `${features.join(',')}\u0000${text}`;
    let run = shaped.get(id);
    if (!run) {
      const fresh = layout.call(this, text, features);
      run = { glyphs: fresh.glyphs, positions: fresh.positions, advanceWidth: fresh.advanceWidth };
      shaped.set(id, run);
    }
    return run;
  };
}

/**
 * Selects a font (registered on first use in this document). Fonts are registered under their
 * PostScript name: pdfkit keys the constructor's default font by that name, and a different
 * alias for the same font would make every `doc.font()` call open and compare it again.
 */
function useFont(ctx: Ctx, key: FontKey, size: number): LoadedFont {
  const font = loadFont(key);
  const name = font.postscriptName;
  const doc = ctx.doc as Doc & { _font: { layoutCache?: Record<string, unknown> } };
  if (!ctx.fonts.registered.has(key)) {
    doc.registerFont(name, font as unknown as string);
    doc.font(name);
    let cache = layoutCaches.get(key);
    // counting a full cache's 20,000 keys took ~2 ms of every document: counted every 32nd use
    const uses = (layoutCacheUses.get(key) ?? 0) + 1;
    layoutCacheUses.set(key, uses);
    if (!cache || (uses % 32 === 0 && Object.keys(cache).length > LAYOUT_CACHE_MAX)) {
      cache = Object.create(null) as Record<string, unknown>;
      layoutCaches.set(key, cache);
    }
    if (doc._font.layoutCache) doc._font.layoutCache = cache;
    ownCharacterCodes(doc._font as unknown as EmbeddedFont);
    cacheShapedRuns(doc._font as unknown as ShapingFont, key);
    ctx.fonts.registered.add(key);
  }
  if (ctx.fonts.current !== key) {
    doc.font(name);
    ctx.fonts.current = key;
  }
  doc.fontSize(size);
  return font;
}

/** A glyph as fontkit lays it out (the parts used here). */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
  isMark: boolean;
  path: { commands: { command: string; args: number[] }[] };
}
/** A glyph's position in a run, in thousandths of the font size (pdfkit scales fontkit's). */
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** The parts of pdfkit's EmbeddedFont (one per font and document) that character codes touch. */
interface EmbeddedFont {
  font: { unitsPerEm: number };
  layout(text: string, features?: unknown): { glyphs: Glyph[]; positions: Position[] };
  encode(text: string, features?: unknown): [string[], Position[]];
  subset: { glyphs: number[]; mapping: Record<number, number>; includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}

/**
 * How the glyphs being drawn map back to text, set around the drawing of each fragment.
 * `rtl`: a right-to-left fragment, whose glyphs come in visual order and whose brackets were
 * mirrored for shaping: a glyph's text is its unmirrored characters. `reverse`: it holds
 * right-to-left letters, which pdf.js reverses character by character: a glyph's text is in
 * visual order too (neutrals alone pdf.js leaves as they are). `space`: the fragment follows a space in
 * logical order but is drawn to the left of the text before it; pdf.js drops spaces at such a
 * jump, so its first character carries one.
 */
let glyphText: { rtl: boolean; reverse: boolean; space: boolean } = { rtl: false, reverse: false, space: false };

/** Where the last fragment was drawn: pdf.js reads a jump to the left of it as no space. */
let lastDrawn: { page: unknown; baseline: number; x: number } | undefined;

/** Glyphs that stand for no text (see ownCharacterCodes), collected while a fragment is encoded. */
let textless: { glyph: Glyph; x: number; y: number; unitsPerEm: number }[] = [];

/**
 * Gives every (glyph, text) pair its own character code in the embedded font, so that the
 * ToUnicode map says what each drawn glyph stands for. pdfkit maps a glyph to the text of its
 * first use, which fails for glyphs shared by several characters: Noto Naskh Arabic draws
 * ب ت ث ن ي with one dotless skeleton, a bracket is drawn mirrored in right-to-left text, a
 * space glyph stands for U+0020 and U+00A0. A glyph used for two texts is included twice in the
 * subset (a few bytes each).
 *
 * Glyphs that stand for no text (the dots Naskh adds to a skeleton: zero-advance marks without
 * code points) are left out of the text and drawn as outlines after it (`drawTextless`):
 * a character code must map to some text, and pdf.js shows an unmapped one as its code.
 * Extraction then works from the font alone: pdf.js ignores ActualText, poppler reads both.
 */
function ownCharacterCodes(font: EmbeddedFont): void {
  const codes = new Map<string, number>();
  font.encode = function encode(this: EmbeddedFont, text, features) {
    const { glyphs, positions } = this.layout(text, features);
    const res: string[] = [];
    const kept: Position[] = [];
    const { rtl, reverse, space } = glyphText;
    let pen = 0;
    // the glyph of the first character in logical order that is not a space
    let first = -1;
    if (space) {
      const isText = (g: Glyph) => g.codePoints.some((c) => c !== 0x20 && c !== 0xa0);
      if (rtl) {
        for (let i = glyphs.length - 1; i >= 0 && first < 0; i--) if (isText(glyphs[i] as Glyph)) first = i;
      } else first = glyphs.findIndex(isText);
    }
    // right to left, a mark comes before its base: its characters go with the base's
    let marks: number[] = [];
    glyphs.forEach((glyph, i) => {
      const pos = positions[i] as Position;
      const zeroWidth = pos.xAdvance === 0;
      const markOfNext = rtl && zeroWidth && glyph.isMark && i + 1 < glyphs.length;
      if ((glyph.codePoints.length === 0 && zeroWidth) || markOfNext) {
        textless.push({ glyph, x: pen + pos.xOffset, y: pos.yOffset, unitsPerEm: this.font.unitsPerEm });
        if (markOfNext) marks = [...glyph.codePoints, ...marks];
        if (i === first) first++;
        return;
      }
      pen += pos.xAdvance;
      let cps = rtl ? [...glyph.codePoints, ...marks].map(mirrorOf) : glyph.codePoints;
      marks = [];
      if (i === first) cps = [0x20, ...cps];
      if (reverse) cps = cps.reverse();
      const key = `${glyph.id}:${cps.join(',')}`;
      let code = codes.get(key);
      if (code === undefined) {
        if (this.subset.mapping[glyph.id] === undefined) code = this.subset.includeGlyph(glyph.id);
        else {
          this.subset.glyphs.push(glyph.id);
          code = this.subset.glyphs.length - 1;
        }
        codes.set(key, code);
        this.widths[code] = glyph.advanceWidth * this.scale;
        this.unicode[code] = cps;
      }
      res.push(`0000${code.toString(16)}`.slice(-4));
      kept.push(pos);
    });
    return [res, kept];
  };
}

/** PDF path operators of a glyph's outline, in font units; per font and glyph, made once. */
const outlines = new WeakMap<object, Map<number, string>>();

const num = (n: number) => String(Math.round(n * 100) / 100);

function outlineOf(glyph: Glyph): string {
  const font = (glyph as unknown as { _font: object })._font;
  let byId = outlines.get(font);
  if (!byId) {
    byId = new Map();
    outlines.set(font, byId);
  }
  let ops = byId.get(glyph.id);
  if (ops === undefined) {
    const parts: string[] = [];
    let cx = 0;
    let cy = 0;
    for (const { command, args } of glyph.path.commands) {
      if (command === 'moveTo' || command === 'lineTo') {
        [cx, cy] = args as [number, number];
        parts.push(`${num(cx)} ${num(cy)} ${command === 'moveTo' ? 'm' : 'l'}`);
      } else if (command === 'quadraticCurveTo') {
        // a quadratic Bézier as the cubic it is
        const [qx, qy, x, y] = args as [number, number, number, number];
        const c1 = [cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy)];
        const c2 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
        parts.push(
          `${num(c1[0] as number)} ${num(c1[1] as number)} ${num(c2[0] as number)} ${num(c2[1] as number)} ${num(x)} ${num(y)} c`,
        );
        [cx, cy] = [x, y];
      } else if (command === 'bezierCurveTo') {
        const a = args as [number, number, number, number, number, number];
        parts.push(`${a.map(num).join(' ')} c`);
        [cx, cy] = [a[4], a[5]];
      } else if (command === 'closePath') parts.push('h');
    }
    ops = parts.join('\n');
    byId.set(glyph.id, ops);
  }
  return ops;
}

/**
 * Draws the glyphs that the last fragment left out of its text, as filled outlines in the fill
 * colour the fragment was drawn with.
 */
function drawTextless(doc: Doc, x: number, baseline: number, size: number): void {
  if (textless.length === 0) return;
  const raw = doc as unknown as { addContent(s: string): void };
  for (const t of textless) {
    const ops = outlineOf(t.glyph);
    if (!ops) continue;
    const k = size / t.unitsPerEm;
    const tx = x + (t.x * size) / 1000;
    const ty = baseline - (t.y * size) / 1000;
    raw.addContent(`q ${k.toFixed(6)} 0 0 ${(-k).toFixed(6)} ${num(tx)} ${num(ty)} cm\n${ops}\nf Q`);
  }
  textless = [];
}

const ascentOf = (f: LoadedFont, size: number) => (f.ascent / f.unitsPerEm) * size;
const heightOf = (f: LoadedFont, size: number) => ((f.ascent - f.descent + f.lineGap) / f.unitsPerEm) * size;

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u00a0' || c === '\u200b';
/** CJK punctuation that may not start a line, and that may not end one. */
const NO_START = new Set(Array.from('，。、；：！？）】》」』〉”’％·…—,.;:!?)]'));
const NO_END = new Set(Array.from('（【《「『〈“‘'));
const URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'»”]/g;

/** Splits runs at bare http(s) URLs so that those become links too. */
export function linkify(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    if (run.link) {
      out.push(run);
      continue;
    }
    let last = 0;
    for (const m of run.text.matchAll(URL_RE)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ ...run, text: run.text.slice(last, at) });
      out.push({ ...run, text: m[0], link: m[0] });
      last = at + m[0].length;
    }
    if (last < run.text.length) out.push({ ...run, text: run.text.slice(last) });
  }
  return out;
}

/** Lays spans out into lines of at most `width` points (logical order in, visual order out). */
function layoutText(ctx: Ctx, spans: Span[], width: number): Line[] {
  const text = spans.map((s) => s.text.replace(/[\r\n]+/g, ' ')).join('');
  const n = text.length;
  const styleAt: Style[] = [];
  for (const s of spans) for (let i = 0; i < s.text.length; i++) styleAt.push(s.style);
  const defaultStyle = spans[0]?.style ?? { size: BODY };
  if (n === 0) {
    const f = useFont(ctx, fontFor(ctx.primary, !!defaultStyle.bold), defaultStyle.size);
    return [{ frags: [], width: 0, ascent: ascentOf(f, defaultStyle.size), height: heightOf(f, defaultStyle.size) }];
  }
  const levels = ctx.rtl || hasRtl(text) ? embeddingLevels(text, ctx.rtl ? 'rtl' : 'ltr') : undefined;

  // Font script per code unit: strong characters choose; neutrals follow the previous strong one.
  const scripts: Script[] = new Array(n);
  let prev: Script | undefined;
  for (let i = 0; i < n; i++) {
    const cp = text.codePointAt(i) ?? 32;
    const s = scriptOf(cp);
    if (s !== 'neutral') prev = s;
    scripts[i] = s;
    if (cp > 0xffff) scripts[++i] = s;
  }
  let next: Script = prev ?? ctx.primary;
  for (let i = n - 1; i >= 0; i--) {
    if (scripts[i] !== 'neutral') next = scripts[i] as Script;
    else scripts[i] = next;
  }
  // the font of its script when it has the glyph, else the first bundled font that has it (no
  // font at all: the script's, whose empty box missingGlyphs reports before issue)
  const fontAt = (i: number): FontKey => {
    const st = styleAt[i] ?? defaultStyle;
    return fontDrawing(text.codePointAt(i) ?? 32, fontFor(scripts[i] as Script, !!st.bold), !!st.bold);
  };
  const fonts: FontKey[] = new Array(n);
  for (let i = 0; i < n; i++) {
    fonts[i] = fontAt(i);
    const cp = text.codePointAt(i) ?? 32;
    if (cp > 0xffff) fonts[i + 1] = fonts[i++] as FontKey;
  }
  const levelAt = (i: number) => (levels ? (levels[i] as number) : 0);

  // Break opportunities: after spaces, between CJK characters (not before closing punctuation).
  const breakBefore = (i: number): boolean => {
    const a = text[i - 1] as string;
    const b = text[i] as string;
    if (isSpace(b)) return false;
    if (isSpace(a)) return true;
    if (NO_START.has(b) || NO_END.has(a)) return false;
    const ca = a.charCodeAt(0);
    const cb = b.charCodeAt(0);
    return (isCjk(ca) && !(cb >= 0xdc00 && cb <= 0xdfff)) || isCjk(cb);
  };

  interface Word {
    start: number;
    end: number; // without trailing spaces
    trailEnd: number;
  }
  const words: Word[] = [];
  let ws = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || breakBefore(i)) {
      let e = i;
      while (e > ws && isSpace(text[e - 1] as string)) e--;
      words.push({ start: ws, end: e, trailEnd: i });
      ws = i;
    }
  }

  // Measured fragments of a range: maximal runs of one style, font and level.
  const frags = (start: number, end: number): Frag[] => {
    const out: Frag[] = [];
    let i = start;
    while (i < end) {
      let j = i + 1;
      while (j < end && styleAt[j] === styleAt[i] && fonts[j] === fonts[i] && levelAt(j) === levelAt(i)) j++;
      const style = styleAt[i] ?? defaultStyle;
      const font = fonts[i] as FontKey;
      const t = text.slice(i, j).replace(/\u200b/g, '');
      const loaded = useFont(ctx, font, style.size);
      const level = levelAt(i);
      const features = featuresFor(t, level);
      const width =
        (features.features ? undefined : simpleTextWidth(loaded as unknown as FontkitFont, t, style.size)) ??
        ctx.doc.widthOfString(t, features);
      out.push({ text: t, font, style, level, width });
      i = j;
    }
    return out;
  };
  const sum = (fs: Frag[]) => fs.reduce((w, f) => w + f.width, 0);

  // A word too long for a line (a URL) is cut after '/', '-', '.', '?', '&', or anywhere.
  const fitPrefix = (start: number, end: number, avail: number): number => {
    let best = start;
    let bestSoft = start;
    for (let k = start + 1; k <= end; k++) {
      if (sum(frags(start, k)) > avail) break;
      best = k;
      if ('/-.?&=_'.includes(text[k - 1] as string)) bestSoft = k;
    }
    const cut = bestSoft > start ? bestSoft : best;
    return cut > start ? cut : start + 1;
  };

  // Greedy line filling; each word is measured once (its fragments, then its trailing spaces).
  const lines: Line[] = [];
  let current: { frags: Frag[]; trail: Frag[] }[] = [];
  let lineW = 0;
  const flush = () => {
    if (current.length === 0) return;
    const all: Frag[] = [];
    current.forEach((w, k) => {
      all.push(...w.frags);
      if (k < current.length - 1) all.push(...w.trail);
    });
    lines.push(makeLine(ctx, all, defaultStyle));
    current = [];
    lineW = 0;
  };
  const queue = [...words];
  while (queue.length > 0) {
    const w = queue.shift() as Word;
    const wf = frags(w.start, w.end);
    const ww = sum(wf);
    if (current.length > 0 && lineW + ww > width) flush();
    if (current.length === 0 && ww > width && w.end - w.start > 1) {
      const cut = fitPrefix(w.start, w.end, width);
      queue.unshift({ start: cut, end: w.end, trailEnd: w.trailEnd });
      current.push({ frags: frags(w.start, cut), trail: [] });
      flush();
      continue;
    }
    const tf = w.trailEnd > w.end ? frags(w.end, w.trailEnd) : [];
    current.push({ frags: wf, trail: tf });
    lineW += ww + sum(tf);
  }
  flush();
  return lines;
}

/**
 * Right-to-left Arabic runs are shaped as one run (`features` makes pdfkit skip its word-by-word
 * layout, which would reverse each word on its own and lose spaces between them).
 */
function featuresFor(text: string, level: number): { features?: PDFKit.Mixins.OpenTypeFeatures[] } {
  return level % 2 === 1 && hasRtl(text) ? { features: ['rtla'] } : {};
}

function makeLine(ctx: Ctx, logical: Frag[], style: Style): Line {
  // merge neighbours of one style, font and level; then visual order per line (UAX #9 L2)
  const merged: Frag[] = [];
  for (const f of logical) {
    const last = merged[merged.length - 1];
    if (last && last.style === f.style && last.font === f.font && last.level === f.level) {
      last.text += f.text;
      last.width += f.width;
    } else merged.push({ ...f });
  }
  const order = merged.some((f) => f.level > 0) ? reorderLine(merged.map((f) => f.level)) : merged.map((_, i) => i);
  const frags = order.map((i) => ({ ...(merged[i] as Frag), seq: i }));
  let ascent = 0;
  let height = 0;
  for (const f of frags.length ? frags : [{ font: fontFor(ctx.primary, !!style.bold), style } as Frag]) {
    const font = loadFont(f.font);
    ascent = Math.max(ascent, ascentOf(font, f.style.size));
    height = Math.max(height, heightOf(font, f.style.size));
  }
  return { frags, width: frags.reduce((w, f) => w + f.width, 0), ascent, height };
}

type Align = 'start' | 'end' | 'center';

function drawLine(ctx: Ctx, line: Line, x: number, width: number, y: number, align: Align = 'start'): void {
  const { doc } = ctx;
  const physical = align === 'center' ? 'center' : (align === 'start') !== ctx.rtl ? 'left' : 'right';
  let cx = physical === 'left' ? x : physical === 'right' ? x + width - line.width : x + (width - line.width) / 2;
  const baseline = y + line.ascent;
  // placed in visual order, drawn in logical order: readers that keep the content's order
  // (pdf.js, copy/paste) then give the text back in logical order
  const placed = line.frags.map((f) => {
    const at = cx;
    cx += f.width;
    return { f, at };
  });
  placed.sort((a, b) => (a.f.seq ?? 0) - (b.f.seq ?? 0));
  // poppler reorders the lines of a right-to-left page by its own rules: the whole line carries
  // the text that its reordering turns into the logical text (pdf.js ignores ActualText)
  const span = ctx.primary === 'arabic' && placed.length > 0;
  const left = placed.reduce((m, p) => Math.min(m, p.at), Number.POSITIVE_INFINITY);
  const right = placed.reduce((m, p) => Math.max(m, p.at + p.f.width), 0);
  // poppler spreads the replacement text from the first glyph drawn in the span to the end of
  // the last: a space at each end of the line makes that the line's own extent (spaces carry
  // no text in pdf.js)
  const anchor = (at: 'left' | 'right') => {
    const size = placed[0]?.f.style.size ?? BODY;
    const font = useFont(ctx, fontFor(ctx.primary, false), size);
    const w = doc.widthOfString(' ');
    doc.text(' ', at === 'left' ? left : right - w, baseline - ascentOf(font, size), { lineBreak: false });
  };
  if (span) {
    beginActualText(doc, popplerOrder(placed.map((p) => p.f.text).join('')));
    anchor('left');
  }
  let prev: { f: Frag; at: number } | undefined;
  for (const p of placed) {
    const { f, at } = p;
    const cx = at;
    // a line drawn to the left of text on its baseline (a value beside its label, a paragraph
    // beside its number, right to left) is a separate word
    const last = lastDrawn;
    const besideLast = !prev && !!last && last.page === doc.page && Math.abs(last.baseline - baseline) < 0.5;
    const jumpsBack = prev ? at < prev.at : besideLast && at < (last?.x ?? 0);
    const afterSpace = !prev || /^\s/.test(f.text) || /\s$/.test(prev.f.text);
    prev = p;
    lastDrawn = { page: doc.page, baseline, x: at };
    const font = useFont(ctx, f.font, f.style.size);
    const color = f.style.link ? LINK : (f.style.color ?? TEXT);
    doc.fillColor(color);
    const s = fragmentForFontkit(f.text, f.level);
    const draw = () =>
      doc.text(s, cx, baseline - ascentOf(font, f.style.size), {
        lineBreak: false,
        ...featuresFor(f.text, f.level),
        ...(f.style.link ? { link: f.style.link, underline: true } : {}),
      });
    const rtl = f.level % 2 === 1;
    glyphText = { rtl, reverse: rtl && hasRtl(f.text), space: jumpsBack && afterSpace };
    textless = [];
    try {
      draw();
    } finally {
      glyphText = { rtl: false, reverse: false, space: false };
    }
    drawTextless(doc, cx, baseline, f.style.size);
  }
  if (span) {
    anchor('right');
    // the size poppler reads the line with: lines further apart than 1.5 times it are not
    // joined into one block, and Naskh's lines are 1.7 times its size apart
    endActualText(doc, Math.max(placed[0]?.f.style.size ?? BODY, line.height / 1.4));
  }
}

/**
 * Draws a line as glyph outlines inside an `/Artifact` marked-content sequence: page headers,
 * page numbers and the watermark are part of the page, not of the document's text, and
 * extractors (pdf.js, poppler) skip nothing marked as an artifact, so they are not text at all.
 */
function drawArtifactLine(
  ctx: Ctx,
  line: Line,
  x: number,
  width: number,
  y: number,
  align: Align,
  kind: 'Header' | 'Watermark',
): void {
  const { doc } = ctx;
  const physical = align === 'center' ? 'center' : (align === 'start') !== ctx.rtl ? 'left' : 'right';
  let cx = physical === 'left' ? x : physical === 'right' ? x + width - line.width : x + (width - line.width) / 2;
  const baseline = y + line.ascent;
  const raw = doc as unknown as { addContent(s: string): void };
  raw.addContent(`/Artifact <</Type /Pagination /Subtype /${kind}>> BDC`);
  for (const f of line.frags) {
    const font = loadFont(f.font) as unknown as {
      unitsPerEm: number;
      layout(text: string, features?: unknown): { glyphs: Glyph[]; positions: Position[] };
    };
    const s = fragmentForFontkit(f.text, f.level);
    const run = font.layout(s, featuresFor(f.text, f.level).features);
    const k = f.style.size / font.unitsPerEm;
    let pen = 0;
    doc.fillColor(f.style.color ?? TEXT);
    run.glyphs.forEach((glyph, i) => {
      const pos = run.positions[i] as Position;
      const ops = outlineOf(glyph);
      const tx = cx + (pen + pos.xOffset) * k;
      const ty = baseline - pos.yOffset * k;
      if (ops) raw.addContent(`q ${k.toFixed(6)} 0 0 ${(-k).toFixed(6)} ${num(tx)} ${num(ty)} cm\n${ops}\nf Q`);
      pen += pos.xAdvance;
    });
    cx += f.width;
  }
  raw.addContent('EMC');
}

const utf16Hex = (s: string): string => {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return hex;
};

/**
 * Opens a `/Span <</ActualText …>> BDC` around the text objects of a line. Poppler places the
 * replacement text with the transformation current at EMC, which must be the one the glyphs were
 * drawn with: pdfkit draws text under a second y-flip (identity overall), so endActualText flips,
 * closes and flips back (the flip is its own inverse: the page's transformation is unchanged).
 */
function beginActualText(doc: Doc, actual: string): void {
  (doc as unknown as { addContent(s: string): void }).addContent(`/Span <</ActualText <${utf16Hex(actual)}>>> BDC`);
}

function endActualText(doc: Doc, size: number): void {
  const d = doc as unknown as { addContent(s: string): void; _font: { id: string } };
  const flip = `1 0 0 -1 0 ${doc.page.height} cm`;
  d.addContent(`${flip} /${d._font.id} ${size.toFixed(2)} Tf EMC ${flip}`);
}

// ---------------------------------------------------------------------------------------------
// Vertical units and pagination

interface Unit {
  height: number;
  spaceBefore: number;
  keepWithNext?: boolean;
  breakBefore?: boolean;
  /** Drawn again at the top of a page when a page break falls before this unit (table header). */
  repeat?: Unit;
  draw(y: number): void;
}

const runsToSpans = (runs: Run[], size: number, bold = false): Span[] =>
  linkify(runs).map((r) => ({
    text: r.text,
    style: {
      size,
      bold: bold || !!r.bold,
      ...(r.link && /^(https?:\/\/|mailto:)/i.test(r.link) ? { link: r.link } : {}),
    },
  }));

/** Cache of style objects, so that spans of one look share one object (fragments merge by identity). */
function styleCache() {
  const m = new Map<string, Style>();
  return (s: Style): Style => {
    const k = `${s.size}|${s.bold ? 1 : 0}|${s.link ?? ''}|${s.color ?? ''}`;
    let v = m.get(k);
    if (!v) {
      v = s;
      m.set(k, v);
    }
    return v;
  };
}

/** Lines as units; the first two and the last two lines of a block stay together. */
function lineUnits(
  ctx: Ctx,
  lines: Line[],
  x: number,
  width: number,
  opts: {
    spaceBefore?: number;
    align?: Align;
    keepAll?: boolean;
    keepWithNext?: boolean;
    first?: (y: number) => void;
  } = {},
): Unit[] {
  return lines.map((line, i) => ({
    height: line.height,
    spaceBefore: i === 0 ? (opts.spaceBefore ?? 0) : 0,
    keepWithNext: i < lines.length - 1 ? opts.keepAll || i === 0 || i === lines.length - 2 : !!opts.keepWithNext,
    draw: (y: number) => {
      if (i === 0) opts.first?.(y);
      drawLine(ctx, line, x, width, y, opts.align);
    },
  }));
}

function paginate(ctx: Ctx, units: Unit[], continuationHeader: string): void {
  const { doc } = ctx;
  let page = 1;
  let top = TOP;
  let y = TOP;
  const newPage = () => {
    doc.addPage();
    page++;
    const head = layoutText(ctx, [{ text: `– ${page} –`, style: { size: BODY } }], RIGHT - LEFT);
    const title = layoutText(ctx, [{ text: continuationHeader, style: { size: BODY } }], RIGHT - LEFT);
    let hy = TOP - 8 * MM;
    for (const l of [...head, ...title]) {
      drawArtifactLine(ctx, l, LEFT, RIGHT - LEFT, hy, 'center', 'Header');
      hy += l.height;
    }
    top = hy + 6 * MM;
    y = top;
  };
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (u.breakBefore && (y > top || page === 1) && i > 0) newPage();
    let chain = (y > top ? u.spaceBefore : 0) + u.height;
    for (let j = i; (units[j] as Unit).keepWithNext && j + 1 < units.length; j++) {
      const v = units[j + 1] as Unit;
      if (v.breakBefore) break;
      chain += v.spaceBefore + v.height;
      if (chain > (BOTTOM - TOP) * 0.6) break;
    }
    if (y > top && y + chain > BOTTOM) {
      newPage();
      if (u.repeat) {
        u.repeat.draw(y);
        y += u.repeat.height;
      }
    }
    if (y > top) y += u.spaceBefore;
    u.draw(y);
    y += u.height;
  }
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface Geometry {
  labelW: number;
  /** The issuing body's emblem (PNG or JPEG file), drawn above the letterhead. */
  emblem?: string | undefined;
}

const EMBLEM_HEIGHT = 18 * MM;

function blockUnits(ctx: Ctx, block: Block, geo: Geometry, style: (s: Style) => Style): Unit[] {
  const { doc, rtl } = ctx;
  const W = RIGHT - LEFT;
  const plain = (text: string, size = BODY, bold = false, color?: string): Span[] => [
    { text, style: style({ size, bold, ...(color ? { color } : {}) }) },
  ];
  const restyle = (spans: Span[]) => spans.map((s) => ({ text: s.text, style: style(s.style) }));
  // label column on the start side, value column beside it
  const labelX = rtl ? RIGHT - geo.labelW : LEFT;
  const valueX = rtl ? LEFT : LEFT + geo.labelW;
  const valueW = W - geo.labelW;

  /** A label in the label column beside value lines; the label keeps with the value. */
  const labelled = (label: string, valueLines: Line[], spaceBefore: number, bold = true): Unit[] => {
    const labelLines = label ? layoutText(ctx, plain(label, BODY, bold), geo.labelW - 4) : [];
    const units = lineUnits(ctx, valueLines, valueX, valueW, {
      spaceBefore,
      keepAll: valueLines.length <= 4,
      first: (y) => {
        let ly = y;
        for (const l of labelLines) {
          drawLine(ctx, l, labelX, geo.labelW - 4, ly);
          ly += l.height;
        }
      },
    });
    const first = units[0];
    if (first) first.keepWithNext = true;
    return units;
  };

  switch (block.type) {
    case 'letterhead': {
      const units: Unit[] = [];
      const emblem = geo.emblem;
      if (emblem)
        units.push({
          height: EMBLEM_HEIGHT,
          spaceBefore: 0,
          keepWithNext: true,
          draw: (y) => {
            // On the start side, as high as two letterhead lines; its width follows its proportions.
            doc.image(emblem, rtl ? RIGHT - 3 * EMBLEM_HEIGHT : LEFT, y, {
              fit: [3 * EMBLEM_HEIGHT, EMBLEM_HEIGHT - 2 * MM],
              ...(rtl ? { align: 'right' as const } : {}),
            });
          },
        });
      block.lines.forEach((text, i) => {
        const lines = layoutText(ctx, plain(text, i === 0 ? 12.5 : 10.5, true, BLUE), W);
        units.push(...lineUnits(ctx, lines, LEFT, W, { keepAll: true, keepWithNext: true }));
      });
      units.push({
        height: 3 * MM,
        spaceBefore: 1.5 * MM,
        draw: (y) => {
          doc.save().moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.8).strokeColor(BLUE).stroke().restore();
        },
      });
      return units;
    }
    case 'meta': {
      const units: Unit[] = [];
      block.rows.forEach((row, r) => {
        // each line of the value on its own line
        const valueLines = row.lines.flatMap((l) => layoutText(ctx, plain(l, BODY), row.label ? valueW : W));
        if (!row.label) {
          // place and date: on the end side, as in ITU letters
          units.push(
            ...lineUnits(ctx, valueLines, LEFT, W, { align: 'end', spaceBefore: r === 0 ? 4 * MM : 2, keepAll: true }),
          );
        } else units.push(...labelled(row.label, valueLines, r === 0 ? 4 * MM : 2, false));
      });
      return units;
    }
    case 'addressees': {
      const units: Unit[] = [];
      block.groups.forEach((group, g) => {
        const lines: Line[] = [];
        const dashes: number[] = [];
        for (const item of group.items) {
          dashes.push(lines.length);
          lines.push(...layoutText(ctx, plain(item, BODY), valueW - BULLET_COL));
        }
        const labelLines = layoutText(ctx, plain(group.label, BODY, true), geo.labelW - 4);
        const dash = layoutText(ctx, plain('–', BODY), BULLET_COL)[0] as Line;
        lines.forEach((line, i) => {
          units.push({
            height: line.height,
            spaceBefore: i === 0 ? (g === 0 ? 4 * MM : 2 * MM) : 0,
            keepWithNext: i === 0 || i < lines.length - 1,
            draw: (y) => {
              if (i === 0) drawLine(ctx, labelLines[0] as Line, labelX, geo.labelW - 4, y);
              if (dashes.includes(i))
                drawLine(ctx, dash, rtl ? RIGHT - geo.labelW - BULLET_COL : valueX, BULLET_COL, y);
              drawLine(ctx, line, rtl ? valueX : valueX + BULLET_COL, valueW - BULLET_COL, y);
            },
          });
        });
      });
      return units;
    }
    case 'subject': {
      const lines = layoutText(ctx, plain(block.text, BODY, true), valueW);
      return labelled(block.label, lines, 6 * MM).map((u, i, all) => ({
        ...u,
        keepWithNext: i < all.length - 1 || true,
      }));
    }
    case 'heading': {
      const lines = layoutText(ctx, plain(block.text, 11.5, true), W);
      return lineUnits(ctx, lines, LEFT, W, { spaceBefore: 5 * MM, keepAll: true, keepWithNext: true });
    }
    case 'salutation':
      return lineUnits(ctx, layoutText(ctx, plain(block.text), W), LEFT, W, {
        spaceBefore: 6 * MM,
        keepAll: true,
        keepWithNext: true,
      });
    case 'closing':
      return lineUnits(ctx, layoutText(ctx, plain(block.text), W), LEFT, W, {
        spaceBefore: 5 * MM,
        keepAll: true,
        keepWithNext: true,
      });
    case 'signature': {
      const units: Unit[] = [];
      block.lines.forEach((text, i) => {
        const lines = layoutText(ctx, plain(text), W * 0.6);
        units.push(
          ...lineUnits(ctx, lines, LEFT, W, {
            spaceBefore: i === 0 ? 14 * MM : 0,
            keepAll: true,
            keepWithNext: i < block.lines.length - 1,
          }),
        );
      });
      return units;
    }
    case 'paragraph': {
      const indent = block.number ? NUMBER_COL : 0;
      const textX = rtl ? LEFT : LEFT + indent;
      const textW = W - indent;
      const lines = layoutText(ctx, restyle(runsToSpans(block.runs, BODY)), textW);
      const num = block.number ? layoutText(ctx, plain(block.number), NUMBER_COL)[0] : undefined;
      const bullets = block.bullets ?? [];
      const units = lineUnits(ctx, lines, textX, textW, {
        spaceBefore: 3 * MM,
        keepWithNext: bullets.length > 0,
        first: (y) => {
          if (num) drawLine(ctx, num, rtl ? RIGHT - NUMBER_COL : LEFT, NUMBER_COL, y);
        },
      });
      const bx = rtl ? LEFT : textX + BULLET_COL;
      const bw = textW - BULLET_COL;
      const dash = layoutText(ctx, plain('–'), BULLET_COL)[0] as Line;
      bullets.forEach((b, k) => {
        const blines = layoutText(ctx, restyle(runsToSpans(b, BODY)), bw);
        units.push(
          ...lineUnits(ctx, blines, bx, bw, {
            spaceBefore: 1.5 * MM,
            keepWithNext: k < bullets.length - 1 && blines.length === 1 ? false : undefined,
            first: (y) => drawLine(ctx, dash, rtl ? RIGHT - indent - BULLET_COL : textX, BULLET_COL, y),
          }),
        );
      });
      return units;
    }
    case 'table':
      return tableUnits(ctx, block, plain, style);
    case 'chart':
      return [chartUnit(ctx, block, plain)];
    case 'pageBreak':
      return [{ height: 0, spaceBefore: 0, breakBefore: true, draw: () => {} }];
  }
}

type Plain = (text: string, size?: number, bold?: boolean, color?: string) => Span[];

function tableUnits(
  ctx: Ctx,
  block: Extract<Block, { type: 'table' }>,
  plain: Plain,
  _style: (s: Style) => Style,
): Unit[] {
  const { doc, rtl } = ctx;
  const W = RIGHT - LEFT;
  const cols = Math.max(block.header.length, ...block.rows.map((r) => r.length));
  const weights = Array.from({ length: cols }, (_, i) => block.widths?.[i] ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * W);
  // column i's left edge; right to left for Arabic
  const xs: number[] = [];
  let acc = 0;
  for (const w of widths) {
    xs.push(rtl ? RIGHT - acc - w : LEFT + acc);
    acc += w;
  }
  const PAD = 4;
  const SIZE = 9.5;
  const rowUnit = (cells: string[], header: boolean): Unit => {
    const laid = widths.map((w, i) => layoutText(ctx, plain(cells[i] ?? '', SIZE, header), w - 2 * PAD));
    const height = Math.max(...laid.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * PAD;
    return {
      height,
      spaceBefore: 0,
      keepWithNext: header,
      draw: (y) => {
        doc.save();
        if (header) doc.rect(LEFT, y, W, height).fill('#e8eef5');
        doc.lineWidth(0.5).strokeColor('#888888');
        widths.forEach((w, i) => {
          doc.rect(xs[i] as number, y, w, height).stroke();
        });
        doc.restore();
        laid.forEach((ls, i) => {
          let ly = y + PAD;
          for (const l of ls) {
            drawLine(ctx, l, (xs[i] as number) + PAD, (widths[i] as number) - 2 * PAD, ly);
            ly += l.height;
          }
        });
      },
    };
  };
  const units: Unit[] = [];
  if (block.caption) {
    const lines = layoutText(ctx, plain(block.caption, BODY, true), W);
    units.push(...lineUnits(ctx, lines, LEFT, W, { spaceBefore: 4 * MM, keepAll: true, keepWithNext: true }));
  }
  const head = rowUnit(block.header, true);
  head.spaceBefore = block.caption ? 1.5 * MM : 4 * MM;
  units.push(head);
  for (const row of block.rows) units.push({ ...rowUnit(row, false), repeat: { ...head, spaceBefore: 0 } });
  return units;
}

function chartUnit(ctx: Ctx, block: Extract<Block, { type: 'chart' }>, plain: Plain): Unit {
  const { doc } = ctx;
  const W = RIGHT - LEFT;
  const title = layoutText(ctx, plain(block.title, BODY, true), W);
  const titleH = title.reduce((h, l) => h + l.height, 0);
  const axisW = 10 * MM;
  const plotH = 55 * MM;
  const plotW = W - axisW;
  // Right to left, the chart is mirrored: the axis on the right, the first category and
  // series on the right, the legend read from the right.
  const rtl = ctx.rtl;
  const plotLeft = rtl ? LEFT : LEFT + axisW;
  const plotRight = plotLeft + plotW;
  const axisX = rtl ? plotRight : plotLeft;
  const groups = Math.max(1, block.categories.length);
  const groupW = plotW / groups;
  const catLines = block.categories.map((c) => layoutText(ctx, plain(c, SMALL), groupW - 4).slice(0, 2));
  const catH = Math.max(0, ...catLines.map((ls) => ls.reduce((h, l) => h + l.height, 0)));
  const legend = block.series.map((s) => layoutText(ctx, plain(s.name, SMALL), W / 2)[0] as Line);
  const legendH = (legend[0]?.height ?? 12) + 2;
  const max = block.max > 0 ? block.max : Math.max(1, ...block.series.flatMap((s) => s.values));
  const ticks = 5;
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  const height = titleH + 3 * MM + plotH + 2 + catH + 3 * MM + legendH;
  return {
    height,
    spaceBefore: 5 * MM,
    draw: (y) => {
      let ty = y;
      for (const l of title) {
        drawLine(ctx, l, LEFT, W, ty, 'center');
        ty += l.height;
      }
      const top = ty + 3 * MM;
      const base = top + plotH;
      doc.save().lineWidth(0.4).strokeColor('#cccccc');
      for (let t = 0; t <= ticks; t++) {
        const v = (max * t) / ticks;
        const gy = base - (plotH * t) / ticks;
        if (t > 0) doc.moveTo(plotLeft, gy).lineTo(plotRight, gy).stroke();
        const lab = layoutText(ctx, plain(fmt(v), SMALL, false, GREY), axisW - 3)[0] as Line;
        const labX = rtl ? plotRight + 3 : LEFT;
        drawLine({ ...ctx, rtl: false }, lab, labX, axisW - 3, gy - lab.height / 2, rtl ? 'start' : 'end');
      }
      doc.restore();
      doc.save().lineWidth(0.8).strokeColor('#333333');
      doc.moveTo(axisX, top).lineTo(axisX, base).stroke();
      doc.moveTo(plotLeft, base).lineTo(plotRight, base).stroke();
      doc.restore();
      const nSeries = Math.max(1, block.series.length);
      const barW = Math.min(18, (groupW * 0.75) / nSeries);
      block.categories.forEach((_, c) => {
        const pc = rtl ? groups - 1 - c : c;
        const gx = plotLeft + pc * groupW + (groupW - barW * nSeries) / 2;
        block.series.forEach((s, k) => {
          const v = Math.max(0, Math.min(max, s.values[c] ?? 0));
          const h = (v / max) * plotH;
          const bx = gx + (rtl ? nSeries - 1 - k : k) * barW;
          doc
            .save()
            .rect(bx + 0.5, base - h, barW - 1, h)
            .fill(PALETTE[k % PALETTE.length] as string)
            .restore();
          const lab = layoutText(ctx, plain(fmt(s.values[c] ?? 0), 7, false, '#333333'), barW + 20)[0] as Line;
          drawLine({ ...ctx, rtl: false }, lab, bx - 10, barW + 20, base - h - lab.height, 'center');
        });
        let cy = base + 2;
        for (const l of catLines[c] ?? []) {
          drawLine(ctx, l, plotLeft + pc * groupW + 2, groupW - 4, cy, 'center');
          cy += l.height;
        }
      });
      // legend: swatch and name per series, centred
      const gap = 4 * MM;
      const sw = 8;
      const total = legend.reduce((w, l) => w + sw + 3 + l.width + gap, -gap);
      let lx = LEFT + (W - total) / 2;
      const ly = base + 2 + catH + 3 * MM;
      const ordered = legend.map((l, k) => [l, k] as const);
      for (const [l, k] of rtl ? ordered.reverse() : ordered) {
        // Right to left the swatch stands to the right of its name.
        const swatchX = rtl ? lx + l.width + 3 : lx;
        doc
          .save()
          .rect(swatchX, ly + (l.height - sw) / 2, sw, sw)
          .fill(PALETTE[k % PALETTE.length] as string)
          .restore();
        drawLine({ ...ctx, rtl: false }, l, rtl ? lx : lx + sw + 3, l.width + 1, ly, 'start');
        lx += sw + 3 + l.width + gap;
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------

function labelWidth(ctx: Ctx, blocks: Block[]): number {
  const labels: string[] = [];
  for (const b of blocks) {
    if (b.type === 'meta') labels.push(...b.rows.map((r) => r.label));
    if (b.type === 'addressees') labels.push(...b.groups.map((g) => g.label));
    if (b.type === 'subject') labels.push(b.label);
  }
  let w = 0;
  for (const l of labels) {
    for (const line of layoutText(ctx, [{ text: l, style: { size: BODY, bold: true } }], 1000))
      w = Math.max(w, line.width);
  }
  return Math.min(45 * MM, Math.max(22 * MM, w + 6 * MM));
}

const WATERMARK_GREY = '#d8d8d8';

/**
 * The watermark ("DRAFT"): one line of outlines, light grey, along the page's diagonal, as large
 * as fits (at most 120 pt), as an artifact (not part of the extracted text).
 */
function drawWatermark(ctx: Ctx, text: string): void {
  const { doc } = ctx;
  const line = layoutText(ctx, [{ text, style: { size: 100, bold: true, color: WATERMARK_GREY } }], 10_000)[0];
  if (!line || line.width === 0) return;
  const angle = (Math.atan2(PAGE_H, PAGE_W) * 180) / Math.PI;
  const diagonal = Math.hypot(PAGE_W, PAGE_H);
  const scale = Math.min(1.2, (diagonal * 0.6) / line.width);
  doc.save();
  doc
    .translate(PAGE_W / 2, PAGE_H / 2)
    .rotate(-angle)
    .scale(scale);
  drawArtifactLine(ctx, line, -line.width / 2, line.width, -line.height / 2, 'center', 'Watermark');
  doc.restore();
}

/** Renders the document as an A4 PDF with embedded subset fonts. */
export async function renderPdf(model: DocumentModel, options: RenderPdfOptions = {}): Promise<Buffer> {
  const rtl = model.lang === 'ar';
  const primary: Script = rtl ? 'arabic' : model.lang === 'zh' ? 'cjk' : 'latin';
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: MARGIN, left: LEFT, right: MARGIN },
    // an embedded font from the start: the standard 14 fonts are never loaded
    font: loadFont(fontFor(primary, false)) as unknown as string,
    bufferPages: true,
    lang: model.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: model.title,
      Creator: 'U4SSC platform',
      Producer: 'U4SSC platform (pdfkit)',
      CreationDate: options.date ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const ctx: Ctx = { doc, rtl, primary, fonts: { registered: new Set() } };
  lastDrawn = undefined;
  if (model.watermark?.trim()) {
    // first on each page, so that the page's content lies over it
    const mark = model.watermark.trim();
    drawWatermark(ctx, mark);
    doc.on('pageAdded', () => drawWatermark(ctx, mark));
  }
  const style = styleCache();
  const all = [...model.blocks, ...model.annexes.flatMap((a) => a.blocks)];
  const geo: Geometry = { labelW: labelWidth(ctx, all), emblem: model.emblem };
  const units: Unit[] = model.blocks.flatMap((b) => blockUnits(ctx, b, geo, style));
  for (const annex of model.annexes) {
    const W = RIGHT - LEFT;
    const lines = layoutText(ctx, [{ text: annex.title, style: style({ size: 12, bold: true }) }], W);
    const head = lineUnits(ctx, lines, LEFT, W, { align: 'center', keepAll: true, keepWithNext: true });
    if (head[0]) head[0].breakBefore = true;
    const last = head[head.length - 1];
    if (last) last.height += 4 * MM;
    units.push(...head, ...annex.blocks.flatMap((b) => blockUnits(ctx, b, geo, style)));
  }
  paginate(ctx, units, model.continuationHeader);
  lastDrawn = undefined;
  doc.end();
  return done;
}
