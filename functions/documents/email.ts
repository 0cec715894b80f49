import { isolateLtrItems, ltrItems } from './bidi.ts';
import type { Block, DocumentModel, Run } from './model.ts';

/**
 * The document as an email: HTML that survives Outlook and Gmail (tables for layout, inline
 * styles only, no classes; `dir="rtl"` and right alignment for Arabic; every text value
 * escaped; links only for http(s) URLs) and the same structure as plain text.
 */

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The text of the document being rendered, escaped; in a right-to-left document, its
 * left-to-right items (phone numbers, codes, URLs, e-mail addresses) isolated, so that they
 * stay whole and in their order ("+41 22 730 6301", not "6301 730 22 41+"): `dir="ltr"` for
 * clients that know only embeddings, `unicode-bidi:isolate` for the others.
 */
let esc = escapeHtml;
const isolatedHtml = (s: string): string => {
  let out = '';
  let last = 0;
  for (const [start, end] of ltrItems(s)) {
    out += `${escapeHtml(s.slice(last, start))}<span dir="ltr" style="unicode-bidi:isolate">${escapeHtml(s.slice(start, end))}</span>`;
    last = end;
  }
  return out + escapeHtml(s.slice(last));
};
/** In plain text, the same with the isolate characters LRI … PDI. */
let plain = (s: string): string => s;

const isHttp = (url: string | undefined): url is string => !!url && /^(https?:\/\/|mailto:)[^\s]+$/i.test(url);

const FONT = "font-family:Arial,'Noto Sans',Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#111111";
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

function runsHtml(runs: Run[]): string {
  return runs
    .map((r) => {
      let h = esc(r.text);
      if (r.bold) h = `<strong>${h}</strong>`;
      if (r.italic) h = `<em>${h}</em>`;
      if (isHttp(r.link))
        h = `<a href="${escapeHtml(r.link)}" style="color:#0645ad;text-decoration:underline">${h}</a>`;
      return h;
    })
    .join('');
}

const runsText = (runs: Run[]): string =>
  runs
    .map((r) =>
      isHttp(r.link) && r.link !== r.text && r.link !== `mailto:${r.text}` ? `${r.text} <${r.link}>` : r.text,
    )
    .join('');

function blockHtml(b: Block, align: string, end: string, dir: 'rtl' | 'ltr'): string {
  const p = (inner: string, extra = '') => `<p style="margin:0 0 12px 0;text-align:${align};${extra}">${inner}</p>`;
  const padStart = dir === 'rtl' ? 'padding-left' : 'padding-right';
  switch (b.type) {
    case 'letterhead':
      return `<p style="margin:0 0 16px 0;text-align:${align};color:#1f4e79;font-weight:bold;border-bottom:2px solid #1f4e79;padding-bottom:6px">${b.lines.map(esc).join('<br>')}</p>`;
    case 'meta':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 12px 0">${b.rows
        .map((r) =>
          r.label
            ? `<tr><td valign="top" width="110" style="${FONT};text-align:${align};${padStart}:8px">${esc(r.label)}</td><td valign="top" style="${FONT};text-align:${align}">${r.lines.map(esc).join('<br>')}</td></tr>`
            : `<tr><td colspan="2" style="${FONT};text-align:${end}">${r.lines.map(esc).join('<br>')}</td></tr>`,
        )
        .join('')}</table>`;
    case 'addressees':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 12px 0">${b.groups
        .map(
          (g) =>
            `<tr><td valign="top" width="110" style="${FONT};text-align:${align};font-weight:bold;${padStart}:8px;padding-top:6px">${esc(g.label)}</td><td valign="top" style="${FONT};text-align:${align};padding-top:6px">${g.items.map((i) => `–&nbsp;${esc(i)}`).join('<br>')}</td></tr>`,
        )
        .join('')}</table>`;
    case 'subject':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:8px 0 16px 0"><tr><td valign="top" width="110" style="${FONT};text-align:${align};font-weight:bold;${padStart}:8px">${esc(b.label)}</td><td valign="top" style="${FONT};text-align:${align};font-weight:bold">${esc(b.text)}</td></tr></table>`;
    case 'heading':
      return `<h2 style="margin:18px 0 8px 0;font-size:16px;text-align:${align};color:#1f4e79">${esc(b.text)}</h2>`;
    case 'salutation':
    case 'closing':
      return p(esc(b.text));
    case 'signature':
      return p(b.lines.map(esc).join('<br>'), 'margin-top:24px');
    case 'paragraph': {
      const bullets = (b.bullets ?? [])
        .map(
          (bl) =>
            `<tr><td valign="top" width="18" style="${FONT};text-align:${align}">–</td><td valign="top" style="${FONT};text-align:${align}">${runsHtml(bl)}</td></tr>`,
        )
        .join('');
      const list = bullets
        ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:6px 0 0 0">${bullets}</table>`
        : '';
      if (!b.number) return `${p(runsHtml(b.runs), list ? 'margin-bottom:4px' : '')}${list ? `${list}<br>` : ''}`;
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 12px 0"><tr><td valign="top" width="32" style="${FONT};text-align:${align}">${esc(b.number)}</td><td valign="top" style="${FONT};text-align:${align}">${runsHtml(b.runs)}${list}</td></tr></table>`;
    }
    case 'table': {
      const cell = (s: string, th: boolean) =>
        `<${th ? 'th' : 'td'} valign="top" style="${FONT};text-align:${align};border:1px solid #999999;padding:4px 6px;${th ? 'background:#e8eef5;font-weight:bold' : ''}">${esc(s)}</${th ? 'th' : 'td'}>`;
      const caption = b.caption ? p(`<strong>${esc(b.caption)}</strong>`, 'margin-bottom:4px') : '';
      return `${caption}<table cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 12px 0"><tr>${b.header.map((h) => cell(h, true)).join('')}</tr>${b.rows.map((r) => `<tr>${r.map((c) => cell(c, false)).join('')}</tr>`).join('')}</table>`;
    }
    case 'chart': {
      // a table of values with proportional bars (no images: they are blocked by default)
      const max = b.max > 0 ? b.max : Math.max(1, ...b.series.flatMap((s) => s.values));
      const rows = b.categories
        .map((c, i) =>
          b.series
            .map((s, k) => {
              const v = s.values[i] ?? 0;
              const w = Math.max(1, Math.round((Math.max(0, v) / max) * 200));
              return `<tr>${k === 0 ? `<td rowspan="${b.series.length}" valign="top" style="${FONT};text-align:${align};padding:2px 8px">${esc(c)}</td>` : ''}<td style="${FONT};text-align:${align};padding:2px 8px;color:#555555">${esc(s.name)}</td><td style="padding:2px 0"><table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td width="${w}" height="10" style="background:${PALETTE[k % PALETTE.length]};font-size:1px;line-height:1px">&nbsp;</td><td style="${FONT};padding:0 6px">${esc(String(v))}</td></tr></table></td></tr>`;
            })
            .join(''),
        )
        .join('');
      return `${p(`<strong>${esc(b.title)}</strong>`, 'margin-bottom:4px')}<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px 0">${rows}</table>`;
    }
    case 'pageBreak':
      return '<hr style="border:0;border-top:1px solid #cccccc;margin:16px 0">';
  }
}

