import Handlebars from 'handlebars';
import { DEFAULT_LANG, isLang, type Lang } from '../i18n/languages.ts';
import { translate } from '../i18n/messages.ts';
import { compileTemplate } from '../templating/compile.ts';
import { stripMarkersDeep } from '../validation/text.ts';

/**
 * Emails from `templates/emails/<event>.to-<recipient>/<lang>.hbs`. A template defines two
 * inline partials, `subject` and `body`; the body is plain prose (paragraphs separated by
 * blank lines, `- ` list items) with two helpers: `{{button "Label" url}}` and
 * `{{block text}}` (a boxed, multi-line value such as joining details).
 *
 * The same template renders twice: as HTML (values escaped, inline styles that survive mail
 * clients) and as plain text (nothing escaped). Templates compile in strict mode, so a
 * missing value fails the render naming the field, before anything reaches an inbox.
 */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const BUTTON = '\u0000B';
const BLOCK = '\u0000K';

function instance() {
  const hb = Handlebars.create();
  // Markers that values cannot contain (control characters are refused on input), replaced
  // after the paragraphs are laid out.
  hb.registerHelper('button', (label: unknown, url: unknown) => {
    if (typeof label !== 'string' || typeof url !== 'string') throw new Error('button needs a label and a URL');
    return new hb.SafeString(`${BUTTON}${encode(label)}|${encode(url)}${BUTTON}`);
  });
  hb.registerHelper('block', (text: unknown) => new hb.SafeString(`${BLOCK}${encode(String(text ?? ''))}${BLOCK}`));
  return hb;
}

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64');
const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

const engines = { html: instance(), text: instance() };
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function templateFile(template: string, language: string): string {
  if (!/^[a-z0-9-]+\.to-[a-z-]+$/.test(template)) throw new Error(`Invalid email template name "${template}"`);
  const lang = isLang(language) ? language : DEFAULT_LANG;
  return `emails/${template}/${lang}.hbs`;
}

export function renderEmail(template: string, language: string, values: Record<string, unknown>): RenderedEmail {
  // No value may carry the markers below: a value is always text, never a button or a block.
  const data = stripMarkersDeep(values);
  const file = templateFile(template, language);
  const subject = renderPartial('text', file, 'subject', data).replace(/\s+/g, ' ').trim();
  const textBody = renderPartial('text', file, 'body', data);
  const htmlBody = renderPartial('html', file, 'body', data);
  const lang = isLang(language) ? language : DEFAULT_LANG;
  return { subject, text: toText(textBody), html: toHtml(htmlBody, subject, lang) };
}

/** The file (under templates/) declares the partials; its recipes append `{{> name}}` to render the one asked for. */
function renderPartial(mode: 'html' | 'text', file: string, name: 'subject' | 'body', data: Record<string, unknown>) {
  const key = `${mode}:${file}:${name}`;
  let delegate = compiled.get(key);
  if (!delegate) {
    delegate = compileTemplate(engines[mode], file, `${mode}:${name}`);
    compiled.set(key, delegate);
  }
  return delegate(data);
}

function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function toText(body: string): string {
  return `${paragraphs(body)
    .map((p) =>
      p
        .replace(
          new RegExp(`${BUTTON}([^|]*)\\|([^\\u0000]*)${BUTTON}`, 'g'),
          (_m, label: string, url: string) => `${decode(label)}:\n${decode(url)}`,
        )
        .replace(new RegExp(`${BLOCK}([^\\u0000]*)${BLOCK}`, 'g'), (_m, text: string) =>
          decode(text)
            .split('\n')
            .map((line) => `    ${line}`)
            .join('\n'),
        ),
    )
    .join('\n\n')}\n`;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const STYLE = {
  p: 'margin:0 0 16px 0;',
  ul: 'margin:0 0 16px 0;padding-left:20px;',
  button:
    'display:inline-block;background:#005b9a;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:4px;',
  block:
    'margin:0 0 16px 0;padding:12px 16px;background:#f1f5f9;border-left:4px solid #005b9a;white-space:pre-wrap;font-family:Consolas,Menlo,monospace;font-size:14px;',
};

function toHtml(body: string, subject: string, lang: Lang): string {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const blocks = paragraphs(body).map((p) => {
    const button = new RegExp(`^${BUTTON}([^|]*)\\|([^\\u0000]*)${BUTTON}$`).exec(p);
    if (button) {
      const url = decode(button[2] ?? '');
      const href = /^https?:\/\//.test(url) ? url : '#';
      return `<p style="${STYLE.p}"><a href="${escapeHtml(href)}" style="${STYLE.button}">${escapeHtml(decode(button[1] ?? ''))}</a></p>`;
    }
    const block = new RegExp(`^${BLOCK}([^\\u0000]*)${BLOCK}$`).exec(p);
    // Joining details and the like: their addresses are links too.
    if (block) return `<div style="${STYLE.block}">${linkify(escapeHtml(decode(block[1] ?? '')))}</div>`;
    const lines = p.split('\n');
    if (lines.every((line) => line.startsWith('- '))) {
      return `<ul style="${STYLE.ul}">${lines.map((line) => `<li>${linkify(line.slice(2))}</li>`).join('')}</ul>`;
    }
    return `<p style="${STYLE.p}">${lines.map(linkify).join('<br>')}</p>`;
  });
  return `<!doctype html>
<html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f6f8fa;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f6f8fa;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #d6dde4;">
<tr><td style="background:#005b9a;color:#ffffff;padding:16px 24px;font-family:Arial,'Noto Sans',sans-serif;font-size:16px;font-weight:bold;">${escapeHtml(translate(lang, 'site.name'))}</td></tr>
<tr><td dir="${dir}" style="padding:24px;font-family:Arial,'Noto Sans',sans-serif;font-size:15px;line-height:1.5;color:#1b2733;text-align:${dir === 'rtl' ? 'right' : 'left'};">
${blocks.join('\n')}
</td></tr>
<tr><td style="padding:12px 24px;font-family:Arial,sans-serif;font-size:12px;color:#56616d;border-top:1px solid #d6dde4;">${escapeHtml(translate(lang, 'email.footer'))}</td></tr>
</table></td></tr></table>
</body></html>
`;
}

/** Already-escaped HTML text: http(s) URLs become links. */
function linkify(html: string): string {
  return html.replace(
    /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g,
    (url) => `<a href="${url}" style="color:#005b9a;">${url}</a>`,
  );
}
