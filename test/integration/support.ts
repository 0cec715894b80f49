import { request as httpRequest } from 'node:http';
import { inject } from 'vitest';
import { loadIssuer } from '../../infra/local/issuer.ts';

/** What the global setup started, and the environment that points the adapters at it. */
export const platform = inject('platform');
Object.assign(process.env, platform.env);

export const url = (path: string) => `${platform.baseUrl}${path}`;

export const issuer = () => loadIssuer(platform.issuerKeyFile);

export async function getJson(path: string, init: RequestInit = {}) {
  const response = await fetch(url(path), init);
  const text = await response.text();
  return { response, status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/**
 * HTTP from a chosen loopback source address: every test file uses its own, so the per-client
 * rate limit of public forms counts each file's requests apart (127.0.0.0/8 is all loopback).
 */
export interface Reply {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

export function request(
  method: string,
  path: string,
  options: { from?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const target = new URL(url(path));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        method,
        path: `${target.pathname}${target.search}`,
        localAddress: options.from ?? '127.0.0.1',
        headers: { ...(options.body ? { 'content-length': Buffer.byteLength(options.body) } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

export const postJson = (path: string, body: unknown, from?: string, headers: Record<string, string> = {}) =>
  request('POST', path, {
    from,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

export const postForm = (path: string, fields: Record<string, string>, from?: string) =>
  request('POST', path, {
    from,
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
  });

export interface SentEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string }[];
}

/** Every email the SES emulator has received for an address. */
export async function emailsTo(address: string): Promise<SentEmail[]> {
  const store = (await (await fetch(`${platform.sesUrl}/store`)).json()) as { emails: SentEmail[] };
  return store.emails.filter((email) =>
    email.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())),
  );
}

/** Waits until the address has received `count` emails whose subject matches, and returns them. */
export async function waitForEmails(
  address: string,
  subject: RegExp,
  count = 1,
  timeoutMs = 10_000,
): Promise<SentEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await emailsTo(address)).filter((email) => subject.test(email.subject));
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      const all = (await emailsTo(address)).map((email) => email.subject);
      throw new Error(
        `Waited ${timeoutMs} ms for ${count} email(s) "${subject}" to ${address}; it has: ${JSON.stringify(all)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in an email's text that contains `part`. */
export function linkIn(email: SentEmail, part: string): string {
  const found = (email.body.text ?? '').match(/https?:\/\/\S+/g)?.find((link) => link.includes(part));
  if (!found) throw new Error(`No link with "${part}" in: ${email.body.text}`);
  return found;
}

/** An address no other test uses. */
export const uniqueEmail = (label: string) =>
  `${label}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@example.org`;

/** Signs in to the console as a demo person through the local sign-in page. */
export async function consoleSignIn(email: string, from = '127.0.0.1') {
  const response = await request('POST', '/console/sign-in', {
    from,
    body: new URLSearchParams({ email, next: '/console' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (response.status !== 303) throw new Error(`Console sign-in answered ${response.status}: ${response.text}`);
  const setCookie = String(response.headers['set-cookie']?.[0] ?? '');
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

/** Follows a form's 303 (POST → redirect → GET) from the same client; any other answer is returned as it is. */
export async function follow(reply: Reply, from?: string): Promise<Reply> {
  if (reply.status !== 303) return reply;
  const location = String(reply.headers.location ?? '');
  const cookie = (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
  return request('GET', location, {
    ...(from ? { from } : {}),
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
  });
}