/** Plain-text columns: each cell padded to its column's width, cells joined by " | ". */
function textTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...c].length);
    });
  }
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length)))
        .join(' | ')
        .trimEnd(),
    )
    .join('\n');
}

function blockText(b: Block): string {
  switch (b.type) {
    case 'letterhead':
      return b.lines.join('\n');
    case 'meta':
      return b.rows.map((r) => (r.label ? `${r.label} ${r.lines.join(', ')}` : r.lines.join('\n'))).join('\n');
    case 'addressees':
      return b.groups.map((g) => `${g.label}\n${g.items.map((i) => `- ${i}`).join('\n')}`).join('\n\n');
    case 'subject':
      return `${b.label} ${b.text}`;
    case 'heading':
      return b.text.toUpperCase() === b.text ? b.text : `${b.text}\n${'='.repeat(Math.min(60, [...b.text].length))}`;
    case 'salutation':
    case 'closing':
      return b.text;
    case 'signature':
      return b.lines.join('\n');
    case 'paragraph': {
      const head = `${b.number ? `${b.number} ` : ''}${runsText(b.runs)}`;
      const bullets = (b.bullets ?? []).map((bl) => `${b.number ? '   ' : ''}- ${runsText(bl)}`);
      return [head, ...bullets].join('\n');
    }
    case 'table':
      return `${b.caption ? `${b.caption}\n` : ''}${textTable([b.header, ...b.rows])}`;
    case 'chart':
      return `${b.title}\n${textTable([
        ['', ...b.series.map((s) => s.name)],
        ...b.categories.map((c, i) => [c, ...b.series.map((s) => String(s.values[i] ?? ''))]),
      ])}`;
    case 'pageBreak':
      return '----';
  }
}

/** The document as email HTML (inline styles, escaped) and plain text. */
export function renderDocumentEmail(model: DocumentModel): { html: string; text: string } {
  const dir = model.lang === 'ar' ? 'rtl' : 'ltr';
  esc = dir === 'rtl' ? isolatedHtml : escapeHtml;
  plain = dir === 'rtl' ? isolateLtrItems : (s) => s;
  try {
    return renderEmail(model, dir);
  } finally {
    esc = escapeHtml;
    plain = (s) => s;
  }
}

const BANNER =
  'margin:0 0 18px 0;padding:8px 12px;border:2px solid #b45309;background:#fff7ed;color:#92400e;font-weight:bold;font-size:16px;letter-spacing:3px;text-align:center';

function renderEmail(model: DocumentModel, dir: 'rtl' | 'ltr'): { html: string; text: string } {
  const align = dir === 'rtl' ? 'right' : 'left';
  const end = dir === 'rtl' ? 'left' : 'right';
  const watermark = model.watermark?.trim();
  const sections = [
    ...(watermark ? [`<p style="${BANNER}">${esc(watermark)}</p>`] : []),
    ...model.blocks.map((b) => blockHtml(b, align, end, dir)),
    ...model.annexes.flatMap((a) => [
      `<h2 style="margin:28px 0 12px 0;font-size:16px;text-align:center;color:#1f4e79">${esc(a.title)}</h2>`,
      ...a.blocks.map((b) => blockHtml(b, align, end, dir)),
    ]),
  ];
  const html = `<!DOCTYPE html>
<html lang="${escapeHtml(model.lang)}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(model.title)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#f4f4f4"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="640" dir="${dir}" style="width:100%;max-width:640px;background:#ffffff"><tr><td dir="${dir}" style="${FONT};text-align:${align};padding:24px 28px">
${sections.join('\n')}
</td></tr></table>
</td></tr></table>
</body>
</html>
`;
  const text = [
    ...(watermark ? [`*** ${watermark} ***`] : []),
    ...model.blocks.map(blockText),
    ...model.annexes.flatMap((a) => [a.title.toUpperCase(), ...a.blocks.map(blockText)]),
  ]
    .map((s) => plain(s))
    .filter((s) => s.length > 0)
    .join('\n\n');
  return { html, text: `${text}\n` };
}
