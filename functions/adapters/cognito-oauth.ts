import type { TokenExchange } from '../identity/sign-in.ts';

/** Cognito's OAuth 2.0 token endpoint: the authorization code (with its PKCE verifier) for tokens. */
export const exchangeCodeWithCognito: TokenExchange = async ({ domain, clientId, code, redirectUri, verifier }) => {
  const response = await fetch(new URL('/oauth2/token', domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok)
    throw new Error(`Cognito token endpoint answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  const body = (await response.json()) as { id_token?: string; expires_in?: number };
  if (!body.id_token) throw new Error('Cognito answered without an ID token');
  return { idToken: body.id_token, expiresIn: body.expires_in ?? 3600 };
};
