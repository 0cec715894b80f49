import { isRole, type Role } from '../identity/roles.ts';

/** Who is calling, read from the JWT claims that the API's authorizer verified. */
export interface Identity {
  subject: string;
  email: string;
  roles: Role[];
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * Cognito puts groups in `cognito:groups` as an array; API Gateway's JWT authorizer hands
 * arrays to the function as a string "[a b]". Both shapes (and a comma list) are read here.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter(Boolean);
}

export function identityFromClaims(claims: Claims | undefined): Identity | undefined {
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const email = typeof claims.email === 'string' ? claims.email : '';
  const roles = parseGroups(claims['cognito:groups']).filter(isRole);
  return { subject: claims.sub, email, roles: [...new Set(roles)] };
}
