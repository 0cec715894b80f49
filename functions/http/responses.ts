import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** An RFC 9457 problem document. */
export function problem(value: Problem, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: value.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify({ type: value.type ?? 'about:blank', ...value }),
  };
}

/** A CSV download. */
export function csv(filename: string, body: string): HttpResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
    body,
  };
}

/** A PDF, shown in the browser (`inline`) or downloaded. */
export function pdf(
  filename: string,
  body: Buffer,
  disposition: 'inline' | 'attachment' = 'attachment',
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `${disposition}; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      ...headers,
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

/**
 * What a document preview cannot show by itself: `x-content-fallback` names the meeting facts a
 * language still takes from English, `x-missing-glyphs` the characters no font prints (U+XXXX).
 */
export function warningHeaders(warnings: { fallback: string[]; missingGlyphs: string[] }): Record<string, string> {
  const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    ...(warnings.fallback.length ? { 'x-content-fallback': warnings.fallback.join(', ') } : {}),
    ...(warnings.missingGlyphs.length ? { 'x-missing-glyphs': warnings.missingGlyphs.map(codePoint).join(' ') } : {}),
  };
}

/** After a form's POST, the page to show is fetched with GET (reloading it never sends the form again). */
export function seeOther(location: string): HttpResponse {
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
}
