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
